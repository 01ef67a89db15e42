/**
 * The queue against real servers: a tree of 200 files in 20 folders (plus an
 * empty one) uploaded and downloaded back on vsftpd (FTPS), pure-ftpd (plain
 * FTP), proftpd (FTPS, checksums via mod_digest) and OpenSSH (SFTP). Every
 * file must come back sha256-equal, structure and empty folders kept, times
 * preserved where the server can set them, nothing left under a temp name.
 */
import { existsSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../shared/model/session.js';
import { localTempDir } from '../ftp/ftp-tests.testing.js';
import { requireServer } from '../testing/availability.js';
import { startServer, type RunningServer, type ServerKind } from '../testing/servers/index.js';
import { PART_SUFFIX } from './paths.js';
import { serverQueueFs } from './queue-servers.testing.js';
import { makeTree, openTestQueue, sha256File, treeTime, unfinished, type TreeFile } from './queue-tests.testing.js';
import { walkTree } from './queue-streams.testing.js';

interface Case {
  readonly kind: ServerKind;
  readonly protocol: Protocol;
  readonly tls: 'none' | 'explicit';
  /** Why uploaded files cannot keep their time on this server, or null when they must. */
  readonly noUploadTimes: string | null;
  readonly verified: 'size' | 'checksum';
  /**
   * File sizes of the tree. vsftpd's has no empty file: `FtpFs.upload` of an
   * empty file over FTPS fails on vsftpd 3.0.3 with "the server did not answer
   * in TLS — wrong version number" (always at TLS 1.3, now and then at 1.2), an
   * adapter bug pinned by the `it.fails` below. proftpd answers the same upload
   * with a transient 425 now and then, which the queue's retry absorbs.
   */
  readonly sizes: readonly number[];
  /**
   * How far a downloaded file's time may be from the server's: none — every
   * adapter tells exact times (`modifiedTime`: MDTM on FTP, even on vsftpd
   * whose `LIST` has minute precision; stat on SFTP).
   */
  readonly downloadTimeSlackMs: number;
}

const SIZES = [0, 1, 4096, 65_537, 200_003];

const CASES: readonly Case[] = [
  { kind: 'vsftpd', protocol: 'ftpes', tls: 'explicit', noUploadTimes: 'vsftpd 3.0.3 has neither MFMT nor SITE UTIME', verified: 'size', sizes: [1, 2, 4096, 65_537, 200_003], downloadTimeSlackMs: 0 },
  { kind: 'pure-ftpd', protocol: 'ftp-plain', tls: 'none', noUploadTimes: null, verified: 'size', sizes: SIZES, downloadTimeSlackMs: 0 },
  { kind: 'proftpd', protocol: 'ftpes', tls: 'explicit', noUploadTimes: null, verified: 'checksum', sizes: SIZES, downloadTimeSlackMs: 0 },
  { kind: 'sshd', protocol: 'sftp', tls: 'none', noUploadTimes: null, verified: 'size', sizes: SIZES, downloadTimeSlackMs: 0 },
];

const FOLDERS = 20;
const PER_FOLDER = 10;

for (const c of CASES) {
  const req = requireServer(c.kind);
  describe.skipIf(req.skip)(`queue round trip on ${c.kind} (${c.protocol})${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    let server: RunningServer;
    let local: string;
    let files: TreeFile[];

    beforeAll(async () => {
      server = await startServer(c.kind, { tls: c.tls });
      local = await localTempDir('ferry-queue-it-');
      files = await makeTree(join(local, 'tree'), FOLDERS, PER_FOLDER, c.sizes);
    });
    afterAll(async () => {
      await server?.stop();
    });

    // Regression: zero-byte uploads to vsftpd over TLS 1.3 used to fail ("wrong version number" / 426); ftp-transfer.ts now waits for the session ticket.
    if (c.kind === 'vsftpd') it('uploads empty files over FTPS to vsftpd', async () => {
      const conn = serverQueueFs(server, c.protocol);
      const { queue } = await openTestQueue(conn.open, { retries: 0 });
      for (let i = 0; i < 10; i++) await writeFile(join(local, `empty-${i}.bin`), '');
      for (let i = 0; i < 10; i++) await queue.add({ direction: 'upload', siteKey: 'empty', localPath: join(local, `empty-${i}.bin`), remoteDir: server.home });
      await queue.whenIdle();
      const failed = unfinished(queue.snapshot().jobs);
      await queue.close();
      expect(failed).toEqual([]);
    });

    it('uploads 200 files in 20 folders, then downloads them back, all sha256-equal', async () => {
      const conn = serverQueueFs(server, c.protocol);
      const logs: string[] = [];
      const { queue } = await openTestQueue(conn.open, { concurrency: 4 }, { log: (text) => logs.push(text) });
      const started = performance.now();
      const up = await queue.add({ direction: 'upload', siteKey: c.kind, localPath: join(local, 'tree'), remoteDir: server.home });
      expect(up.ids).toHaveLength(1 + 1 + FOLDERS + FOLDERS * PER_FOLDER);
      await queue.whenIdle();
      const upSeconds = (performance.now() - started) / 1000;
      expect(unfinished(queue.snapshot().jobs)).toEqual([]);

      const uploaded = join(server.root, 'tree');
      expect(await walkTree(uploaded)).toEqual(await walkTree(join(local, 'tree')));
      for (const file of files) {
        expect(await sha256File(join(uploaded, file.rel)), file.rel).toBe(file.sha256);
        if (c.noUploadTimes === null) expect((await stat(join(uploaded, file.rel))).mtimeMs, file.rel).toBe(treeTime(file.rel, PER_FOLDER));
      }
      const jobs = queue.snapshot().jobs.filter((job) => job.kind === 'file');
      expect(new Set(jobs.map((job) => (job.state.status === 'done' ? job.state.verified : job.state.status)))).toEqual(new Set([c.verified]));

      queue.clearDone();
      const down = await localTempDir('ferry-queue-it-down-');
      const downStarted = performance.now();
      await queue.add({ direction: 'download', siteKey: c.kind, remotePath: `${server.home === '/' ? '' : server.home}/tree`, type: 'dir', localDir: down });
      await queue.whenIdle();
      const downSeconds = (performance.now() - downStarted) / 1000;
      expect(unfinished(queue.snapshot().jobs)).toEqual([]);
      expect(await walkTree(join(down, 'tree'))).toEqual(await walkTree(join(local, 'tree')));
      for (const file of files) {
        expect(await sha256File(join(down, 'tree', file.rel)), file.rel).toBe(file.sha256);
        // Downloads keep the server's time (MLSD / SFTP attributes: whole seconds).
        const remoteTime = Math.floor((await stat(join(uploaded, file.rel))).mtimeMs / 1000) * 1000;
        const localTime = (await stat(join(down, 'tree', file.rel))).mtimeMs;
        if (c.downloadTimeSlackMs === 0) expect(localTime, file.rel).toBe(remoteTime);
        else expect(Math.abs(localTime - remoteTime), file.rel).toBeLessThan(c.downloadTimeSlackMs);
      }
      expect((await walkTree(uploaded)).filter((name) => name.endsWith(PART_SUFFIX))).toEqual([]);
      expect(existsSync(join(down, 'tree', 'empty folder'))).toBe(true);
      const opened = conn.opened.length;
      await queue.close();
      const mb = files.reduce((sum, file) => sum + file.size, 0) / 1e6;
      console.info(`${c.kind} (${c.protocol}): 200 files, ${mb.toFixed(1)} MB — up ${upSeconds.toFixed(2)} s, down ${downSeconds.toFixed(2)} s, ${opened} connections; ${c.noUploadTimes ? `upload times not checked: ${c.noUploadTimes}` : 'upload times preserved'}`);
      const retries = logs.filter((text) => text.startsWith('Retrying'));
      if (retries.length > 0) console.info(`${c.kind}: ${retries.length} retries, e.g. ${retries.slice(0, 3).join(' | ')}`);
      if (c.noUploadTimes) expect(logs.some((text) => /Modification times are not preserved/.test(text))).toBe(true);
    });
  });
}
