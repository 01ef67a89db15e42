/**
 * The SFTP adapter against real servers on loopback: OpenSSH sshd (the
 * reference, limits@openssh.com, 256 KiB requests) and proftpd's mod_sftp
 * (a second implementation, 32 KiB requests, chrooted).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../../shared/model/entry.js';
import type { LogKind } from '../../../shared/model/log.js';
import type { ConnectOptions } from '../../../shared/model/session.js';
import type { ConnectContext } from '../security-hooks.js';
import { requireServer } from '../testing/availability.js';
import { BROWSE, MANY_COUNT, README_TEXT, makeBrowseFixture, manyName } from '../testing/fixtures.js';
import { giveToTestUser } from '../testing/ownership.js';
import { makeHostKeys, startProftpdSftp, startSshd, type RunningServer, type SftpServerOptions } from '../testing/servers/index.js';
import { makeTempDir } from '../testing/temp-dir.js';
import { createTestSecurity, trustingSecurity } from '../testing/test-security.js';
import { SourceChangedError } from '../source-check.js';
import { SftpFs } from './sftp-fs.js';
import { keygenFingerprint, sha256File, startRelay } from './sftp-servers.testing.js';

const SERVERS = [
  { kind: 'sshd', start: startSshd },
  { kind: 'proftpd-sftp', start: startProftpdSftp },
] as const;

const FIVE_MB = 5 * 1024 * 1024;

function options(server: RunningServer, extra: Partial<ConnectOptions> = {}): ConnectOptions {
  return { protocol: 'sftp', host: server.host, port: server.port, user: server.user, password: server.password, transferMode: 'passive', timeoutMs: 10_000, ...extra };
}

function context(lines: [LogKind, string][] = [], security = trustingSecurity()): ConnectContext {
  return { log: (kind, text) => lines.push([kind, text]), security };
}

function byName(entries: readonly Entry[]): Map<string, Entry> {
  return new Map(entries.map((entry) => [entry.name, entry]));
}

function remote(server: RunningServer, name: string): string {
  return server.home.endsWith('/') ? `${server.home}${name}` : `${server.home}/${name}`;
}

for (const { kind, start } of SERVERS) {
  const req = requireServer(kind);
  describe.skipIf(req.skip)(`SFTP on ${kind}${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    let server: RunningServer;
    let local: string;
    let fs: SftpFs;
    const payload = randomBytes(FIVE_MB);
    const start2 = (opts: SftpServerOptions = {}): Promise<RunningServer> => start(opts);

    beforeAll(async () => {
      server = await start2();
      await makeBrowseFixture(server.root);
      await writeFile(join(server.root, 'five.bin'), payload);
      await giveToTestUser(join(server.root, 'five.bin'));
      local = await makeTempDir('ferry-sftp-local-');
      fs = (await SftpFs.connect(options(server), context())).fs;
    });
    afterAll(async () => {
      await fs?.close();
      await server?.stop();
      if (local) await rm(local, { recursive: true, force: true });
    });

    it('logs in with a password and reports home, server and encryption', async () => {
      const lines: [LogKind, string][] = [];
      const { fs: session, facts } = await SftpFs.connect(options(server), context(lines));
      try {
        expect(facts.home).toBe(server.home);
        expect(facts.system).toMatch(/^SSH-2\.0-\S+/);
        expect(facts.encryption).toMatch(/^SSH \(.+\)$/);
        const texts = lines.map(([, text]) => text);
        expect(texts).toContain(`Connecting to ${server.host}:${server.port}…`);
        expect(texts).toContain('Authenticated with password');
        expect(texts.some((t) => t.startsWith('Server: SSH-2.0-'))).toBe(true);
        expect(texts.some((t) => t.includes(server.password))).toBe(false);
      } finally {
        await session.close();
      }
    });

    it('rejects a wrong password with AUTH_FAILED', async () => {
      await expect(SftpFs.connect(options(server, { password: 'wrong-password' }), context())).rejects.toMatchObject({
        code: 'AUTH_FAILED',
        message: expect.stringMatching(/wrong user name or password/i),
      });
    });

    it('asks about the host key with the fingerprint ssh-keygen prints', async () => {
      const security = createTestSecurity({ hostKey: () => true });
      const { fs: session } = await SftpFs.connect(options(server), context([], security));
      await session.close();
      expect(security.hostKeys).toHaveLength(1);
      const check = security.hostKeys[0];
      const printed = await Promise.all((server.hostKeys ?? []).map(keygenFingerprint));
      const match = printed.find((p) => p.fingerprint === check?.fingerprint);
      expect(match, `${check?.fingerprint} not among ${JSON.stringify(printed)}`).toBeDefined();
      expect(check?.keyType.toUpperCase()).toContain(match?.type ?? '?');
    });

    it('stops before authentication when the host key is declined', async () => {
      const lines: [LogKind, string][] = [];
      const security = createTestSecurity({ hostKey: () => false, secret: () => 'unused' });
      await expect(SftpFs.connect(options(server, { logonType: 'ask' }), context(lines, security))).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(security.secrets).toHaveLength(0);
      expect(lines.some(([, text]) => /^Trying|^Authenticated/.test(text))).toBe(false);
    });

    it('does not count the time a person spends on the host-key prompt against the timeout', async () => {
      const slow = { ...trustingSecurity(), checkHostKey: () => sleep(1_500) };
      const { fs: session } = await SftpFs.connect(options(server, { timeoutMs: 1_000 }), context([], slow));
      await session.close();
    });

    it('lists the browse fixture: types, link, unicode, spaces, empty, 2,000 entries', async () => {
      const root = await fs.list(server.home);
      expect(root.path).toBe(server.home);
      expect(root.skipped).toBe(0);
      const entries = byName(root.entries);
      expect(entries.has('.')).toBe(false);
      expect(entries.has('..')).toBe(false);
      expect(entries.get(BROWSE.readme)).toMatchObject({ type: 'file', size: Buffer.byteLength(README_TEXT), permissions: 'rw-r--r--' });
      expect(entries.get(BROWSE.readme)?.modified).toBeGreaterThan(Date.UTC(2020, 0, 1));
      expect(entries.get(BROWSE.readme)?.owner).toBe(server.user);
      expect(entries.get(BROWSE.spaces)).toMatchObject({ type: 'dir' });
      expect(entries.get(BROWSE.unicode)).toMatchObject({ type: 'file' });
      expect(entries.get(BROWSE.empty)).toMatchObject({ type: 'dir' });
      expect(entries.get(BROWSE.hidden)).toMatchObject({ type: 'file' });
      // As the server says it: OpenSSH gives the relative target, proftpd resolves it inside the chroot.
      expect(entries.get(BROWSE.fileLink)).toMatchObject({ type: 'link', linkTarget: expect.stringMatching(/^\/?readme\.txt$/) });
      expect(entries.get(BROWSE.dirLink)).toMatchObject({ type: 'link', linkTarget: expect.stringMatching(/^\/?folder with spaces$/) });

      const spaced = await fs.list(remote(server, BROWSE.spaces));
      expect(spaced.entries.map((e) => e.name)).toEqual(['inside.txt']);
      expect((await fs.list(remote(server, BROWSE.empty))).entries).toEqual([]);
      const viaLink = await fs.list(remote(server, BROWSE.dirLink));
      expect(viaLink.entries.map((e) => e.name)).toEqual(['inside.txt']);
      expect(viaLink.path).toBe(remote(server, BROWSE.spaces)); // realpath of the link
      const many = await fs.list(remote(server, BROWSE.many));
      expect(many.entries).toHaveLength(MANY_COUNT);
      expect(new Set(many.entries.map((e) => e.name))).toEqual(new Set(Array.from({ length: MANY_COUNT }, (_, i) => manyName(i))));
    });

    it('refuses to list a file, a link to a file, or a missing path', async () => {
      await expect(fs.list(remote(server, BROWSE.readme))).rejects.toMatchObject({ code: 'NOT_A_DIRECTORY' });
      await expect(fs.list(remote(server, BROWSE.fileLink))).rejects.toMatchObject({ code: 'NOT_A_DIRECTORY' });
      await expect(fs.list(remote(server, 'no-such-folder'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('reports sizes, null for a missing file', async () => {
      expect(await fs.size(remote(server, 'five.bin'))).toBe(FIVE_MB);
      expect(await fs.size(remote(server, 'missing.bin'))).toBeNull();
    });

    it('downloads and uploads 5 MB byte-exactly', async () => {
      const down = join(local, 'five-down.bin');
      const progress: number[] = [];
      const got = await fs.download(remote(server, 'five.bin'), down, { onProgress: (b) => progress.push(b) });
      expect(got.bytes).toBe(FIVE_MB);
      expect(await sha256File(down)).toBe(await sha256File(join(server.root, 'five.bin')));
      expect(progress.at(-1)).toBe(FIVE_MB);

      const sent = await fs.upload(down, remote(server, 'five-up.bin'));
      expect(sent.bytes).toBe(FIVE_MB);
      expect(await sha256File(join(server.root, 'five-up.bin'))).toBe(await sha256File(down));
    });

    it('sets the modification time with the upload, confirming the size, fresh or resumed', async () => {
      const time = Date.UTC(2019, 6, 8, 9, 10, 11);
      const source = join(local, 'timed.bin');
      await writeFile(source, payload.subarray(0, 300_000));
      const fresh = await fs.upload(source, remote(server, 'timed.bin'), { modified: time });
      expect(fresh).toEqual({ bytes: 300_000, remoteSize: 300_000, modifiedSet: true });
      expect((await stat(join(server.root, 'timed.bin'))).mtimeMs).toBe(time);
      const resumed = await fs.upload(source, remote(server, 'timed.bin'), { offset: 100_000, modified: time + 60_000 });
      expect(resumed).toEqual({ bytes: 200_000, remoteSize: 300_000, modifiedSet: true });
      expect((await stat(join(server.root, 'timed.bin'))).mtimeMs).toBe(time + 60_000);
      // Without a time: none set, none claimed.
      expect(await fs.upload(source, remote(server, 'untimed.bin'))).toEqual({ bytes: 300_000, remoteSize: 300_000 });
    });

    it('refuses an upload whose local file is not what the caller measured, before creating anything', async () => {
      const source = join(local, 'measured.bin');
      await writeFile(source, payload.subarray(0, 1000));
      const { mtimeMs } = await stat(source);
      await expect(fs.upload(source, remote(server, 'measured.bin'), { source: { size: 1000, modified: mtimeMs - 5000 } })).rejects.toBeInstanceOf(SourceChangedError);
      await expect(stat(join(server.root, 'measured.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await fs.upload(source, remote(server, 'measured.bin'), { source: { size: 1000, modified: mtimeMs } })).toMatchObject({ bytes: 1000, remoteSize: 1000 });
    });

    it('resumes a download and an upload from the half', async () => {
      const half = FIVE_MB / 2;
      const down = join(local, 'resume-down.bin');
      await writeFile(down, payload.subarray(0, half));
      const got = await fs.download(remote(server, 'five.bin'), down, { offset: half });
      expect(got.bytes).toBe(FIVE_MB - half);
      expect(await sha256File(down)).toBe(await sha256File(join(server.root, 'five.bin')));

      const target = join(server.root, 'resume-up.bin');
      await writeFile(target, payload.subarray(0, half));
      await giveToTestUser(target);
      const sent = await fs.upload(join(server.root, 'five.bin'), remote(server, 'resume-up.bin'), { offset: half });
      expect(sent.bytes).toBe(FIVE_MB - half);
      expect(await sha256File(target)).toBe(await sha256File(join(server.root, 'five.bin')));
    });

    it('cancels a download, keeps only contiguous bytes, and carries on', async () => {
      const big = join(server.root, 'big.bin');
      await writeFile(big, randomBytes(64 * 1024 * 1024));
      await giveToTestUser(big);
      const down = join(local, 'big-down.bin');
      const controller = new AbortController();
      const attempt = fs.download(remote(server, 'big.bin'), down, { signal: controller.signal, onProgress: () => controller.abort() });
      await expect(attempt).rejects.toMatchObject({ code: 'CANCELLED' });
      const kept = (await stat(down)).size;
      expect(kept).toBeLessThan(64 * 1024 * 1024);
      expect((await readFile(down)).equals((await readFile(big)).subarray(0, kept))).toBe(true);
      // The same session still works, and the download resumes from what was kept.
      expect((await fs.list(server.home)).entries.length).toBeGreaterThan(0);
      const rest = await fs.download(remote(server, 'big.bin'), down, { offset: kept });
      expect(rest.bytes).toBe(64 * 1024 * 1024 - kept);
      expect(await sha256File(down)).toBe(await sha256File(big));
    });

    it('cancels an upload and cuts the remote file back to contiguous bytes', async () => {
      const source = join(local, 'up-source.bin');
      await writeFile(source, randomBytes(32 * 1024 * 1024));
      const controller = new AbortController();
      const attempt = fs.upload(source, remote(server, 'up-cancel.bin'), { signal: controller.signal, onProgress: () => controller.abort() });
      await expect(attempt).rejects.toMatchObject({ code: 'CANCELLED' });
      const kept = await fs.size(remote(server, 'up-cancel.bin'));
      expect(kept).not.toBeNull();
      expect(kept).toBeLessThan(32 * 1024 * 1024);
      const written = await readFile(join(server.root, 'up-cancel.bin'));
      expect(written.equals((await readFile(source)).subarray(0, kept ?? 0))).toBe(true);
      await truncate(source, 0);
    });

    it('reconnects after a drop without asking again, and refuses a changed host key', async () => {
      const keys = await makeHostKeys();
      const first = await start2({ hostKeyFiles: keys });
      const relay = await startRelay(first.port);
      const security = createTestSecurity({ hostKey: () => true });
      const lines: [LogKind, string][] = [];
      const { fs: session } = await SftpFs.connect({ ...options(first), port: relay.port }, context(lines, security));
      let second: RunningServer | undefined;
      try {
        relay.dropAll();
        expect((await session.list(first.home)).path).toBe(first.home); // reconnected, same key, no new question
        expect(security.hostKeys).toHaveLength(1);
        expect(lines.some(([, text]) => /reconnecting|connection was closed/i.test(text))).toBe(true);

        second = await start2(); // fresh host keys
        relay.retarget(second.port);
        relay.dropAll();
        await expect(session.list(first.home)).rejects.toMatchObject({ code: 'HOST_KEY_CHANGED' });
        expect(security.hostKeys).toHaveLength(1);
      } finally {
        await session.close();
        await relay.close();
        await first.stop();
        await second?.stop();
      }
    });
  });
}
