/**
 * The queue at scale against real servers, one server at a time: a tree of
 * 2,000 random files (4–16 KiB) in 20 folders and one 100 MB random file are
 * uploaded, then downloaded back, with 6 transfers at once, on vsftpd (plain
 * and explicit TLS), pure-ftpd, proftpd and OpenSSH (SFTP). Every file must be
 * sha256-equal on the server and back home (hashed as streams), times kept
 * where the server can set them, nothing left under a temp name. Timings are
 * printed per server.
 */
import { randomInt } from 'node:crypto';
import { rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../../shared/model/entry.js';
import type { Protocol } from '../../../shared/model/session.js';
import { localTempDir } from '../ftp/ftp-tests.testing.js';
import { requireServer } from '../testing/availability.js';
import { giveToTestUser } from '../testing/ownership.js';
import { startServer, type RunningServer, type ServerKind } from '../testing/servers/index.js';
import { PART_SUFFIX, remoteJoin } from './paths.js';
import { serverQueueFs, type ServerQueueFs } from './queue-servers.testing.js';
import { mapLimited } from '../map-limited.js';
import { sha256Stream, walkTree, writeRandomFile } from './queue-streams.testing.js';
import { makeTree, openTestQueue, TREE_TIME, treeTime, unfinished, type TreeFile } from './queue-tests.testing.js';

interface Case {
  readonly name: string;
  readonly kind: ServerKind;
  readonly protocol: Protocol;
  readonly tls: 'none' | 'explicit';
  /** Why uploaded files cannot keep their time on this server, or null when they must (exactly). */
  readonly noUploadTimes: string | null;
  /**
   * How far a downloaded file's time may be from the server's: vsftpd lists
   * with LIST (minute precision) and the adapter asks no MDTM, so its
   * downloads get the listing's minute; the others give whole seconds.
   */
  readonly downloadTimeSlackMs: number;
}

const VSFTPD_NO_TIMES = 'vsftpd 3.0.3 has neither MFMT nor SITE UTIME';
const CASES: readonly Case[] = [
  { name: 'vsftpd plain', kind: 'vsftpd', protocol: 'ftp-plain', tls: 'none', noUploadTimes: VSFTPD_NO_TIMES, downloadTimeSlackMs: 60_000 },
  { name: 'vsftpd explicit TLS', kind: 'vsftpd', protocol: 'ftpes', tls: 'explicit', noUploadTimes: VSFTPD_NO_TIMES, downloadTimeSlackMs: 60_000 },
  { name: 'pure-ftpd plain', kind: 'pure-ftpd', protocol: 'ftp-plain', tls: 'none', noUploadTimes: null, downloadTimeSlackMs: 0 },
  { name: 'proftpd plain', kind: 'proftpd', protocol: 'ftp-plain', tls: 'none', noUploadTimes: null, downloadTimeSlackMs: 0 },
  { name: 'OpenSSH SFTP', kind: 'sshd', protocol: 'sftp', tls: 'none', noUploadTimes: null, downloadTimeSlackMs: 0 },
];

const FOLDERS = 20;
const PER_FOLDER = 100;
const BIG_SIZE = 100 * 1024 * 1024;
const CONCURRENCY = 6;
const HASH_PARALLEL = 16;

/** Per-file differences from the expected content / time, as readable lines (empty when all match). */
async function differences(root: string, files: readonly TreeFile[], time: (file: TreeFile) => number | null, slackMs: number): Promise<string[]> {
  const out = await mapLimited(files, HASH_PARALLEL, async (file) => {
    const path = join(root, file.rel);
    const [hash, info] = await Promise.all([sha256Stream(path).catch((error: Error) => error.message), stat(path).catch(() => null)]);
    const problems: string[] = [];
    if (hash !== file.sha256) problems.push(`${file.rel}: sha256 ${hash} ≠ ${file.sha256}`);
    const expected = time(file);
    if (expected !== null && info && Math.abs(info.mtimeMs - expected) > slackMs) problems.push(`${file.rel}: time ${new Date(info.mtimeMs).toISOString()} ≠ ${new Date(expected).toISOString()}`);
    return problems;
  });
  return out.flat();
}

/** The entry of `name` in the listing of `dir`, over a connection of its own. */
async function listedEntry(conn: ServerQueueFs, dir: string, name: string): Promise<Entry> {
  const fs = await conn.open(name);
  try {
    const entry = (await fs.list(dir)).entries.find((item) => item.name === name);
    if (!entry) throw new Error(`${name} is not listed in ${dir}`);
    return entry;
  } finally {
    await fs.close();
  }
}

const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(1);

for (const c of CASES) {
  const req = requireServer(c.kind);
  describe.skipIf(req.skip)(`queue bulk round trip on ${c.name}${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    let server: RunningServer;
    let local: string;
    let files: TreeFile[];
    let big: TreeFile;

    beforeAll(async () => {
      server = await startServer(c.kind, { tls: c.tls });
      local = await localTempDir('ferry-queue-bulk-');
      const sizes = Array.from({ length: FOLDERS * PER_FOLDER }, () => randomInt(4096, 16 * 1024 + 1));
      files = await makeTree(join(local, 'tree'), FOLDERS, PER_FOLDER, sizes);
      big = { rel: 'big.bin', size: BIG_SIZE, sha256: await writeRandomFile(join(local, 'big.bin'), BIG_SIZE, TREE_TIME) };
    });
    afterAll(async () => {
      await server?.stop();
      if (local) await rm(local, { recursive: true, force: true });
    });

    it(`uploads 2,000 files in 20 folders and a 100 MB file, downloads them back, all sha256-equal`, { timeout: 600_000 }, async () => {
      const conn = serverQueueFs(server, c.protocol);
      const logs: string[] = [];
      const { queue } = await openTestQueue(conn.open, { concurrency: CONCURRENCY, perSiteLimit: CONCURRENCY }, { log: (text) => logs.push(text) });
      const timeOf = (file: TreeFile): number => (file === big ? TREE_TIME : treeTime(file.rel, PER_FOLDER));
      const all = [...files, big];
      const treeBytes = files.reduce((sum, file) => sum + file.size, 0);

      // Upload: the tree, and the big file beside it.
      const upStarted = performance.now();
      await queue.add({ direction: 'upload', siteKey: c.name, localPath: join(local, 'tree'), remoteDir: server.home });
      await queue.add({ direction: 'upload', siteKey: c.name, localPath: join(local, 'big.bin'), remoteDir: server.home });
      await queue.whenIdle();
      const upTime = seconds(upStarted);
      expect(unfinished(queue.snapshot().jobs)).toEqual([]);
      expect(await walkTree(join(server.root, 'tree'))).toEqual(await walkTree(join(local, 'tree')));
      const treeOnServer = await differences(join(server.root, 'tree'), files, c.noUploadTimes ? () => null : timeOf, 0);
      expect(treeOnServer.slice(0, 10)).toEqual([]);
      expect(await differences(server.root, [big], c.noUploadTimes ? () => null : timeOf, 0)).toEqual([]);
      const upConnections = conn.opened.length;

      // Download both back into a fresh folder.
      queue.clearDone();
      const down = await localTempDir('ferry-queue-bulk-down-');
      const downStarted = performance.now();
      await queue.add({ direction: 'download', siteKey: c.name, remotePath: remoteJoin(server.home, 'tree'), type: 'dir', localDir: down });
      // As the UI does: a single file is added with the size and time its listing showed.
      const entry = await listedEntry(conn, server.home, 'big.bin');
      await queue.add({ direction: 'download', siteKey: c.name, remotePath: remoteJoin(server.home, 'big.bin'), type: 'file', size: entry.size, modified: entry.modified, localDir: down });
      await queue.whenIdle();
      const downTime = seconds(downStarted);
      expect(unfinished(queue.snapshot().jobs)).toEqual([]);
      expect(await walkTree(join(down, 'tree'))).toEqual(await walkTree(join(local, 'tree')));
      // Downloads keep the server's time (whole seconds; vsftpd: the listing's minute).
      const serverTime = async (root: string, file: TreeFile): Promise<number> => Math.floor((await stat(join(root, file.rel))).mtimeMs / 1000) * 1000;
      const serverTimes = new Map<TreeFile, number>();
      await mapLimited(all, HASH_PARALLEL, async (file) => void serverTimes.set(file, await serverTime(file === big ? server.root : join(server.root, 'tree'), file)));
      const back = await differences(join(down, 'tree'), files, (file) => serverTimes.get(file) ?? null, c.downloadTimeSlackMs);
      expect(back.slice(0, 10)).toEqual([]);
      expect(await differences(down, [big], (file) => serverTimes.get(file) ?? null, c.downloadTimeSlackMs)).toEqual([]);

      expect((await walkTree(server.root)).filter((name) => name.endsWith(PART_SUFFIX))).toEqual([]);
      expect((await walkTree(down)).filter((name) => name.endsWith(PART_SUFFIX))).toEqual([]);
      await queue.close();
      await rm(down, { recursive: true, force: true });

      const retries = logs.filter((text) => text.startsWith('Retrying'));
      console.log(
        `[bulk] ${c.name} (${c.protocol}): ${all.length} files, ${(treeBytes / 1e6).toFixed(1)} MB tree + ${BIG_SIZE / 1e6} MB file, concurrency ${CONCURRENCY} — ` +
          `up ${upTime} s, down ${downTime} s; ${upConnections} connections up, ${conn.opened.length} in all, peak ${conn.live.peak}; ` +
          `${retries.length} retries${retries.length ? ` (e.g. ${retries.slice(0, 2).join(' | ')})` : ''}; ` +
          `times: ${c.noUploadTimes ? `uploads not checked (${c.noUploadTimes}), downloads within ${c.downloadTimeSlackMs / 1000} s of the server's` : 'uploads and downloads exact to the second'}`,
      );
      if (c.noUploadTimes) expect(logs.some((text) => /Modification times are not preserved/.test(text))).toBe(true);
    });

    // Regression (download-runner.ts `sourceTime`): a file download added without `modified` (no listing at hand,
    // e.g. a restored or scripted job) must take the time from the server (`modifiedTime`: MDTM / SFTP stat).
    // With the adapters of commit 5dc71a5 (no `modifiedTime`, and the FTP command fallback gone) it got "now".
    it.skipIf(c.noUploadTimes !== null)(`keeps the time of a file download added without its listing time${c.noUploadTimes ? ` (skipped: ${c.noUploadTimes})` : ''}`, async () => {
      const data = Buffer.from('time only');
      await writeFile(join(server.root, 'timed.bin'), data);
      await utimes(join(server.root, 'timed.bin'), new Date(TREE_TIME), new Date(TREE_TIME));
      await giveToTestUser(join(server.root, 'timed.bin'));
      const conn = serverQueueFs(server, c.protocol);
      const { queue } = await openTestQueue(conn.open);
      const down = await localTempDir('ferry-queue-bulk-time-');
      await queue.add({ direction: 'download', siteKey: c.name, remotePath: remoteJoin(server.home, 'timed.bin'), type: 'file', localDir: down });
      await queue.whenIdle();
      expect(unfinished(queue.snapshot().jobs)).toEqual([]);
      await queue.close();
      expect((await stat(join(down, 'timed.bin'))).mtimeMs).toBe(TREE_TIME);
    });
  });
}
