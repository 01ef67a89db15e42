/**
 * The FTP adapter against real servers on loopback: vsftpd (no MLSD, so LIST
 * parsing), pure-ftpd and proftpd (MLSD); passive and active mode each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../../shared/model/entry.js';
import type { ConnectOptions, TransferMode } from '../../../shared/model/session.js';
import type { LogKind } from '../../../shared/model/log.js';
import { requireServer } from '../testing/availability.js';
import { README_TEXT, makeBrowseFixture } from '../testing/fixtures.js';
import { startProftpd, startPureFtpd, startVsftpd, type RunningServer } from '../testing/servers/index.js';
import { FtpFs } from './ftp-fs.js';
import { trustingSecurity } from '../testing/test-security.js';

const SERVERS = [
  { kind: 'vsftpd', start: startVsftpd, listing: 'LIST' },
  { kind: 'pure-ftpd', start: startPureFtpd, listing: 'MLSD' },
  { kind: 'proftpd', start: startProftpd, listing: 'MLSD' },
] as const;

function options(server: RunningServer, transferMode: TransferMode, password = server.password): ConnectOptions {
  return { protocol: 'ftp-plain', host: server.host, port: server.port, user: server.user, password, transferMode, timeoutMs: 10_000 };
}

function byName(entries: readonly Entry[]): Map<string, Entry> {
  return new Map(entries.map((entry) => [entry.name, entry]));
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

for (const { kind, start, listing } of SERVERS) {
  const availability = requireServer(kind);
  describe.skipIf(availability.skip)(`FTP on ${kind}${availability.skip ? ` (skipped: ${availability.reason})` : ''}`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await start({});
      await makeBrowseFixture(server.root);
    });
    afterAll(async () => {
      await server?.stop();
    });

    for (const mode of ['passive', 'active'] as const) {
      it(`lists the fixture in ${mode} mode with types, sizes and names intact (${listing})`, async () => {
        const lines: [LogKind, string][] = [];
        const { fs, facts } = await FtpFs.connect(options(server, mode), { log: (k, text) => lines.push([k, text]), security: trustingSecurity() });
        try {
          expect(facts.home).toBe(server.home);
          expect(facts.encryption).toBeNull();
          const root = await fs.list(facts.home);
          const entries = byName(root.entries);
          expect(root.skipped).toBe(0);
          expect(entries.get('readme.txt')).toMatchObject({ type: 'file', size: Buffer.byteLength(README_TEXT) });
          expect(entries.get('readme.txt')?.modified).toEqual(expect.any(Number));
          expect(entries.get('folder with spaces')).toMatchObject({ type: 'dir' });
          expect(entries.get('ünïcødé-名前.txt')).toMatchObject({ type: 'file' });
          expect(entries.get('empty')).toMatchObject({ type: 'dir' });
          expect(entries.get('.hidden-file')).toMatchObject({ type: 'file' });
          expect(entries.get('link-to-readme')?.type).toBe('link');
          expect(entries.has('.')).toBe(false);
          expect(entries.has('..')).toBe(false);
          const dataCommand = mode === 'active' ? /^(EPRT|PORT) / : /^(EPSV|PASV)$/;
          expect(lines.some(([k, text]) => k === 'command' && dataCommand.test(text))).toBe(true);
          expect(lines.some(([k, text]) => k === 'command' && text.startsWith(listing))).toBe(true);
          expect(lines.some(([k, text]) => k === 'command' && text === 'PASS ****')).toBe(true);
          expect(lines.some(([, text]) => text.includes(server.password))).toBe(false);
        } finally {
          await fs.close();
        }
      });
    }

    it('changes folder, follows a folder symlink, lists an empty folder and a 2,000-entry folder', async () => {
      const { fs, facts } = await FtpFs.connect(options(server, 'passive'), { log: () => {}, security: trustingSecurity() });
      try {
        const spaced = await fs.list(join(facts.home, 'folder with spaces'));
        expect(spaced.path).toBe(join(facts.home, 'folder with spaces'));
        const deep = await fs.list(join(facts.home, 'nested/a/b'));
        expect(deep.entries.map((entry) => entry.name)).toEqual(['deep.txt']);
        expect((await fs.list(join(facts.home, 'empty'))).entries).toEqual([]);
        const viaLink = await fs.list(join(facts.home, 'linkdir'));
        expect(viaLink.entries.map((entry) => entry.name).sort()).toEqual(spaced.entries.map((entry) => entry.name).sort());
        const many = await fs.list(join(facts.home, 'many'));
        expect(many.entries).toHaveLength(2000);
        expect(new Set(many.entries.map((entry) => entry.name)).size).toBe(2000);
        expect(many.entries.every((entry) => entry.type === 'file')).toBe(true);
      } finally {
        await fs.close();
      }
    });

    it('tells a file from a missing folder when asked to open it', async () => {
      const { fs, facts } = await FtpFs.connect(options(server, 'passive'), { log: () => {}, security: trustingSecurity() });
      try {
        await expect(fs.list(join(facts.home, 'readme.txt'))).rejects.toMatchObject({ code: 'NOT_A_DIRECTORY' });
        await expect(fs.list(join(facts.home, 'link-to-readme'))).rejects.toMatchObject({ code: 'NOT_A_DIRECTORY' });
        await expect(fs.list(join(facts.home, 'no such folder'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
        // the session stays usable after the failures
        expect((await fs.list(facts.home)).entries.length).toBeGreaterThan(5);
      } finally {
        await fs.close();
      }
    });

    it('refuses a wrong password with AUTH_FAILED', async () => {
      await expect(FtpFs.connect(options(server, 'passive', 'wrong-password'), { log: () => {}, security: trustingSecurity() })).rejects.toMatchObject({
        code: 'AUTH_FAILED',
        message: expect.stringContaining('530'),
      });
    });
  });
}

const vsftpd = requireServer('vsftpd');
describe.skipIf(vsftpd.skip)('FTP session recovery', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startVsftpd({ extraConfig: 'idle_session_timeout=1' });
    await makeBrowseFixture(server.root);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('reconnects on demand after the server dropped an idle session', async () => {
    const lines: string[] = [];
    const { fs, facts } = await FtpFs.connect(options(server, 'passive'), { log: (_k, text) => lines.push(text), security: trustingSecurity() });
    try {
      await fs.list(facts.home);
      // vsftpd drops the session after 1 s idle with "421 Timeout."
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const again = await fs.list(facts.home);
      expect(byName(again.entries).has('readme.txt')).toBe(true);
      expect(lines.filter((text) => text.startsWith('Connecting to')).length).toBe(2);
    } finally {
      await fs.close();
    }
  });

  it('reports a refused connection and an unknown host clearly', async () => {
    const closed = { ...options(server, 'passive'), port: 1 };
    await expect(FtpFs.connect(closed, { log: () => {}, security: trustingSecurity() })).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
    await expect(FtpFs.connect({ ...closed, host: 'no-such-host.invalid', port: 21 }, { log: () => {}, security: trustingSecurity() })).rejects.toMatchObject({ code: 'HOST_NOT_FOUND' });
  });
});
