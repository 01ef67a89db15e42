/**
 * `npm run bench`: Ferry's engine against the reference clients (curl, lftp,
 * OpenSSH sftp) on real servers on loopback. Not a test: it prints a table of
 * medians and Ferry/peer ratios and writes it to bench/last-results.md.
 *
 * Each case runs its sides side by side, alternating (the order rotates every
 * round), `FERRY_BENCH_ROUNDS` rounds; each run is timed as a whole
 * (connect + login + transfer + close) and then checked (sizes; sha256 of the
 * big file on Ferry's first run of each case). A run that fails or leaves
 * wrong data is not timed, and a case with such a Ferry run is INVALID.
 *
 * Environment: FERRY_BENCH_SIZE_MB (1024), FERRY_BENCH_ROUNDS (3), FERRY_BENCH_WARMUP=0 (no untimed
 * warm-up run of each side before a case's rounds),
 * FERRY_BENCH_ONLY (comma-separated case-name filters, e.g. "sftp,tree"),
 * FERRY_BENCH_QUEUE_SETTINGS (JSON merged into the queue settings),
 * `--profile`: requests per file for the tree cases instead (profile.ts; big file 16 MiB
 * unless FERRY_BENCH_SIZE_MB is set). FERRY_BENCH_OUT (the results file; bench/last-results.md), FERRY_TEST_TMPDIR
 * (where data and servers live; /dev/shm by default).
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { removeOnExit } from '../main/engine/testing/cleanup.js';
import { makeTempDir } from '../main/engine/testing/temp-dir.js';
import { buildCases, type BenchCase, type Slot } from './cases.js';
import { readConfig } from './config.js';
import { makeData } from './data.js';
import { queueSettings } from './ferry.js';
import { timedWithCpu } from './measure.js';
import { runProfile } from './profile.js';
import { renderCpuTable, renderDetails, renderTable, type CaseResult, type SideResult } from './report.js';
import { makeRemoteDir, startServers } from './servers.js';

const log = (text: string): void => void process.stdout.write(`${text}\n`);

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A side's run in a fresh slot (its own local folder and remote folder), removed afterwards. */
async function inSlot<T>(work: string, root: string, tag: string, use: (slot: Slot) => Promise<T>): Promise<T> {
  const slot: Slot = { localDir: join(work, 'out', tag), remoteRel: `up/${tag}` };
  await mkdir(slot.localDir, { recursive: true });
  await makeRemoteDir(root, slot.remoteRel);
  try {
    return await use(slot);
  } finally {
    await rm(slot.localDir, { recursive: true, force: true });
    await rm(join(root, slot.remoteRel), { recursive: true, force: true });
  }
}

/**
 * Every side once, untimed, before the timed rounds. The first run of a case
 * writes into memory the VM has not touched for a while and took up to 4x
 * longer than the rest (run 7: Ferry's first 1 GiB runs 3.5–8.6 s against
 * 0.7–5.4 s after); as round 1 starts with Ferry, that cost always fell on
 * Ferry's side. Failures here are only logged: the timed runs judge.
 */
async function warmUp(benchCase: BenchCase, work: string, root: string): Promise<void> {
  for (const [index, side] of benchCase.sides.entries()) {
    try {
      const seconds = await inSlot(work, root, `warm-${index}`, async (slot) => (await timedWithCpu(() => side.run(slot))).wall);
      log(`  warm-up ${side.label.padEnd(22)} ${seconds.toFixed(2)} s (not counted)`);
    } catch (error) {
      log(`  warm-up ${side.label.padEnd(22)} FAILED: ${message(error)} (not counted)`);
    }
  }
}

