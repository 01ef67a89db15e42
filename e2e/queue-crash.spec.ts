/**
 * Crash safety of the queue, as the issue demands it: the host process is
 * killed (SIGKILL) in the middle of an upload queue and started again on the
 * same data folder; the queue continues, no finished file is sent again, and
 * every file ends sha256-equal on the server.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromptRequest } from '../shared/model/prompt.js';
import type { TransferJob } from '../shared/model/transfer.js';
import { requireServer } from '../main/engine/testing/availability.js';
import { startVsftpd, type RunningServer } from '../main/engine/testing/servers/index.js';
import { startBrowserHost, type BrowserHost } from './support/browser-host.js';
import { connectToHost } from './support/ws-rpc.js';

const FILES = 40;
const FILE_BYTES = 2 * 1024 * 1024;
const server = requireServer('vsftpd');

const sha256 = async (path: string): Promise<string> => createHash('sha256').update(await readFile(path)).digest('hex');

describe.skipIf(server.skip)(`queue survives a killed host${server.skip ? ` (skipped: ${server.reason})` : ''}`, () => {
  let ftp: RunningServer;
  let source: string;
  let dataDir: string;
  let host: BrowserHost | undefined;

  beforeAll(async () => {
    ftp = await startVsftpd({});
    await mkdir(join(ftp.root, 'up'));
    const { giveToTestUser } = await import('../main/engine/testing/ownership.js');
    await giveToTestUser(join(ftp.root, 'up'));
    source = await mkdtemp(join(tmpdir(), 'ferry-crash-src-'));
    await mkdir(join(source, 'batch'));
    for (let i = 0; i < FILES; i++) await writeFile(join(source, 'batch', `file-${String(i).padStart(2, '0')}.bin`), randomBytes(FILE_BYTES));
    dataDir = await mkdtemp(join(tmpdir(), 'ferry-crash-data-'));
  });

  afterAll(async () => {
    await host?.stop();
    await ftp?.stop();
    await rm(source, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('continues after SIGKILL without resending finished files, and every file ends sha256-equal', async () => {
    host = await startBrowserHost({}, { dataDir });
    const first = await connectToHost(host);
    await first.call('queue.updateSettings', { concurrency: 2, uploadLimit: 16 * 1024 * 1024 });
    const session = await first.call('session.connect', {
      protocol: 'ftp-plain',
      host: ftp.host,
      port: ftp.port,
      user: ftp.user,
      password: ftp.password,
      transferMode: 'passive',
    });
    await first.call('queue.add', { sessionId: session.sessionId, items: [{ direction: 'upload', localPath: join(source, 'batch'), remoteDir: '/up' }] });
    const done = (jobs: readonly TransferJob[]) => jobs.filter((job) => job.kind === 'file' && job.state.status === 'done');
    await expect.poll(async () => done((await first.call('queue.snapshot', {})).jobs).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(8);

    const finishedBefore = done((await first.call('queue.snapshot', {})).jobs).map((job) => job.remotePath);
    const inodes = new Map<string, number>();
    for (const remote of finishedBefore) inodes.set(remote, (await stat(join(ftp.root, remote))).ino);
    await host.crash();
    first.close();

    host = await startBrowserHost({}, { dataDir });
    const second = await connectToHost(host);
    // after the restart the quick-connect password is not on disk: Ferry asks for it
    // (the restored queue may have asked before this client connected: pending prompts are fetched too, as the UI does)
    // A file whose upload finished after the last save is found at its final name: like a user, overwrite it.
    const answer = (request: PromptRequest): void => {
      if (request.kind === 'secret') void second.call('prompt.answer', { promptId: request.promptId, answer: { kind: 'secret', value: ftp.password } });
      if (request.kind === 'file-exists') {
        void second.call('prompt.answer', { promptId: request.promptId, answer: { kind: 'conflict', answer: { action: 'overwrite', applyToAll: false } } });
      }
    };
    second.on('prompt.request', answer);
    for (const request of await second.call('prompt.pending', {})) answer(request);
    const restored = await second.call('queue.snapshot', {});
    expect(restored.jobs.filter((job) => job.kind === 'file')).toHaveLength(FILES);
    // what was saved as done before the kill is what must not be sent again
    const savedDone = new Set(done(restored.jobs).map((job) => job.remotePath));
    expect(savedDone.size).toBeGreaterThan(0);
    await second.call('queue.resume', {});
    const pendingJobs = async () => (await second.call('queue.snapshot', {})).jobs.filter((job) => job.state.status !== 'done').map((job) => `${job.remotePath}: ${JSON.stringify(job.state)}`);
    await expect
      .poll(pendingJobs, { timeout: 120_000, interval: 250 })
      .toEqual([]);

    for (let i = 0; i < FILES; i++) {
      const name = `file-${String(i).padStart(2, '0')}.bin`;
      expect(await sha256(join(ftp.root, 'up', 'batch', name)), name).toBe(await sha256(join(source, 'batch', name)));
    }
    // files saved as finished before the crash were not uploaded again (a re-upload renames a new temp file over them)
    for (const [remote, inode] of inodes) {
      if (savedDone.has(remote)) expect((await stat(join(ftp.root, remote))).ino, remote).toBe(inode);
    }
    second.close();
  }, 240_000);
});
