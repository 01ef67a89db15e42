/**
 * The data channel is held to the certificate approved for the control
 * channel, end to end through `FtpFs`: a scripted FTPS server sends the
 * passive data connection to a TLS endpoint of its choosing. With the same
 * certificate the listing works (a fresh handshake, no resumption); with
 * another certificate — a third party that raced to the port — the listing
 * fails with TLS_UNTRUSTED and no data is used.
 */
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCert, testCert, type TestCert } from '../testing/cert.js';
import { createTestSecurity } from '../testing/test-security.js';
import { FtpFs } from './ftp-fs.js';

const LISTING = '-rw-r--r--    1 1000     1000            5 Jan 01 12:00 secret.txt\r\n';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => server.close());
  return (server.address() as AddressInfo).port;
}

/** A TLS data endpoint that sends a listing to whoever completes a handshake. */
async function dataEndpoint(cert: TestCert): Promise<number> {
  const server = createTlsServer({ cert: cert.certPem, key: cert.keyPem }, (s) => {
    s.on('error', () => {});
    s.end(LISTING);
  });
  server.on('tlsClientError', () => {});
  return listen(server);
}

/** Explicit-FTPS control server (AUTH TLS) whose EPSV points at `dataPort`. */
async function fakeFtps(cert: TestCert, dataPort: number): Promise<number> {
  const server = createNetServer((raw) => {
    let socket: Socket = raw;
    const reply = (line: string): void => {
      if (!socket.destroyed) socket.write(`${line}\r\n`);
    };
    const onCommand = (command: string): void => {
      const verb = command.split(' ')[0] ?? '';
      if (verb === 'AUTH') {
        reply('234 Proceed');
        raw.removeAllListeners('data');
        socket = new TLSSocket(raw, { isServer: true, cert: cert.certPem, key: cert.keyPem });
        socket.on('error', () => {});
        readLines(socket, onCommand);
        return;
      }
      const answers: Record<string, string> = { USER: '331 Password', PASS: '230 Welcome', PWD: '257 "/"', FEAT: '211 No features', EPSV: `229 Extended Passive Mode (|||${dataPort}|)` };
      if (verb === 'LIST') {
        reply('150 Here it comes');
        setTimeout(() => reply('226 Done'), 100);
        return;
      }
      reply(answers[verb] ?? '200 OK');
    };
    raw.on('error', () => {});
    readLines(raw, onCommand);
    reply('220 fake FTPS');
  });
  return listen(server);
}

function readLines(socket: Socket, onLine: (line: string) => void): void {
  let buffered = '';
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    let eol: number;
    while ((eol = buffered.indexOf('\r\n')) >= 0) {
      onLine(buffered.slice(0, eol));
      buffered = buffered.slice(eol + 2);
    }
  });
}

/** A data endpoint that answers in plain text the first `plainTimes` times (a glitch), then in TLS with `cert`. */
async function glitchyEndpoint(cert: TestCert, plainTimes: number): Promise<number> {
  let connections = 0;
  const tlsServer = createTlsServer({ cert: cert.certPem, key: cert.keyPem }, (s) => {
    s.on('error', () => {});
    s.end(LISTING);
  });
  tlsServer.on('tlsClientError', () => {});
  const server = createNetServer((raw) => {
    raw.on('error', () => {});
    if (++connections <= plainTimes) {
      raw.end('425 not TLS at all\r\n');
      return;
    }
    tlsServer.emit('connection', raw);
  });
  return listen(server);
}

async function listVia(dataCert: TestCert, dataPort?: number): Promise<unknown> {
  const cert = await testCert();
  const port = await fakeFtps(cert, dataPort ?? (await dataEndpoint(dataCert)));
  const security = createTestSecurity({ certificate: () => true });
  const { fs, facts } = await FtpFs.connect(
    { protocol: 'ftpes', host: '127.0.0.1', port, user: 'u', password: 'p', transferMode: 'passive', timeoutMs: 5000 },
    { log: () => {}, security },
  );
  cleanups.push(() => void fs.close());
  expect(security.certificates).toHaveLength(1);
  return fs.list(facts.home);
}

describe('data connections must present the approved certificate', () => {
  it('lists through a data connection with the same certificate', async () => {
    const listing = await listVia(await testCert());
    expect(listing).toMatchObject({ entries: [expect.objectContaining({ name: 'secret.txt' })] });
  });

  it('refuses a data connection with another certificate (TLS_UNTRUSTED)', async () => {
    await expect(listVia(await makeCert())).rejects.toMatchObject({
      code: 'TLS_UNTRUSTED',
      message: expect.stringContaining('The data connection presented a different TLS certificate'),
    });
  });

  it('treats a data connection that does not answer in TLS as a lost connection: retried once, then retryable', async () => {
    const cert = await testCert();
    // Once: the adapter reconnects and the listing works.
    const listing = await listVia(cert, await glitchyEndpoint(cert, 1));
    expect(listing).toMatchObject({ entries: [expect.objectContaining({ name: 'secret.txt' })] });
    // Every time: a retryable CONNECTION_LOST for the queue, not "wrong port" for good.
    await expect(listVia(cert, await glitchyEndpoint(cert, 100))).rejects.toMatchObject({
      code: 'CONNECTION_LOST',
      retryable: true,
      message: expect.stringContaining('a data connection failed its TLS handshake'),
    });
  });
});
