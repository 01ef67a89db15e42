/**
 * The file-operation primitives (`FileOpsFs`), one scenario on every side:
 * vsftpd (plain and FTPS), pure-ftpd, proftpd (mod_digest), OpenSSH sshd,
 * proftpd mod_sftp and the local disk. What a server cannot do is part of
 * the scenario: vsftpd has no MFMT/SITE UTIME and no checksums, only proftpd
 * hashes files.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../shared/model/session.js';
import { FtpFs } from './ftp/ftp-fs.js';
import { LocalFs } from './local/local-fs.js';
import type { FileOpsFs } from './remote-fs.js';
import { SftpFs } from './sftp/sftp-fs.js';
import { removeOnExit } from './testing/cleanup.js';
import { requireServer } from './testing/availability.js';
import { giveToTestUser } from './testing/ownership.js';
import { startServer, type FtpServerOptions, type RunningServer, type ServerKind } from './testing/servers/index.js';
import { makeTempDir } from './testing/temp-dir.js';
import { trustingSecurity } from './testing/test-security.js';

interface Expect {
  /** Whether setModifiedTime works (vsftpd: no MFMT, no SITE UTIME). */
  readonly mtime: boolean;
  /** Whether the server hashes files (proftpd mod_digest) — local computes. */
  readonly checksum: boolean;
}

interface Side {
  readonly fs: FileOpsFs;
  /** Local folder that the side shows as `home`. */
  readonly root: string;
  readonly home: string;
  /** Makes files written by the test into `root` the servers' own. */
  readonly own: (path: string) => Promise<void>;
  readonly stop: () => Promise<void>;
}

const SERVERS: readonly { kind: ServerKind; protocol: Protocol; tls?: FtpServerOptions['tls']; expect: Expect }[] = [
  { kind: 'vsftpd', protocol: 'ftp-plain', expect: { mtime: false, checksum: false } },
  { kind: 'vsftpd', protocol: 'ftpes', tls: 'explicit', expect: { mtime: false, checksum: false } },
  { kind: 'pure-ftpd', protocol: 'ftp-plain', expect: { mtime: true, checksum: false } },
  { kind: 'proftpd', protocol: 'ftp-plain', expect: { mtime: true, checksum: true } },
  { kind: 'sshd', protocol: 'sftp', expect: { mtime: true, checksum: false } },
  { kind: 'proftpd-sftp', protocol: 'sftp', expect: { mtime: true, checksum: false } },
];

async function serverSide(kind: ServerKind, protocol: Protocol, tls: FtpServerOptions['tls']): Promise<Side> {
  const server: RunningServer = await startServer(kind, { tls: tls ?? 'none' });
  const options = { protocol, host: server.host, port: server.port, user: server.user, password: server.password, transferMode: 'passive' as const, timeoutMs: 10_000 };
  const context = { log: () => {}, security: trustingSecurity() };
  const fs = protocol === 'sftp' ? (await SftpFs.connect(options, context)).fs : (await FtpFs.connect(options, context)).fs;
  return { fs, root: server.root, home: server.home, own: giveToTestUser, stop: async () => (await fs.close(), await server.stop()) };
}

