/**
 * `npm run bench -- --profile`: where the time of the small-file cases goes,
 * measured in something the machine's load cannot blur — requests per file.
 * Counts every FTP command (Ferry's protocol log; `lftp -d` for lftp) and
 * every SFTP request (ssh2's SFTP methods, counted in place) for the tree
 * down and up: the adapters alone, the queue with the app's defaults, and
 * the queue with temp names / time preservation / checksums off. Times are
 * printed too (one run each, so only as a hint).
 */
import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { QueueSettings } from '../shared/model/transfer.js';
import type { LogKind } from '../shared/model/log.js';
import type { BenchConfig, BenchProtocol } from './config.js';
import { TREE_NAME, verifyTree, type BenchData } from './data.js';
import { ferryDownloadTree, ferryQueueTree, ferryUploadTree, type FerryTarget } from './ferry.js';
import { timed } from './measure.js';
import { clientPath, makeRemoteDir, type BenchServers } from './servers.js';

type Counts = Map<string, number>;

let sftpCounts: Counts | null = null;

/** Counts calls of ssh2's SFTP request methods (one call = one request, except fastGet/fastPut, unused by Ferry). */
function instrumentSftp(): void {
  const require = createRequire(join(process.cwd(), 'package.json'));
  const { SFTP } = require('ssh2/lib/protocol/SFTP.js') as { SFTP: { prototype: Record<string, unknown> } };
  const methods = ['open', 'close', 'read', 'write', 'fstat', 'stat', 'lstat', 'setstat', 'fsetstat', 'futimes', 'utimes', 'rename', 'ext_openssh_rename', 'mkdir', 'rmdir', 'unlink', 'readdir', 'opendir', 'realpath'];
  for (const name of methods) {
    const original = SFTP.prototype[name];
    if (typeof original !== 'function') continue;
    SFTP.prototype[name] = function (this: unknown, ...args: unknown[]) {
      if (sftpCounts) sftpCounts.set(name, (sftpCounts.get(name) ?? 0) + 1);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
}

function lftpDebugCounts(args: readonly string[]): Promise<Counts> {
  return new Promise((resolve, reject) => {
    const child = spawn('lftp', ['-d', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const counts: Counts = new Map();
    let rest = '';
    const take = (d: string): void => {
      rest += d;
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const m = /---> (\S+)/.exec(line);
        if (m?.[1]) counts.set(m[1].toUpperCase(), (counts.get(m[1].toUpperCase()) ?? 0) + 1);
      }
    };
    child.stdout.setEncoding('utf8').on('data', take);
    child.stderr.setEncoding('utf8').on('data', take);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(counts) : reject(new Error(`lftp exit ${code}`))));
  });
}

function summary(counts: Counts, files: number): string {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const verbs = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([verb, n]) => `${verb} ${(n / files).toFixed(2)}`)
    .join(', ');
  return `${total} requests, ${(total / files).toFixed(2)}/file: ${verbs}`;
}

export async function runProfile(config: BenchConfig, data: BenchData, servers: BenchServers, sourceDir: string, scratch: string, work: string): Promise<void> {
  instrumentSftp();
  const files = data.tree.length;
  const out = (text: string): void => void process.stdout.write(`${text}\n`);
  const variants: { label: string; settings: Partial<QueueSettings> }[] = [
    { label: 'queue defaults', settings: {} },
    { label: 'queue tempNames off', settings: { tempNames: false } },
    { label: 'queue preserveTimes off', settings: { preserveTimes: false } },
    { label: 'queue verifyChecksums off', settings: { verifyChecksums: false } },
    { label: 'queue all three off', settings: { tempNames: false, preserveTimes: false, verifyChecksums: false } },
  ];
  let n = 0;
  for (const protocol of ['FTP', 'FTPS', 'SFTP'] as BenchProtocol[]) {
    const server = servers.byProtocol[protocol];
    for (const direction of ['download', 'upload'] as const) {
      out(`\n${protocol} tree ${direction} (${files} files, parallel ${config.parallel})`);
      const runs: { label: string; run: (t: FerryTarget, localDir: string, remoteRel: string) => Promise<void> }[] = [
        {
          label: `adapter x${config.parallel}`,
          run: (t, localDir, remoteRel) =>
            direction === 'download'
              ? ferryDownloadTree(t, clientPath(server, TREE_NAME), join(localDir, TREE_NAME), config.parallel)
              : ferryUploadTree(t, join(sourceDir, TREE_NAME), clientPath(server, `${remoteRel}/${TREE_NAME}`), config.parallel),
        },
        ...variants.map((v) => ({
          label: v.label,
          run: (t: FerryTarget, localDir: string, remoteRel: string) =>
            ferryQueueTree(
              t,
              direction === 'download'
                ? { direction: 'download', remotePath: clientPath(server, TREE_NAME), localDir }
                : { direction: 'upload', localPath: join(sourceDir, TREE_NAME), remoteDir: clientPath(server, remoteRel) },
              config.parallel,
              scratch,
              v.settings,
            ),
        })),
      ];
      for (const r of runs) {
        const counts: Counts = new Map();
        const log = (kind: LogKind, text: string): void => {
          if (kind !== 'command') return;
          const verb = text.split(' ')[0]?.toUpperCase() ?? '?';
          counts.set(verb, (counts.get(verb) ?? 0) + 1);
        };
        const t: FerryTarget = { protocol, server, clientKey: servers.clientKey, log };
        const localDir = join(work, 'out', `profile-${++n}`);
        const remoteRel = `up/profile-${n}`;
        await mkdir(localDir, { recursive: true });
        await makeRemoteDir(servers.root, remoteRel);
        sftpCounts = protocol === 'SFTP' ? counts : null;
        try {
          const s = await timed(() => r.run(t, localDir, remoteRel));
          await verifyTree(data, direction === 'download' ? join(localDir, TREE_NAME) : join(servers.root, remoteRel, TREE_NAME));
          out(`  ${r.label.padEnd(26)} ${s.toFixed(2)} s  ${summary(counts, files)}`);
        } catch (error) {
          out(`  ${r.label.padEnd(26)} FAILED: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          sftpCounts = null;
          await rm(localDir, { recursive: true, force: true });
          await rm(join(servers.root, remoteRel), { recursive: true, force: true });
        }
      }
      if (protocol !== 'SFTP') {
        const localDir = join(work, 'out', `profile-${++n}`);
        const remoteRel = `up/profile-${n}`;
        await mkdir(localDir, { recursive: true });
        await makeRemoteDir(servers.root, remoteRel);
        const tls = protocol === 'FTPS' ? 'set ssl:verify-certificate no; set ftp:ssl-force true; set ftp:ssl-protect-data true; ' : 'set ftp:ssl-allow no; ';
        const mirror =
          direction === 'download'
            ? `mirror -P ${config.parallel} /${TREE_NAME} ${join(localDir, TREE_NAME)}`
            : `mirror -R -P ${config.parallel} ${join(sourceDir, TREE_NAME)} /${remoteRel}/${TREE_NAME}`;
        try {
          let counts: Counts = new Map();
          const s = await timed(async () => {
            counts = await lftpDebugCounts(['-c', `${tls}open -u ${server.user},${server.password} -p ${server.port} ${server.host}; ${mirror}; quit`]);
          });
          out(`  ${'lftp mirror (-d)'.padEnd(26)} ${s.toFixed(2)} s  ${summary(counts, files)}`);
        } catch (error) {
          out(`  lftp FAILED: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          await rm(localDir, { recursive: true, force: true });
          await rm(join(servers.root, remoteRel), { recursive: true, force: true });
        }
      }
    }
  }
}
