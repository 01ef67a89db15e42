/**
 * The passive and active strategies against real servers on loopback, plain
 * and FTPS: list, download and upload must be byte-exact. A small proxy in
 * front of vsftpd refuses EPSV (no real server here can be told to), which
 * also lets a real vsftpd with a foreign `pasv_address` exercise the PASV
 * address replacement.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { Client, type TransferStrategy } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServer } from '../testing/availability.js';
import { freePortRange } from '../testing/free-port.js';
import { giveToTestUser } from '../testing/ownership.js';
import { FTP_KINDS, startServer, startVsftpd, type RunningServer, type TlsMode } from '../testing/servers/index.js';
import { createActiveStrategy } from './active-strategy.js';
import { createPassiveStrategy, type StrategyLog } from './passive-strategy.js';
import { trackTlsSession } from './tls-session.js';

interface Variant {
  readonly tls: TlsMode;
  readonly maxTlsVersion?: 'TLSv1.2';
  /** pure-ftpd 1.0.50 issues no TLS 1.3 session tickets, so nothing can be resumed (it doesn't require it either). */
  readonly noResumption?: boolean;
}
const VARIANTS: Record<(typeof FTP_KINDS)[number], Variant[]> = {
  vsftpd: [{ tls: 'none' }, { tls: 'explicit' }, { tls: 'explicit', maxTlsVersion: 'TLSv1.2' }, { tls: 'implicit' }],
  'pure-ftpd': [{ tls: 'none' }, { tls: 'explicit', noResumption: true }, { tls: 'explicit', maxTlsVersion: 'TLSv1.2' }],
  proftpd: [{ tls: 'none' }, { tls: 'explicit' }, { tls: 'explicit', maxTlsVersion: 'TLSv1.2' }, { tls: 'implicit' }],
};
const NOT_RESUMED = 'info: TLS session of the control connection was not resumed on the data connection';
const CONTENT = randomBytes(3 * 1024 * 1024 + 123);
const FILE = 'blob.bin';

type Mode = 'passive' | 'active' | 'active-range';

function recorder(): { log: StrategyLog; lines: string[] } {
  const lines: string[] = [];
  return { log: (kind, text) => lines.push(`${kind}: ${text}`), lines };
}

async function strategyFor(mode: Mode, log: StrategyLog): Promise<TransferStrategy> {
  if (mode === 'passive') return createPassiveStrategy(log);
  const portRange = mode === 'active-range' ? await freePortRange(3) : undefined;
  return createActiveStrategy({ ...(portRange ? { portRange } : {}), acceptTimeoutMs: 10_000 }, log);
}

async function login(s: { host: string; port: number; user: string; password: string; certPem?: string }, tls: TlsMode): Promise<Client> {
  const client = new Client(15_000);
  try {
    await client.access({
      host: s.host,
      port: s.port,
      user: s.user,
      password: s.password,
      secure: tls === 'none' ? false : tls === 'implicit' ? 'implicit' : true,
      secureOptions: { ca: s.certPem, servername: 'localhost' },
    });
  } catch (err) {
    client.close();
    throw err;
  }
  // What the FTP adapter does right after TLS is up.
  if (tls !== 'none') trackTlsSession(client.ftp.socket as TLSSocket);
  return client;
}

async function download(client: Client, path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await client.downloadTo(new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) }), path);
  return Buffer.concat(chunks);
}

/** List, download twice (a second data connection must resume the session too), upload, list again. */
async function roundTrip(client: Client, server: RunningServer, uploadName: string): Promise<void> {
  expect((await client.list()).map((e) => e.name)).toContain(FILE);
  expect((await download(client, FILE)).equals(CONTENT)).toBe(true);
  expect((await download(client, FILE)).equals(CONTENT)).toBe(true);
  await client.uploadFrom(Readable.from([CONTENT.subarray(0, 1000), CONTENT.subarray(1000)]), uploadName);
  expect((await readFile(join(server.root, uploadName))).equals(CONTENT)).toBe(true);
  const listed = (await client.list()).find((e) => e.name === uploadName);
  expect(listed?.size).toBe(CONTENT.length);
}

