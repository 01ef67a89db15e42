/**
 * Smoke tests of the test-server harness itself: every server starts, serves
 * the browse fixture, accepts the right password and refuses a wrong one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { Client as FtpClient, FTPError } from 'basic-ftp';
import { Client as SshClient, type ConnectConfig, type FileEntryWithStats } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServer } from './availability.js';
import { makeCert, testCert } from './cert.js';
import { BROWSE, MANY_COUNT, makeBrowseFixture } from './fixtures.js';
import { freePortRange, isPortFree } from './free-port.js';
import { makeTempDir } from './temp-dir.js';
import { FTP_KINDS, makeHostKeys, SFTP_KINDS, startServer, type RunningServer, type TlsMode } from './servers/index.js';

const FTP_VARIANTS: Record<(typeof FTP_KINDS)[number], TlsMode[]> = {
  vsftpd: ['none', 'explicit', 'implicit'],
  'pure-ftpd': ['none', 'explicit'],
  proftpd: ['none', 'explicit', 'implicit'],
};

async function ftpLogin(s: RunningServer, tls: TlsMode, password = s.password): Promise<FtpClient> {
  const client = new FtpClient(10_000);
  try {
    await client.access({
      host: s.host,
      port: s.port,
      user: s.user,
      password,
      secure: tls === 'none' ? false : tls === 'implicit' ? 'implicit' : true,
      secureOptions: { rejectUnauthorized: false, servername: 'localhost' },
    });
  } catch (err) {
    client.close();
    throw err;
  }
  return client;
}

for (const kind of FTP_KINDS) {
  const req = requireServer(kind);
  describe.skipIf(req.skip)(`${kind}${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    for (const tls of FTP_VARIANTS[kind]) {
      describe(`tls=${tls}`, () => {
        let server: RunningServer;
        beforeAll(async () => {
          server = await startServer(kind, { tls });
          await makeBrowseFixture(server.root);
        });
        afterAll(async () => {
          await server?.stop();
        });

        it('lists the fixture at home', async () => {
          const client = await ftpLogin(server, tls);
          try {
            expect(await client.pwd()).toBe(server.home);
            const names = (await client.list()).map((e) => e.name);
            expect(names).toEqual(expect.arrayContaining([BROWSE.readme, BROWSE.spaces, BROWSE.unicode, BROWSE.many]));
            expect(await client.list(BROWSE.many)).toHaveLength(MANY_COUNT);
            if (tls !== 'none') {
              const sock = client.ftp.socket as TLSSocket;
              const peer = sock.getPeerCertificate();
              expect(peer.fingerprint256).toBe((await testCert()).fingerprint256);
              expect(server.certPem).toBe((await testCert()).certPem);
            }
          } finally {
            client.close();
          }
        });

        if (tls === 'none') {
          it('lets the user overwrite a fixture file and upload a new one', async () => {
            const client = await ftpLogin(server, tls);
            try {
              await client.uploadFrom(Readable.from(['overwritten\n']), BROWSE.readme);
              await client.uploadFrom(Readable.from(['new\n']), 'uploaded.txt');
            } finally {
              client.close();
            }
            expect(readFileSync(join(server.root, BROWSE.readme), 'utf8')).toBe('overwritten\n');
            expect(readFileSync(join(server.root, 'uploaded.txt'), 'utf8')).toBe('new\n');
          });

          // Failed logins are slow by design (PAM's 2 s delay in vsftpd, ~4 s in pure-ftpd): check once per server.
          it('refuses a wrong password with 530', async () => {
            const failure = await ftpLogin(server, tls, 'wrong-password').then(
              (c) => (c.close(), null),
              (e: unknown) => e,
            );
            expect(failure).toBeInstanceOf(FTPError);
            expect((failure as FTPError).code).toBe(530);
          });
        }
      });
    }

    it('caps TLS at 1.2 and presents a given certificate', async () => {
      const cert = await makeCert();
      const server = await startServer(kind, { tls: 'explicit', maxTlsVersion: 'TLSv1.2', cert });
      try {
        const client = await ftpLogin(server, 'explicit');
        const sock = client.ftp.socket as TLSSocket;
        expect(sock.getProtocol()).toBe('TLSv1.2');
        expect(sock.getPeerCertificate().fingerprint256).toBe(cert.fingerprint256);
        expect(cert.fingerprint256).not.toBe((await testCert()).fingerprint256);
        client.close();
      } finally {
        await server.stop();
      }
    });
  });
}

function sshConnect(s: RunningServer, auth: Partial<ConnectConfig>): Promise<SshClient> {
  return new Promise((resolve, reject) => {
    const c = new SshClient();
    c.on('ready', () => resolve(c))
      .on('error', reject)
      .connect({ host: s.host, port: s.port, username: s.user, readyTimeout: 15_000, ...auth });
  });
}

function readdir(c: SshClient, path: string): Promise<FileEntryWithStats[]> {
  return new Promise((resolve, reject) => {
    c.sftp((err, sftp) => {
      if (err) return reject(err);
      sftp.readdir(path, (e, list) => (e ? reject(e) : resolve(list)));
    });
  });
}

for (const kind of SFTP_KINDS) {
  const req = requireServer(kind);
  describe.skipIf(req.skip)(`${kind}${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(kind);
      await makeBrowseFixture(server.root);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('lists the fixture by password', async () => {
      const c = await sshConnect(server, { password: server.password });
      try {
        const names = (await readdir(c, server.home)).map((e) => e.filename);
        expect(names).toEqual(expect.arrayContaining([BROWSE.readme, BROWSE.spaces, BROWSE.unicode, BROWSE.hidden]));
        expect(await readdir(c, `${server.home.replace(/\/$/, '')}/${BROWSE.many}`)).toHaveLength(MANY_COUNT);
      } finally {
        c.end();
      }
    });

    it('lists the fixture with the client key', async () => {
      expect(server.clientKey).toBeTruthy();
      const c = await sshConnect(server, { privateKey: readFileSync(server.clientKey ?? '') });
      try {
        expect((await readdir(c, '.')).map((e) => e.filename)).toContain(BROWSE.readme);
      } finally {
        c.end();
      }
    });

    it('lets the user write into the root', async () => {
      const c = await sshConnect(server, { password: server.password });
      try {
        await new Promise<void>((resolve, reject) => {
          c.sftp((err, sftp) => {
            if (err) return reject(err);
            const path = `${server.home.replace(/\/$/, '')}/uploaded.txt`;
            sftp.writeFile(path, 'new\n', (e) => (e ? reject(e) : resolve()));
          });
        });
      } finally {
        c.end();
      }
      expect(readFileSync(join(server.root, 'uploaded.txt'), 'utf8')).toBe('new\n');
    });

    it('refuses a wrong password', async () => {
      const err = await sshConnect(server, { password: 'wrong-password' }).then(
        (c) => (c.end(), null),
        (e: unknown) => e as Error & { level?: string },
      );
      expect(err?.level).toBe('client-authentication');
    });

    it('publishes its host public keys, and keeps given ones across restarts', async () => {
      expect(server.hostKeys?.length).toBeGreaterThan(0);
      for (const k of server.hostKeys ?? []) expect(readFileSync(k, 'utf8')).toMatch(/^ssh-(ed25519|rsa) /);
      const keys = await makeHostKeys();
      const read = (s: RunningServer): string[] => (s.hostKeys ?? []).map((k) => readFileSync(k, 'utf8'));
      const first = await startServer(kind, { hostKeyFiles: keys });
      const firstKeys = read(first);
      await first.stop();
      const second = await startServer(kind, { hostKeyFiles: keys });
      try {
        expect(read(second)).toEqual(firstKeys);
        expect(firstKeys).not.toEqual(read(server));
        let presented = '';
        const c = await sshConnect(second, {
          password: second.password,
          hostVerifier: (key: Buffer) => ((presented = key.toString('base64')), true),
        });
        c.end();
        expect(firstKeys.map((k) => k.split(' ')[1])).toContain(presented); // the server really uses them
      } finally {
        await second.stop();
      }
    });
  });
}

describe('harness', () => {
  it('finds a range of consecutive free ports', async () => {
    const range = await freePortRange(20);
    expect(range.max - range.min).toBe(19);
    for (let p = range.min; p <= range.max; p++) expect(await isPortFree(p)).toBe(true);
  });

  const req = requireServer('vsftpd');
  it.skipIf(req.skip)('stops idempotently, frees the port, keeps a given root', async () => {
    const given = await makeTempDir('ferry-given-root-');
    try {
      const server = await startServer('vsftpd', { root: given });
      expect(server.root).toBe(given);
      await Promise.all([server.stop(), server.stop()]);
      await server.stop();
      expect(await isPortFree(server.port)).toBe(true);
      expect(existsSync(given)).toBe(true);
      const owned = await startServer('vsftpd');
      await owned.stop();
      expect(existsSync(owned.root)).toBe(false);
    } finally {
      await rm(given, { recursive: true, force: true });
    }
  });
});
