#!/usr/bin/env node
/**
 * `npm test`: the whole suite, in the order that fails fastest — types, lint,
 * build (the e2e specs drive the built app), then every vitest project (unit,
 * integration against real servers, e2e in Chromium). Ends with one line
 * `Summary: N passed, N failed, N skipped` and a non-zero exit on any failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const extra = process.argv.slice(2);

function step(label, command, args) {
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stdout.write(`\n✗ ${label} failed\nSummary: 0 passed, 1 failed\n`);
    process.exit(result.status ?? 1);
  }
}

step('Type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('Lint', bin('eslint'), ['.']);
step('Build', process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet']);

const outDir = mkdtempSync(join(tmpdir(), 'ferry-test-report-'));
const report = join(outDir, 'report.json');
process.stdout.write('\n▶ Tests (unit, integration, e2e)\n');
const run = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], { cwd: root, stdio: 'inherit' });
let summary = null;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  summary = { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
} catch {
  // no report: vitest itself failed to start; the exit code below says so
}
rmSync(outDir, { recursive: true, force: true });
if (summary) process.stdout.write(`\nSummary: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`);
process.exit(run.status ?? 1);
