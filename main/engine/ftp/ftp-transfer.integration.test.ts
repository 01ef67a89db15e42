/**
 * Resume and cancel through `FtpFs` against every FTP server over explicit
 * TLS: a download resumed into a half-filled local file (REST+RETR), an
 * upload resumed onto a half-filled remote file (REST+STOR, or APPE), and a
 * 50 MB download aborted at its first progress report, after which the
 * session must still list (it reconnects).
 */
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join as joinLocal } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServer } from '../testing/availability.js';
import { makeBrowseFixture } from '../testing/fixtures.js';
import { giveToTestUser } from '../testing/ownership.js';
import { startProftpd, startPureFtpd, startVsftpd, type RunningServer } from '../testing/servers/index.js';
import { trustingSecurity } from '../testing/test-security.js';
import { SourceChangedError } from '../source-check.js';
import { FtpFs } from './ftp-fs.js';
import { join, localTempDir, recordLog, serverOptions, sha256, sha256File, writeRandomFile } from './ftp-tests.testing.js';

const SERVERS = [
  { kind: 'vsftpd', start: startVsftpd },
  { kind: 'pure-ftpd', start: startPureFtpd },
  { kind: 'proftpd', start: startProftpd },
] as const;

const HALF = 1024 * 1024 + 17;
const FULL = 2 * HALF + 5;
const HUGE = 50 * 1024 * 1024;

for (const { kind, start } of SERVERS) {
  const availability = requireServer(kind);
  describe.skipIf(availability.skip)(`transfers on ${kind} (explicit TLS)`, () => {
    let server: RunningServer;
    let local: string;
    let content: Buffer;
    beforeAll(async () => {
      server = await start({ tls: 'explicit' });
      await makeBrowseFixture(server.root);
      content = await writeRandomFile(joinLocal(server.root, 'resume.bin'), FULL);
      await writeRandomFile(joinLocal(server.root, 'huge.bin'), HUGE);
      await giveToTestUser(server.root);
      local = await localTempDir('ferry-transfer-local-');
    });
    afterAll(async () => {
      await server?.stop();
    });

    const connect = async (recorder = recordLog()) => FtpFs.connect(serverOptions(server, 'ftpes'), { log: recorder.log, security: trustingSecurity() });

    it('resumes a download into a half-filled local file (REST + RETR)', async () => {
      const recorder = recordLog();
      const { fs, facts } = await connect(recorder);
      try {
        const target = joinLocal(local, 'resumed-down.bin');
        // The first half, then stale bytes that must be overwritten and cut off.
        await writeFile(target, Buffer.concat([content.subarray(0, HALF), Buffer.alloc(FULL, 0xee)]));
        const result = await fs.download(join(facts.home, 'resume.bin'), target, { offset: HALF });
        expect(result.bytes).toBe(FULL - HALF);
        expect(await sha256File(target)).toBe(sha256(content));
        expect(recorder.sent(`REST ${HALF}`)).toBe(true);
      } finally {
        await fs.close();
      }
    });

    it('resumes an upload onto a half-filled remote file', async () => {
      const recorder = recordLog();
      const { fs, facts } = await connect(recorder);
      try {
        const source = joinLocal(local, 'resume-up-source.bin');
        await writeFile(source, content);
        await writeFile(joinLocal(server.root, 'resumed-up.bin'), content.subarray(0, HALF));
        await giveToTestUser(joinLocal(server.root, 'resumed-up.bin'));
        const progress: number[] = [];
        const result = await fs.upload(source, join(facts.home, 'resumed-up.bin'), { offset: HALF, onProgress: (b) => progress.push(b) });
        expect(result.bytes).toBe(FULL - HALF);
        expect(progress.at(-1)).toBe(FULL - HALF);
        expect(sha256(await readFile(joinLocal(server.root, 'resumed-up.bin')))).toBe(sha256(content));
        expect(recorder.sent(`REST ${HALF}`) || recorder.sent('APPE')).toBe(true);
      } finally {
        await fs.close();
      }
    });

    it('cancels a 50 MB download at its first progress report, then lists again', async () => {
      const recorder = recordLog();
      const { fs, facts } = await connect(recorder);
      try {
        const controller = new AbortController();
        const progress: number[] = [];
        const download = fs.download(join(facts.home, 'huge.bin'), joinLocal(local, 'huge.bin'), {
          signal: controller.signal,
          onProgress: (bytes) => {
            progress.push(bytes);
            controller.abort();
          },
        });
        await expect(download).rejects.toMatchObject({ code: 'CANCELLED' });
        expect(progress.length).toBeGreaterThanOrEqual(1);
        expect(progress[0]).toBeLessThan(HUGE);
        const listing = await fs.list(facts.home);
        expect(listing.entries.map((e) => e.name)).toContain('huge.bin');
        expect(recorder.lines.filter(([, text]) => text.startsWith('Connecting to')).length).toBe(2);
        // Cancelled before it starts: nothing is sent.
        const before = recorder.lines.length;
        await expect(fs.download(join(facts.home, 'resume.bin'), joinLocal(local, 'never.bin'), { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
        expect(recorder.lines.slice(before).some(([kind]) => kind === 'command')).toBe(false);
      } finally {
        await fs.close();
      }
    });

    it('refuses an upload whose local file is not what the caller measured, before sending anything', async () => {
      const recorder = recordLog();
      const { fs, facts } = await connect(recorder);
      try {
        const source = joinLocal(local, 'measured.bin');
        await writeFile(source, content.subarray(0, 1000));
        const { mtimeMs } = await stat(source);
        const upload = fs.upload(source, join(facts.home, 'measured.bin'), { source: { size: 999, modified: mtimeMs } });
        await expect(upload).rejects.toBeInstanceOf(SourceChangedError);
        expect(recorder.sent('STOR')).toBe(false);
        expect(existsSync(joinLocal(server.root, 'measured.bin'))).toBe(false);
        await fs.upload(source, join(facts.home, 'measured.bin'), { source: { size: 1000, modified: mtimeMs } });
        expect(sha256(await readFile(joinLocal(server.root, 'measured.bin')))).toBe(sha256(content.subarray(0, 1000)));
      } finally {
        await fs.close();
      }
    });

    it('reports a missing remote file and a missing local file clearly', async () => {
      const { fs, facts } = await connect();
      try {
        await expect(fs.download(join(facts.home, 'nope.bin'), joinLocal(local, 'nope.bin'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
        expect(existsSync(joinLocal(local, 'nope.bin'))).toBe(false);
        await expect(fs.upload(joinLocal(local, 'does-not-exist.bin'), join(facts.home, 'x.bin'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
        expect((await fs.list(facts.home)).entries.length).toBeGreaterThan(5);
      } finally {
        await fs.close();
      }
    });
  });
}