async function localSide(): Promise<Side> {
  const root = await makeTempDir('ferry-file-ops-');
  removeOnExit(root);
  return { fs: new LocalFs(), root, home: root, own: async () => {}, stop: async () => {} };
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const TIME = Date.parse('2020-01-02T03:04:05Z');

function scenario(name: string, skip: string | null, open: () => Promise<Side>, caps: Expect): void {
  describe.skipIf(skip !== null)(`file operations on ${name}${skip ? ` (skipped: ${skip})` : ''}`, () => {
    let side: Side;
    const remote = (...parts: string[]): string => [side.home.replace(/\/$/, ''), 'ops', ...parts].join('/');
    const disk = (...parts: string[]): string => join(side.root, 'ops', ...parts);
    /** Writes a file on disk below `ops/` and hands it to the server's user. */
    const put = async (rel: string, text: string): Promise<void> => {
      await writeFile(disk(rel), text);
      await side.own(disk(rel));
    };

    beforeAll(async () => {
      side = await open();
    });
    afterAll(async () => {
      await side?.stop();
    });

    it('mkdir creates a folder once, then ALREADY_EXISTS; stat tells file, folder, link, missing', async () => {
      await side.fs.mkdir(remote());
      await expect(side.fs.mkdir(remote())).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
      expect((await stat(disk())).isDirectory()).toBe(true);
      await put('file.txt', 'twelve bytes');
      await symlink('file.txt', disk('link'));
      expect(await side.fs.stat(remote())).toMatchObject({ name: 'ops', type: 'dir' });
      expect(await side.fs.stat(remote('file.txt'))).toMatchObject({ name: 'file.txt', type: 'file', size: 12 });
      expect(await side.fs.stat(remote('link'))).toMatchObject({ name: 'link', type: 'link' });
      expect(await side.fs.stat(remote('missing'))).toBeNull();
      expect(await side.fs.stat(remote('missing', 'deeper'))).toBeNull();
    });

    it('createEmptyFile creates an empty file, and never replaces one', async () => {
      await side.fs.createEmptyFile(remote('empty.txt'));
      expect(await side.fs.stat(remote('empty.txt'))).toMatchObject({ type: 'file', size: 0 });
      await expect(side.fs.createEmptyFile(remote('file.txt'))).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
      expect(await readFile(disk('file.txt'), 'utf8')).toBe('twelve bytes');
    });

    it('renames across folders (a [b] c.txt), refuses to rename onto an existing name and loses nothing', async () => {
      await side.fs.mkdir(remote('src'));
      await side.fs.mkdir(remote('dst'));
      await put('src/a [b] c.txt', 'moving');
      await put('dst/keep.txt', 'keep me');
      await side.fs.rename(remote('src', 'a [b] c.txt'), remote('dst', 'a [b] c.txt'));
      expect(await side.fs.stat(remote('src', 'a [b] c.txt'))).toBeNull();
      expect(await readFile(disk('dst/a [b] c.txt'), 'utf8')).toBe('moving');
      await expect(side.fs.rename(remote('dst', 'a [b] c.txt'), remote('dst', 'keep.txt'))).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
      expect(await readFile(disk('dst/a [b] c.txt'), 'utf8')).toBe('moving');
      expect(await readFile(disk('dst/keep.txt'), 'utf8')).toBe('keep me');
      await expect(side.fs.rename(remote('nothing-here'), remote('dst', 'new'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('rename with { replace: true } replaces an existing file (temp-name uploads), and works onto a free name', async () => {
      await put('dst/r-new.part', 'fresh');
      await put('dst/r-old.txt', 'stale');
      await side.fs.rename(remote('dst', 'r-new.part'), remote('dst', 'r-old.txt'), { replace: true });
      expect(await readFile(disk('dst/r-old.txt'), 'utf8')).toBe('fresh');
      expect(await side.fs.stat(remote('dst', 'r-new.part'))).toBeNull();
      await side.fs.rename(remote('dst', 'r-old.txt'), remote('dst', 'r-free.txt'), { replace: true });
      expect(await readFile(disk('dst/r-free.txt'), 'utf8')).toBe('fresh');
      expect(await side.fs.stat(remote('dst', 'r-old.txt'))).toBeNull();
      await side.fs.removeFile(remote('dst', 'r-free.txt'));
    });

    it('modifiedTime tells a file\'s time (UTC, ±1 s) and null for a missing file', async () => {
      const onDisk = (await stat(disk('file.txt'))).mtimeMs;
      const told = await side.fs.modifiedTime(remote('file.txt'));
      expect(told).not.toBeNull();
      expect(Math.abs((told ?? 0) - onDisk)).toBeLessThan(1000);
      expect(await side.fs.modifiedTime(remote('missing.txt'))).toBeNull();
    });

    it('chmod 640 shows as rw-r-----', async () => {
      await side.fs.chmod(remote('file.txt'), 0o640);
      expect((await stat(disk('file.txt'))).mode & 0o7777).toBe(0o640);
      expect(await side.fs.stat(remote('file.txt'))).toMatchObject({ permissions: 'rw-r-----' });
    });

    it(`setModifiedTime ${caps.mtime ? 'sets the time (±1 s)' : 'returns false: the server has no MFMT and no SITE UTIME'}`, async () => {
      const before = (await stat(disk('file.txt'))).mtimeMs;
      expect(await side.fs.setModifiedTime(remote('file.txt'), TIME)).toBe(caps.mtime);
      const after = (await stat(disk('file.txt'))).mtimeMs;
      if (!caps.mtime) return expect(after).toBe(before);
      expect(Math.abs(after - TIME)).toBeLessThanOrEqual(1000);
      expect(Math.abs(((await side.fs.stat(remote('file.txt')))?.modified ?? 0) - TIME)).toBeLessThanOrEqual(1000);
    });

    it(`checksum ${caps.checksum ? 'equals the local SHA-256' : 'is null (no server-side hashing)'}`, async () => {
      const got = await side.fs.checksum(remote('dst', 'a [b] c.txt'), ['sha256', 'md5']);
      expect(got).toEqual(caps.checksum ? { algorithm: 'sha256', hex: sha256('moving') } : null);
      if (caps.checksum) {
        expect(await side.fs.checksum(remote('file.txt'), ['crc32'])).toEqual({ algorithm: 'crc32', hex: 'c5bfcca0' });
        await expect(side.fs.checksum(remote('missing'), ['sha256'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
    });

    it('handles unicode names end to end', async () => {
      const folder = 'ünïcødé 名前';
      await side.fs.mkdir(remote(folder));
      await side.fs.createEmptyFile(remote(folder, 'файл [1].txt'));
      await side.fs.rename(remote(folder, 'файл [1].txt'), remote(folder, 'ファイル (2).txt'));
      expect(await side.fs.stat(remote(folder, 'ファイル (2).txt'))).toMatchObject({ name: 'ファイル (2).txt', type: 'file', size: 0 });
      await side.fs.removeFile(remote(folder, 'ファイル (2).txt'));
      await side.fs.removeDir(remote(folder));
      expect(await side.fs.stat(remote(folder))).toBeNull();
    });

    it('refuses unsafe new names before sending anything', async () => {
      for (const bad of ['a\\b', '..', 'x\ny', 'nul\0']) {
        await expect(side.fs.mkdir(remote(bad))).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
        await expect(side.fs.createEmptyFile(remote(bad))).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
        await expect(side.fs.rename(remote('empty.txt'), remote(bad))).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
      }
      expect(await side.fs.stat(remote('empty.txt'))).toMatchObject({ type: 'file' });
    });

    it('removes files, links and empty folders; a non-empty folder or a folder-as-file fails clearly', async () => {
      await expect(side.fs.removeDir(remote('dst'))).rejects.toMatchObject({ message: expect.stringMatching(/not empty/i) });
      await expect(side.fs.removeFile(remote('dst'))).rejects.toMatchObject({ code: 'NOT_A_DIRECTORY' });
      await expect(side.fs.removeFile(remote('dst', 'gone.txt'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await side.fs.removeFile(remote('link'));
      expect((await stat(disk('file.txt'))).isFile()).toBe(true);
      await side.fs.removeFile(remote('dst', 'keep.txt'));
      await side.fs.removeFile(remote('dst', 'a [b] c.txt'));
      await side.fs.removeDir(remote('dst'));
      await side.fs.removeDir(remote('src'));
      expect(await side.fs.stat(remote('dst'))).toBeNull();
    });

    const asRoot = process.getuid?.() === 0;
    const noLock = name === 'local disk' && asRoot ? 'the test runs as root, which may delete anything' : null;
    it.skipIf(noLock !== null)(`a file in a root-owned 555 folder gives PERMISSION_DENIED with the server's reason${noLock ? ` (skipped: ${noLock})` : ''}`, async () => {
      await mkdir(disk('locked'));
      await writeFile(disk('locked/f.txt'), 'stay');
      await chmod(disk('locked'), 0o555); // owned by root; the servers run as the test user
      try {
        const refused = side.fs.removeFile(remote('locked', 'f.txt'));
        await expect(refused).rejects.toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringMatching(/denied|not permitted|operation failed/i) });
        await expect(side.fs.rename(remote('locked', 'f.txt'), remote('moved.txt'))).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
        await expect(side.fs.mkdir(remote('locked', 'new'))).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
        expect(await readFile(disk('locked/f.txt'), 'utf8')).toBe('stay');
      } finally {
        await chmod(disk('locked'), 0o755);
      }
    });
  });
}

for (const { kind, protocol, tls, expect: caps } of SERVERS) {
  const req = requireServer(kind);
  scenario(`${kind} (${protocol})`, req.skip ? req.reason : null, () => serverSide(kind, protocol, tls), caps);
}
scenario('local disk', null, localSide, { mtime: true, checksum: true });