for (const kind of FTP_KINDS) {
  const req = requireServer(kind);
  describe.skipIf(req.skip)(`${kind}${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    for (const { tls, maxTlsVersion, noResumption } of VARIANTS[kind]) {
      describe(`tls=${tls}${maxTlsVersion ? ` max ${maxTlsVersion}` : ''}`, () => {
        let server: RunningServer;
        beforeAll(async () => {
          server = await startServer(kind, { tls, ...(maxTlsVersion ? { maxTlsVersion } : {}) });
          await writeFile(join(server.root, FILE), CONTENT);
          await giveToTestUser(server.root);
        });
        afterAll(async () => {
          await server?.stop();
        });

        for (const mode of ['passive', 'active', 'active-range'] as const) {
          it(`${mode}: list, download and upload byte-exact`, async () => {
            const { log, lines } = recorder();
            const client = await login(server, tls);
            try {
              client.prepareTransfer = await strategyFor(mode, log);
              await roundTrip(client, server, `up-${mode}.bin`);
              if (tls !== 'none') {
                const protocol = (client.ftp.socket as TLSSocket).getProtocol();
                expect(protocol).toBe(maxTlsVersion ?? 'TLSv1.3');
              }
              // No EPSV fallback, no address replaced, every data connection resumed the session.
              expect(noResumption ? lines.filter((l) => l !== NOT_RESUMED) : lines).toEqual([]);
            } finally {
              client.close();
            }
          });
        }
      });
    }
  });
}

/** Forwards a control connection to `target`, answering EPSV itself with a 500 (as servers without RFC 2428 do). */
async function epsvRefusingProxy(target: RunningServer): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const track = (s: Socket): Socket => (sockets.add(s), s.on('close', () => sockets.delete(s)).on('error', () => {}));
  const proxy: Server = createServer((client) => {
    track(client);
    const upstream = track(connect(target.port, target.host));
    upstream.pipe(client);
    let pending = '';
    client.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let eol: number;
      while ((eol = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, eol + 2);
        pending = pending.slice(eol + 2);
        if (/^EPSV\b/i.test(line)) client.write("500 'EPSV': command not understood.\r\n");
        else upstream.write(Buffer.from(line, 'latin1'));
      }
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as AddressInfo).port,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}

const vsftpd = requireServer('vsftpd');
describe.skipIf(vsftpd.skip)('passive fallbacks on vsftpd behind an EPSV-refusing proxy', () => {
  for (const pasvAddress of ['127.0.0.1', '198.51.100.7']) {
    it(`falls back to PASV once, with pasv_address=${pasvAddress}`, async () => {
      // 198.51.100.7 (TEST-NET-2) stands for a NAT'ed server announcing the wrong address.
      const server = await startVsftpd({ extraConfig: `pasv_address=${pasvAddress}` });
      const proxy = await epsvRefusingProxy(server);
      const client = await login({ ...server, port: proxy.port }, 'none').catch(async (err: unknown) => {
        await Promise.all([proxy.close(), server.stop()]);
        throw err;
      });
      try {
        await writeFile(join(server.root, FILE), CONTENT);
        await giveToTestUser(server.root);
        const { log, lines } = recorder();
        client.prepareTransfer = createPassiveStrategy(log);
        await roundTrip(client, server, 'up-pasv.bin');
        const replaced = `info: PASV address ${pasvAddress} replaced by control address 127.0.0.1`;
        expect(lines).toEqual([
          "info: EPSV not usable (500 'EPSV': command not understood.); using PASV for this connection",
          ...(pasvAddress === '127.0.0.1' ? [] : Array<string>(5).fill(replaced)),
        ]);
      } finally {
        client.close();
        await proxy.close();
        await server.stop();
      }
    });
  }
});
