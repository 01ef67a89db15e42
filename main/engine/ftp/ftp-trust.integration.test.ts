/**
 * Certificate trust before the password, against real FTPS servers: the
 * hook sees the certificate before any USER/PASS is sent, a declined or
 * untrusted certificate ends the connection with nothing secret sent, a
 * reconnect to the same certificate does not ask again, and a different
 * certificate behind the same address does.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import type { Protocol } from '../../../shared/model/session.js';
import type { CertificateCheck } from '../security-hooks.js';
import { requireServer } from '../testing/availability.js';
import { makeCert, testCert, type TestCert } from '../testing/cert.js';
import { makeBrowseFixture } from '../testing/fixtures.js';
import { startVsftpd, type RunningServer } from '../testing/servers/index.js';
import { createTestSecurity, trustingSecurity } from '../testing/test-security.js';
import { FtpFs } from './ftp-fs.js';
import { recordLog, serverOptions } from './ftp-tests.testing.js';

const vsftpd = requireServer('vsftpd');

describe.skipIf(vsftpd.skip)('certificate trust before login (vsftpd)', () => {
  let explicit: RunningServer;
  let implicit: RunningServer;
  let cert: TestCert;
  beforeAll(async () => {
    cert = await testCert();
    [explicit, implicit] = await Promise.all([startVsftpd({ tls: 'explicit' }), startVsftpd({ tls: 'implicit' })]);
  });
  afterAll(async () => {
    await Promise.all([explicit?.stop(), implicit?.stop()]);
  });

  const cases: [string, () => RunningServer, Protocol][] = [
    ['explicit', () => explicit, 'ftpes'],
    ['implicit', () => implicit, 'ftps'],
  ];
  for (const [name, server, protocol] of cases) {
    it(`${name}: shows the certificate before USER is sent, then logs in`, async () => {
      const recorder = recordLog();
      let linesAtCheck = -1;
      const security = createTestSecurity({
        certificate: () => {
          linesAtCheck = recorder.lines.length;
          return true;
        },
      });
      const { fs } = await FtpFs.connect(serverOptions(server(), protocol), { log: recorder.log, security });
      await fs.close();
      expect(security.certificates).toHaveLength(1);
      const check = security.certificates[0] as CertificateCheck;
      expect(check.certificate.fingerprint256).toBe(cert.fingerprint256);
      expect(check.certificate.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(check.certificate.subject).toBe('CN=localhost');
      expect(check.certificate.altNames).toEqual(['DNS:localhost', 'IP Address:127.0.0.1']);
      expect(check).toMatchObject({ host: server().host, port: server().port, authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(check.pem).toContain('-----BEGIN CERTIFICATE-----');
      if (protocol === 'ftpes') expect(recorder.indexOfCommand('AUTH')).toBeLessThan(linesAtCheck);
      const user = recorder.indexOfCommand('USER');
      expect(linesAtCheck).toBeGreaterThan(0);
      expect(user).toBeGreaterThanOrEqual(linesAtCheck);
      expect(recorder.lines.slice(0, linesAtCheck).some(([kind, text]) => kind === 'command' && /^(USER|PASS)\b/.test(text))).toBe(false);
    });

    it(`${name}: a declined certificate rejects with CANCELLED and nothing secret is sent`, async () => {
      const recorder = recordLog();
      const security = createTestSecurity({ certificate: () => false });
      await expect(FtpFs.connect(serverOptions(server(), protocol), { log: recorder.log, security })).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(security.certificates).toHaveLength(1);
      expect(recorder.sent('USER')).toBe(false);
      expect(recorder.sent('PASS')).toBe(false);
    });
  }

  it("logon type 'ask': the password is asked for after the certificate, once per session", async () => {
    const order: string[] = [];
    const security = createTestSecurity({
      certificate: () => (order.push('certificate'), true),
      secret: () => (order.push('secret'), explicit.password),
    });
    const options = serverOptions(explicit, 'ftpes', { password: '', logonType: 'ask' });
    const { fs, facts } = await FtpFs.connect(options, { log: () => {}, security });
    try {
      expect(order).toEqual(['certificate', 'secret']);
      expect(security.secrets[0]).toMatchObject({ label: 'Password' });
      expect((await fs.list(facts.home)).path).toBe(facts.home);
    } finally {
      await fs.close();
    }
  });

  it('a TLS_UNTRUSTED verdict comes out unchanged', async () => {
    const recorder = recordLog();
    const security = {
      ...trustingSecurity(),
      checkCertificate: async (): Promise<void> => {
        throw new FerryError('TLS_UNTRUSTED', 'The pinned certificate changed.');
      },
    };
    await expect(FtpFs.connect(serverOptions(explicit, 'ftpes'), { log: recorder.log, security })).rejects.toMatchObject({
      code: 'TLS_UNTRUSTED',
      message: 'The pinned certificate changed.',
    });
    expect(recorder.sent('USER')).toBe(false);
  });
});

/** A TCP forwarder whose target can be switched; `cut()` drops every forwarded connection. */
async function switchableProxy(target: number): Promise<{ port: number; retarget(port: number): void; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let to = target;
  const server: Server = createServer((client) => {
    const upstream = connect(to, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    retarget: (port) => (to = port),
    cut: () => sockets.forEach((s) => s.destroy()),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe.skipIf(vsftpd.skip)('certificate trust across reconnects (vsftpd)', () => {
  let first: RunningServer;
  let second: RunningServer;
  let other: TestCert;
  beforeAll(async () => {
    other = await makeCert();
    [first, second] = await Promise.all([startVsftpd({ tls: 'explicit' }), startVsftpd({ tls: 'explicit', cert: other })]);
    await Promise.all([makeBrowseFixture(first.root), makeBrowseFixture(second.root)]);
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('accepts the approved certificate again without asking, and asks for a different one', async () => {
    const proxy = await switchableProxy(first.port);
    try {
      const recorder = recordLog();
      const answers: boolean[] = [true, false];
      const security = createTestSecurity({ certificate: () => answers.shift() ?? false });
      const { fs, facts } = await FtpFs.connect(serverOptions(first, 'ftpes', { port: proxy.port }), { log: recorder.log, security });
      try {
        await fs.list(facts.home);
        proxy.cut(); // same server, connection gone: reconnect silently
        await fs.list(facts.home);
        expect(security.certificates).toHaveLength(1);
        expect(recorder.lines.filter(([, text]) => text.startsWith('Connecting to')).length).toBe(2);

        proxy.retarget(second.port); // another certificate behind the same address
        proxy.cut();
        const userBefore = recorder.lines.filter(([kind, text]) => kind === 'command' && text.startsWith('USER')).length;
        await expect(fs.list(facts.home)).rejects.toMatchObject({ code: 'CANCELLED' });
        expect(security.certificates).toHaveLength(2);
        expect(security.certificates[1]?.certificate.fingerprint256).toBe(other.fingerprint256);
        expect(recorder.lines.filter(([kind, text]) => kind === 'command' && text.startsWith('USER')).length).toBe(userBefore);
      } finally {
        await fs.close();
      }
    } finally {
      proxy.cut();
      await proxy.close();
    }
  });
});