async function runCase(benchCase: BenchCase, rounds: number, warm: boolean, work: string, root: string): Promise<CaseResult> {
  const sides: SideResult[] = benchCase.sides.map((s) => ({ label: s.label, peer: s.peer, times: [], cpu: [], rest: [], errors: [] }));
  const hashed = new Set<number>();
  let slotCount = 0;
  if (warm) await warmUp(benchCase, work, root);
  for (let round = 0; round < rounds; round++) {
    const order = benchCase.sides.map((_, i) => (i + round) % benchCase.sides.length);
    for (const index of order) {
      const side = benchCase.sides[index];
      const result = sides[index];
      if (!side || !result) continue;
      try {
        await inSlot(work, root, `run-${++slotCount}`, async (slot) => {
          const { wall: seconds, cpu, rest } = await timedWithCpu(() => side.run(slot));
          const hash = !side.peer && !hashed.has(index);
          await benchCase.verify(slot, hash);
          if (hash) hashed.add(index);
          result.times.push(seconds);
          if (cpu !== null) result.cpu.push(cpu);
          if (rest !== null) result.rest.push(rest);
          const cpuText = (cpu === null ? '' : `, CPU ${cpu.toFixed(2)} s`) + (rest === null ? '' : `, rest of machine ${rest.toFixed(2)} s`);
          log(`  round ${round + 1} ${side.label.padEnd(22)} ${seconds.toFixed(2)} s${cpuText}${hash && benchCase.shape === 'file' ? ' (sha256 ok)' : ''}`);
        });
      } catch (error) {
        result.errors.push(message(error));
        log(`  round ${round + 1} ${side.label.padEnd(22)} FAILED: ${message(error)}`);
      }
    }
  }
  return { benchCase, sides };
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) {
    process.stderr.write('npm run bench needs root: it starts vsftpd and sshd (system user ferrytest, PAM) on loopback.\n');
    process.exit(2);
  }
  const profile = process.argv.includes('--profile');
  const config = { ...readConfig(), ...(profile && !process.env.FERRY_BENCH_SIZE_MB ? { sizeMb: 16 } : {}) };
  const started = new Date();
  const base = await makeTempDir('ferry-bench-');
  removeOnExit(base);
  await chmod(base, 0o755); // the server sessions (user ferrytest) must traverse it to the root
  const root = join(base, 'root');
  const work = join(base, 'local');
  const sourceDir = join(work, 'src');
  const scratch = join(work, 'scratch');
  await Promise.all([mkdir(root, { recursive: true }), mkdir(sourceDir, { recursive: true }), mkdir(scratch, { recursive: true })]);

  log(`Making data in ${base}: ${config.sizeMb} MiB random file, ${config.folders * config.filesPerFolder} x ${config.fileSize} B tree…`);
  const data = await makeData(config, root, sourceDir);
  await mkdir(join(root, 'up'), { recursive: true });
  log('Starting vsftpd (plain), vsftpd (explicit TLS) and sshd on loopback…');
  const servers = await startServers(root); // chowns the root (and the data) to the test user
  const results: CaseResult[] = [];
  try {
    if (profile) {
      await runProfile(config, data, servers, sourceDir, scratch, work);
      return;
    }
    const cases = buildCases({ config, data, servers, sourceDir, scratch });
    for (const benchCase of cases) {
      log(`\n${benchCase.name}`);
      results.push(await runCase(benchCase, config.rounds, config.warmUp, work, root));
    }
  } finally {
    await servers.stop();
    await rm(base, { recursive: true, force: true });
  }

  const table = renderTable(results);
  const header = [
    '# Ferry benchmark — last results',
    '',
    `${started.toISOString()} · ${config.rounds} rounds, medians${config.warmUp ? ', after one untimed warm-up run of each side' : ''} · big file ${config.sizeMb} MiB · tree ${data.tree.length} x ${config.fileSize} B in ${config.folders} folders · ` +
      `node ${process.version} · ${cpus().length} CPUs · load before ${loadavg()[0]?.toFixed(2)} · data on ${base.split('/').slice(0, -1).join('/') || '/'}`,
    '',
    `Servers: vsftpd 3.0.3 (plain; explicit TLS with session reuse) and OpenSSH sshd, loopback. Times are whole operations including login. ` +
      `Queue settings: ${JSON.stringify(queueSettings(config.parallel))} over the app defaults. Ratio = Ferry / peer.`,
    '',
  ].join('\n');
  const cpuTable = renderCpuTable(results);
  const cpuNote =
    'Client CPU (user + system): Ferry = this Node process during the run (esbuild bundle, in-process, no process start); ' +
    'peers = the client process and its children. Less sensitive to other load on the machine than wall time. ' +
    `Rest of machine = every CPU's busy time in /proc/stat during the run minus the client's: the servers, the kernel's loopback work, noise. ` +
    `On ${cpus().length} cores no run can take less wall time than (client + rest) / ${cpus().length}.`;
  const markdown = `${header}\n${table}\n\n## Client CPU\n\n${cpuNote}\n\n${cpuTable}\n\n## Runs\n\n${renderDetails(results)}\n`;
  log(`\n${table}\n\n${cpuTable}\n`);
  const out = process.env.FERRY_BENCH_OUT ?? join(process.cwd(), 'bench', 'last-results.md');
  await writeFile(out, markdown);
  log(`Written to ${out}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
