#!/usr/bin/env node
/**
 * `npm run bench`: bundles bench/run-bench.ts with esbuild (as scripts/build.mjs
 * does for the app; dependencies stay external and load from node_modules)
 * into a temporary file under bench/.build and runs it. Needs root: the
 * benchmark starts vsftpd and sshd on loopback with the test harness.
 * Not part of `npm test`. Settings: see bench/run-bench.ts; `npm run bench -- --profile`
 * counts requests per file instead (bench/profile.ts).
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (typeof process.getuid === 'function' && process.getuid() !== 0) {
  process.stderr.write('npm run bench needs root: it starts vsftpd and sshd (as the system user ferrytest) on loopback. Run it as root.\n');
  process.exit(2);
}

// Inside the repository so that the external packages resolve from node_modules.
mkdirSync(join(root, 'bench', '.build'), { recursive: true });
const dir = mkdtempSync(join(root, 'bench', '.build', 'run-'));
const outfile = join(dir, 'run-bench.mjs');
const cleanup = () => rmSync(dir, { recursive: true, force: true });

try {
  await build({
    absWorkingDir: root,
    entryPoints: ['bench/run-bench.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
} catch (error) {
  cleanup();
  throw error;
}

const child = spawn(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FERRY_BENCH_OUT: process.env.FERRY_BENCH_OUT ?? join(root, 'bench', 'last-results.md') },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => {
  cleanup();
  try {
    rmdirSync(join(root, 'bench', '.build')); // only when empty: another run may be using it
  } catch {
    // not empty
  }
  process.exit(code ?? (signal ? 1 : 0));
});
