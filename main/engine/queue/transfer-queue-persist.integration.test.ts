/**
 * Connection limits and persistence against real servers:
 * - pure-ftpd with `-c 2 -C 2` refuses a third session with 421: the queue
 *   lowers the site's concurrency and every file still completes;
 * - a queue stopped mid-way and reopened on the same data folder continues
 *   (uploads and downloads, proftpd over FTPS and OpenSSH SFTP), without
 *   resending finished files, and everything ends sha256-equal.
 */
import { stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../shared/model/session.js';
import type { TransferJob } from '../../../shared/model/transfer.js';
import { localTempDir } from '../ftp/ftp-tests.testing.js';
import { requireServer } from '../testing/availability.js';
import { giveToTestUser } from '../testing/ownership.js';
import { startPureFtpd, startServer, type RunningServer, type ServerKind } from '../testing/servers/index.js';
import { partPath, remoteJoin } from './paths.js';
import { serverQueueFs, type TransferCall } from './queue-servers.testing.js';
import { makeTree, openTestQueue, sha256File, unfinished, type TreeFile } from './queue-tests.testing.js';
import type { TransferQueue } from './transfer-queue.js';

async function until(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const pure = requireServer('pure-ftpd');
describe.skipIf(pure.skip)(`"421 too many connections" on pure-ftpd${pure.skip ? ` (skipped: ${pure.reason})` : ''}`, () => {
  let server: RunningServer;
  let files: TreeFile[];
  beforeAll(async () => {
    server = await startPureFtpd({ maxConnections: 2 });
    files = await makeTree(join(server.root, 'tree'), 4, 10, [1000, 150_000, 600_000]);
    await giveToTestUser(server.root);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lowers the site\'s concurrency and completes every file', async () => {
    const conn = serverQueueFs(server, 'ftp-plain');
    const { queue, events } = await openTestQueue(conn.open, { concurrency: 6, perSiteLimit: 6 });
    const down = await localTempDir('ferry-queue-421-');
    await queue.add({ direction: 'download', siteKey: 'pure', remotePath: '/tree', type: 'dir', localDir: down });
    await queue.whenIdle();
    expect(unfinished(queue.snapshot().jobs)).toEqual([]);
    for (const file of files) expect(await sha256File(join(down, 'tree', file.rel))).toBe(file.sha256);
    const notices = events.flatMap((event) => (event.type === 'notice' ? [event.text] : []));
    expect(notices.some((text) => /refused another connection \(.*421.*\); using [12] from now on/.test(text))).toBe(true);
    expect(conn.live.peak).toBeLessThanOrEqual(2);
    console.info(`pure-ftpd -c 2: ${notices.join(' / ')}; peak ${conn.live.peak} connections, ${conn.opened.length} opened`);
    await queue.close();
  });
});

const PERSIST: readonly { kind: ServerKind; protocol: Protocol; tls: 'none' | 'explicit' }[] = [
  { kind: 'proftpd', protocol: 'ftpes', tls: 'explicit' },
  { kind: 'sshd', protocol: 'sftp', tls: 'none' },
];
const SIZES = [1000, 300_001, 2_000_003];

/**
 * Lets `queue` run until `count` jobs are done and then until a big file is
 * part-way at its target (`partSize` reads the partial file), then closes it —
 * a quit in the middle of a file. Falls back to closing after `count` when no
 * such moment comes.
 */
async function stopMidFile(queue: TransferQueue, count: number, partSize: (job: TransferJob) => Promise<number>): Promise<number> {
  await until(() => queue.snapshot().totals.byStatus.done >= count);
  const deadline = Date.now() + 10_000;
  search: while (Date.now() < deadline) {
    for (const job of queue.snapshot().jobs) {
      if (job.state.status !== 'running' || (job.size ?? 0) < 1_000_000) continue;
      const size = await partSize(job);
      if (size > 0 && size < (job.size ?? 0)) break search;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await queue.close();
  return queue.snapshot().jobs.filter((job) => job.kind === 'file' && job.state.status === 'done').length;
}

const relative = (home: string, path: string): string => posix.relative(home, path);
const sizeOrZero = (path: string): Promise<number> => stat(path).then((st) => st.size, () => 0);

/** Checks the second run: finished files were not sent again; a resumed file sent exactly the rest. */
function checkNoResend(firstDone: ReadonlySet<string>, second: readonly TransferCall[], sizeOf: (path: string) => number): number {
  let resumed = 0;
  for (const call of second) {
    expect(firstDone.has(call.path), call.path).toBe(false);
    expect(call.bytes, call.path).toBe(sizeOf(call.path) - call.offset);
    if (call.offset > 0) resumed++;
  }
  return resumed;
}

/** Files stopped part-way (bytes at the target, not done) — what the second run must not send again. */
function partial(queue: TransferQueue): string {
  const jobs = queue.snapshot().jobs.filter((job) => job.kind === 'file' && job.state.status !== 'done' && job.transferred > 0);
  return jobs.map((job) => `${job.transferred}/${job.size ?? '?'} B`).join(', ') || 'none';
}

for (const c of PERSIST) {
  const req = requireServer(c.kind);
  describe.skipIf(req.skip)(`a stopped queue continues on ${c.kind} (${c.protocol})${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    let server: RunningServer;
    let local: string;
    let files: TreeFile[];
    beforeAll(async () => {
      server = await startServer(c.kind, { tls: c.tls });
      local = await localTempDir('ferry-queue-persist-');
      files = await makeTree(join(local, 'tree'), 6, 10, SIZES);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('uploads, stopped mid-way and reopened on the same data folder, end sha256-equal', async () => {
      const first = serverQueueFs(server, c.protocol);
      const run1 = await openTestQueue(first.open, { concurrency: 2 });
      await run1.queue.add({ direction: 'upload', siteKey: c.kind, localPath: join(local, 'tree'), remoteDir: server.home });
      const doneFirst = await stopMidFile(run1.queue, 20, (job) => sizeOrZero(partPath(join(server.root, relative(server.home, job.remotePath)))));
      const firstDone = new Set(run1.queue.snapshot().jobs.filter((job) => job.kind === 'file' && job.state.status === 'done').map((job) => partPath(job.remotePath)));

      const second = serverQueueFs(server, c.protocol);
      const run2 = await openTestQueue(second.open, {}, { dataDir: run1.dataDir });
      await run2.queue.whenIdle();
      expect(unfinished(run2.queue.snapshot().jobs)).toEqual([]);
      for (const file of files) expect(await sha256File(join(server.root, 'tree', file.rel)), file.rel).toBe(file.sha256);
      const byPath = new Map(files.map((file) => [partPath(`${remoteJoin(server.home, 'tree')}/${file.rel}`), file.size]));
      const resumed = checkNoResend(firstDone, second.calls, (path) => byPath.get(path) ?? -1);
      console.info(`${c.kind} upload: ${doneFirst} of ${files.length} files done before the stop; second run sent ${second.calls.length} files, ${resumed} resumed mid-file; partial at the stop: ${partial(run1.queue)}`);
      await run2.queue.close();
    });

    it('downloads, stopped mid-way and reopened on the same data folder, end sha256-equal', async () => {
      await giveToTestUser(server.root);
      const down = await localTempDir('ferry-queue-persist-down-');
      const first = serverQueueFs(server, c.protocol);
      const run1 = await openTestQueue(first.open, { concurrency: 2 });
      await run1.queue.add({ direction: 'download', siteKey: c.kind, remotePath: remoteJoin(server.home, 'tree'), type: 'dir', localDir: down });
      const doneFirst = await stopMidFile(run1.queue, 20, (job) => sizeOrZero(partPath(job.localPath)));
      const firstDone = new Set(run1.queue.snapshot().jobs.filter((job) => job.kind === 'file' && job.state.status === 'done').map((job) => job.remotePath));

      const second = serverQueueFs(server, c.protocol);
      const run2 = await openTestQueue(second.open, {}, { dataDir: run1.dataDir });
      await run2.queue.whenIdle();
      expect(unfinished(run2.queue.snapshot().jobs)).toEqual([]);
      for (const file of files) expect(await sha256File(join(down, 'tree', file.rel)), file.rel).toBe(file.sha256);
      const byPath = new Map(files.map((file) => [`${remoteJoin(server.home, 'tree')}/${file.rel}`, file.size]));
      const resumed = checkNoResend(firstDone, second.calls, (path) => byPath.get(path) ?? -1);
      console.info(`${c.kind} download: ${doneFirst} of ${files.length} files done before the stop; second run sent ${second.calls.length} files, ${resumed} resumed mid-file; partial at the stop: ${partial(run1.queue)}`);
      await run2.queue.close();
    });
  });
}
