/**
 * Temp names and resume against real servers: while an upload runs its final
 * name does not exist; a forced failure leaves no file under the final name;
 * a transfer stopped mid-file continues from the cut, sending exactly
 * size − offset bytes, and ends sha256-equal. Uploads and downloads, on
 * vsftpd, pure-ftpd, proftpd (FTP) and OpenSSH (SFTP).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../shared/model/session.js';
import { localTempDir } from '../ftp/ftp-tests.testing.js';
import { requireServer } from '../testing/availability.js';
import { giveToTestUser } from '../testing/ownership.js';
import { startServer, type RunningServer, type ServerKind } from '../testing/servers/index.js';
import { partPath, remoteJoin } from './paths.js';
import { serverQueueFs } from './queue-servers.testing.js';
import { openTestQueue, sha256, sha256File } from './queue-tests.testing.js';

const CASES: readonly { kind: ServerKind; protocol: Protocol }[] = [
  { kind: 'vsftpd', protocol: 'ftp-plain' },
  { kind: 'pure-ftpd', protocol: 'ftp-plain' },
  { kind: 'proftpd', protocol: 'ftp-plain' },
  { kind: 'sshd', protocol: 'sftp' },
];

const SIZE = 64 * 1024 * 1024 + 123;

/**
 * Resolves once `path` holds at least `min` bytes (polling; the server writes
 * as data arrives). An FTP upload's first progress report counts bytes read
 * from disk, which may not have reached the server yet: stopping then could
 * leave nothing to resume from.
 */
async function whenFileHolds(path: string, min: number): Promise<void> {
  for (;;) {
    const size = await stat(path).then((st) => st.size, () => 0);
    if (size >= min) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

for (const c of CASES) {
  const req = requireServer(c.kind);
  describe.skipIf(req.skip)(`temp names and resume on ${c.kind}${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    let server: RunningServer;
    let local: string;
    let data: Buffer;

    beforeAll(async () => {
      server = await startServer(c.kind);
      local = await localTempDir('ferry-queue-resume-');
      data = randomBytes(SIZE);
      await writeFile(join(local, 'big.bin'), data);
      await writeFile(join(server.root, 'remote.bin'), data);
      await giveToTestUser(server.root);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('uploads under a temp name, stops mid-file, and resumes from the server\'s size', async () => {
      const conn = serverQueueFs(server, c.protocol);
      const { queue } = await openTestQueue(conn.open);
      const final = join(server.root, 'big.bin');
      const finalSeen: boolean[] = [];
      let id = '';
      let stopping = false;
      conn.onProgress = (call) => {
        finalSeen.push(existsSync(final));
        if (call.offset !== 0 || stopping) return;
        stopping = true;
        void whenFileHolds(partPath(final), 1024 * 1024).then(() => queue.pause([id]));
      };
      ({ ids: [id = ''] } = await queue.add({ direction: 'upload', siteKey: c.kind, localPath: join(local, 'big.bin'), remoteDir: server.home }));
      await queue.whenIdle();
      expect(queue.get(id)?.state.status).toBe('paused');
      expect(existsSync(final)).toBe(false);
      const cut = (await stat(partPath(final))).size;
      expect(cut).toBeGreaterThan(0);
      expect(cut).toBeLessThan(SIZE);

      conn.onProgress = () => void finalSeen.push(existsSync(final));
      queue.resume([id]);
      await queue.whenIdle();
      expect(queue.get(id)?.state.status).toBe('done');
      const [first, second] = conn.calls;
      expect(first).toMatchObject({ op: 'upload', offset: 0, bytes: null });
      // The server may still write what was in flight after the stop, so the resume point is its size at resume time.
      const offset = second?.offset ?? 0;
      expect(offset).toBeGreaterThanOrEqual(cut);
      expect(offset).toBeLessThan(SIZE);
      expect(second).toMatchObject({ op: 'upload', bytes: SIZE - offset });
      expect(finalSeen.length).toBeGreaterThan(1);
      expect(finalSeen.every((seen) => !seen)).toBe(true);
      expect(await sha256File(final)).toBe(sha256(data));
      expect(existsSync(partPath(final))).toBe(false);
      console.info(`${c.kind}: upload stopped at ${offset} of ${SIZE} bytes, resumed with ${SIZE - offset}`);
      await queue.close();
    });

    it('downloads under a temp name, stops mid-file, and resumes from the local size', async () => {
      const conn = serverQueueFs(server, c.protocol);
      const { queue } = await openTestQueue(conn.open);
      const down = await localTempDir('ferry-queue-resume-down-');
      const final = join(down, 'remote.bin');
      let id = '';
      conn.onProgress = (call, bytes) => {
        if (call.offset === 0 && bytes > 0 && queue.get(id)?.state.status === 'running') queue.pause([id]);
      };
      ({ ids: [id = ''] } = await queue.add({ direction: 'download', siteKey: c.kind, remotePath: remoteJoin(server.home, 'remote.bin'), type: 'file', localDir: down }));
      await queue.whenIdle();
      expect(queue.get(id)?.state.status).toBe('paused');
      expect(existsSync(final)).toBe(false);
      const cut = (await stat(partPath(final))).size;
      expect(cut).toBeGreaterThan(0);
      expect(cut).toBeLessThan(SIZE);
      queue.resume([id]);
      await queue.whenIdle();
      expect(queue.get(id)?.state.status).toBe('done');
      expect(conn.calls[1]).toMatchObject({ op: 'download', offset: cut, bytes: SIZE - cut });
      expect(await sha256File(final)).toBe(sha256(data));
      console.info(`${c.kind}: download stopped at ${cut} of ${SIZE} bytes, resumed with ${SIZE - cut}`);
      await queue.close();
    });

    it('leaves no file under the final name when an upload fails', async () => {
      const conn = serverQueueFs(server, c.protocol);
      const { queue } = await openTestQueue(conn.open, { retries: 0 });
      await writeFile(join(local, 'doomed.bin'), data);
      conn.onProgress = (_call, bytes, fs) => {
        if (bytes > 0) void fs.close(); // the connection dies mid-upload
      };
      const { ids } = await queue.add({ direction: 'upload', siteKey: c.kind, localPath: join(local, 'doomed.bin'), remoteDir: server.home });
      await queue.whenIdle();
      expect(queue.get(ids[0] ?? '')?.state).toMatchObject({ status: 'failed' });
      expect(existsSync(join(server.root, 'doomed.bin'))).toBe(false);
      await queue.close();
    });
  });
}
