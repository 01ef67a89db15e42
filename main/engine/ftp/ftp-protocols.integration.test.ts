/**
 * What each FTP protocol choice does when the server does not match it:
 * `ftp` falls back to plain text (and says so), `ftpes` refuses, `ftps`
 * (implicit) on a plain port and `ftp-plain` on a TLS-only server fail with
 * messages that tell the user what to change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServer } from '../testing/availability.js';
import { makeBrowseFixture } from '../testing/fixtures.js';
import { startProftpd, startPureFtpd, startVsftpd, type RunningServer } from '../testing/servers/index.js';
import { trustingSecurity } from '../testing/test-security.js';
import { FtpFs } from './ftp-fs.js';
import { recordLog, serverOptions } from './ftp-tests.testing.js';

const vsftpd = requireServer('vsftpd');

describe.skipIf(vsftpd.skip)('a plain-only server (vsftpd without TLS)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startVsftpd({});
    await makeBrowseFixture(server.root);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('ftp: continues without encryption and logs it as an error line', async () => {
    const recorder = recordLog();
    const { fs, facts } = await FtpFs.connect(serverOptions(server, 'ftp'), { log: recorder.log, security: trustingSecurity() });
    try {
      expect(facts.encryption).toBeNull();
      expect(recorder.lines).toContainEqual(['error', 'Server does not support TLS; continuing without encryption']);
      expect(recorder.sent('AUTH TLS')).toBe(true);
      expect(recorder.sent('PBSZ')).toBe(false);
      expect((await fs.list(facts.home)).entries.length).toBeGreaterThan(5);
    } finally {
      await fs.close();
    }
  });

  it('ftpes: refuses with PROTOCOL before logging in', async () => {
    const recorder = recordLog();
    await expect(FtpFs.connect(serverOptions(server, 'ftpes'), { log: recorder.log, security: trustingSecurity() })).rejects.toMatchObject({
      code: 'PROTOCOL',
      message: expect.stringMatching(/^The server does not support FTP over TLS/),
    });
    expect(recorder.sent('USER')).toBe(false);
  });

  it('ftps (implicit) on a plain port: says the server did not answer in TLS', async () => {
    await expect(FtpFs.connect(serverOptions(server, 'ftps'), { log: () => {}, security: trustingSecurity() })).rejects.toMatchObject({
      code: 'PROTOCOL',
      message: expect.stringMatching(/did not answer in TLS/),
    });
  });
});

const TLS_ONLY = [
  { kind: 'vsftpd', start: startVsftpd, reply: /530/ },
  { kind: 'pure-ftpd', start: startPureFtpd, reply: /421|530/ },
  { kind: 'proftpd', start: startProftpd, reply: /550|530/ },
] as const;

for (const { kind, start, reply } of TLS_ONLY) {
  const availability = requireServer(kind);
  describe.skipIf(availability.skip)(`a TLS-only server (${kind})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await start({ tls: 'explicit' });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('ftp-plain: fails with a message that TLS is required', async () => {
      const error = await FtpFs.connect(serverOptions(server, 'ftp-plain'), { log: () => {}, security: trustingSecurity() }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'PROTOCOL', message: expect.stringMatching(/requires TLS/) });
      expect((error as Error).message).toMatch(reply);
    });

    it('ftpes with a wrong password is still AUTH_FAILED', async () => {
      const options = serverOptions(server, 'ftpes', { password: 'wrong-password' });
      await expect(FtpFs.connect(options, { log: () => {}, security: trustingSecurity() })).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    });
  });
}
