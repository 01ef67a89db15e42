/**
 * ASCII transfers through the queue on real servers that convert newlines:
 * vsftpd (with `ascii_upload_enable` / `ascii_download_enable`) and proftpd.
 * A CRLF text file uploaded as ASCII is stored with LF (Unix servers), and
 * comes back with the local convention (LF on posix); a `.bin` file under
 * "auto" stays binary, byte for byte. On SFTP the same settings change nothing.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../shared/model/session.js';
import { localTempDir } from '../ftp/ftp-tests.testing.js';
import { requireServer } from '../testing/availability.js';
import { startServer, type RunningServer, type ServerKind } from '../testing/servers/index.js';
import { serverQueueFs } from './queue-servers.testing.js';
import { openTestQueue, unfinished } from './queue-tests.testing.js';

interface Case {
  readonly kind: ServerKind;
  readonly protocol: Protocol;
  readonly tls: 'none' | 'explicit';
  readonly extraConfig?: string;
  /** Whether the server converts newlines (SFTP: the job is binary, nothing changes). */
  readonly converts: boolean;
}

const CASES: readonly Case[] = [
  { kind: 'vsftpd', protocol: 'ftpes', tls: 'explicit', extraConfig: 'ascii_upload_enable=YES\nascii_download_enable=YES', converts: true },
  { kind: 'proftpd', protocol: 'ftp-plain', tls: 'none', converts: true },
  { kind: 'sshd', protocol: 'sftp', tls: 'none', converts: false },
];

/** Text with CRLF line ends, larger than one 256 KiB read, with a CRLF split exactly at the first read boundary. */
function crlfText(): string {
  const lines = ['first line', '', 'naïve café — UTF-8 stays as it is', 'a lone \r stays'];
  for (let i = 0; i < 8000; i++) lines.push(`line ${i} ${'x'.repeat(i % 50)}`);
  const body = lines.join('\r\n') + '\r\n';
  return `${'a'.repeat(256 * 1024 - 1)}\r\n${body}`;
}

const toLf = (text: string): string => text.replace(/\r\n/g, '\n');

for (const c of CASES) {
  const req = requireServer(c.kind);
  describe.skipIf(req.skip)(`ASCII transfers on ${c.kind} (${c.protocol})${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    let server: RunningServer;
    let local: string;
    const text = crlfText();
    const binary = Buffer.concat([randomBytes(100_000), Buffer.from('\r\n\n\r\r\n'), randomBytes(1000)]);

    beforeAll(async () => {
      server = await startServer(c.kind, { tls: c.tls, ...(c.extraConfig ? { extraConfig: c.extraConfig } : {}) });
      local = await localTempDir('ferry-ascii-it-');
      await writeFile(join(local, 'notes.txt'), text, 'utf8');
      await writeFile(join(local, 'data.bin'), binary);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('uploads a CRLF text file as ASCII (stored with LF), downloads it back with LF; .bin stays binary', async () => {
      const conn = serverQueueFs(server, c.protocol);
      const { queue } = await openTestQueue(conn.open, { transferType: 'auto', asciiExtensions: ['txt', 'html'], retries: 0 });
      const remoteDir = server.home;
      for (const name of ['notes.txt', 'data.bin']) {
        await queue.add({ direction: 'upload', siteKey: c.kind, localPath: join(local, name), remoteDir, protocol: c.protocol });
      }
      await queue.whenIdle();
      expect(unfinished(queue.snapshot().jobs)).toEqual([]);
      const byName = (jobs: readonly { localPath: string }[], name: string) => jobs.find((job) => job.localPath.endsWith(name));
      const up = queue.snapshot().jobs;
      expect(byName(up, 'notes.txt')).toMatchObject({ ascii: c.converts, state: { status: 'done', verified: c.converts ? 'size' : expect.any(String) } });
      expect(byName(up, 'data.bin')).toMatchObject({ ascii: false, state: { status: 'done' } });

      const stored = await readFile(join(server.root, 'notes.txt'), 'utf8');
      expect(stored.length).toBe((c.converts ? toLf(text) : text).length);
      expect(stored === (c.converts ? toLf(text) : text)).toBe(true);
      expect((await readFile(join(server.root, 'data.bin'))).equals(binary)).toBe(true);

      queue.clearDone();
      const down = await localTempDir('ferry-ascii-it-down-');
      const base = server.home === '/' ? '' : server.home;
      for (const name of ['notes.txt', 'data.bin']) {
        await queue.add({ direction: 'download', siteKey: c.kind, remotePath: `${base}/${name}`, type: 'file', localDir: down, protocol: c.protocol });
      }
      await queue.whenIdle();
      expect(unfinished(queue.snapshot().jobs)).toEqual([]);
      const back = queue.snapshot().jobs;
      expect(byName(back, 'notes.txt')).toMatchObject({ ascii: c.converts, state: { status: 'done' } });
      const downloaded = await readFile(join(down, 'notes.txt'), 'utf8');
      const expected = c.converts && process.platform !== 'win32' ? toLf(text) : text;
      expect(downloaded.length).toBe(expected.length);
      expect(downloaded === expected).toBe(true);
      expect((await readFile(join(down, 'data.bin'))).equals(binary)).toBe(true);
      if (c.converts) {
        // Every ASCII transfer ran from byte 0.
        expect(conn.calls.filter((call) => call.path.includes('notes.txt')).map((call) => call.offset)).toEqual([0, 0]);
      }
      await queue.close();
    });
  });
}
