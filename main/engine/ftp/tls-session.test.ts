import { connect as netConnect, type AddressInfo } from 'node:net';
import { connect as tlsConnect, createServer, type ConnectionOptions, type Server, type TLSSocket } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeCert, testCert, type TestCert } from '../testing/cert.js';
import { latestTlsSession, pinDataCertificate, trackTlsSession, wrapDataSocket } from './tls-session.js';

let cert: TestCert;
beforeAll(async () => {
  cert = await testCert();
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A TLS echo-less server recording the SNI each connection asked for. */
async function server(maxVersion: 'TLSv1.2' | 'TLSv1.3', served: TestCert = cert): Promise<{ port: number; servernames: (string | false)[] }> {
  const servernames: (string | false)[] = [];
  const srv: Server = createServer({ cert: served.certPem, key: served.keyPem, maxVersion }, (s) => {
    servernames.push((s as TLSSocket & { servername: string | false }).servername);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  cleanups.push(() => srv.close());
  return { port: (srv.address() as AddressInfo).port, servernames };
}

/**
 * The control connection. `trackAt: 'creation'` starts tracking before the
 * handshake; 'after-handshake' mimics the FTP adapter, which can only call
 * `trackTlsSession` once basic-ftp's `useTLS()` has resolved — by then a TLS
 * 1.3 ticket that came in the same read as the handshake has already passed.
 */
const tickets = new WeakMap<TLSSocket, Promise<unknown>>();

async function control(port: number, options: ConnectionOptions, trackAt: 'creation' | 'after-handshake'): Promise<TLSSocket> {
  const socket = tlsConnect({ port, host: '127.0.0.1', ...options });
  cleanups.push(() => socket.destroy());
  if (trackAt === 'creation') {
    trackTlsSession(socket);
    tickets.set(socket, new Promise((r) => socket.once('session', r)));
  }
  await new Promise((r) => socket.once('secureConnect', r));
  if (trackAt === 'after-handshake') trackTlsSession(socket);
  return socket;
}

async function dataOver(port: number, ctrl: TLSSocket, options: ConnectionOptions, logs: string[] = []): Promise<TLSSocket> {
  const raw = netConnect(port, '127.0.0.1');
  await new Promise((r) => raw.once('connect', r));
  const data = wrapDataSocket(raw, ctrl, options, (kind, text) => logs.push(`${kind}: ${text}`));
  cleanups.push(() => data.destroy());
  await new Promise((r) => data.once('secureConnect', r));
  return data;
}

describe('TLS session reuse on data connections', () => {
  const options = (): ConnectionOptions => ({ ca: cert.certPem, host: 'localhost', servername: 'localhost' });

  it('TLS 1.3: keeps the ticket that arrives after the handshake and resumes it', async () => {
    const srv = await server('TLSv1.3');
    const ctrl = await control(srv.port, options(), 'creation');
    expect(ctrl.getProtocol()).toBe('TLSv1.3');
    // Before the ticket, getSession() gives a session that can't be resumed.
    await tickets.get(ctrl);
    expect(latestTlsSession(ctrl)).toBeInstanceOf(Buffer);
    const logs: string[] = [];
    const data = await dataOver(srv.port, ctrl, options(), logs);
    expect(data.isSessionReused()).toBe(true);
    expect(data.authorized).toBe(true);
    expect(logs).toEqual([]);
    // A ticket issued on a data connection replaces the control's (TLS 1.3
    // tickets may be single-use). Node's server issues none on resumption, so
    // simulate one.
    const fresh = Buffer.from('ticket from a data connection');
    data.emit('session', fresh);
    expect(latestTlsSession(ctrl)).toBe(fresh);
  });

  it('TLS 1.3: still resumes when tracking starts after the handshake (getSession fallback)', async () => {
    const srv = await server('TLSv1.3');
    const ctrl = await control(srv.port, options(), 'after-handshake');
    await new Promise((r) => setTimeout(r, 50)); // let the tickets arrive
    expect((await dataOver(srv.port, ctrl, options())).isSessionReused()).toBe(true);
  });

  it('TLS 1.2: resumes the control session', async () => {
    const srv = await server('TLSv1.2');
    const ctrl = await control(srv.port, options(), 'after-handshake');
    const data = await dataOver(srv.port, ctrl, options());
    expect(data.getProtocol()).toBe('TLSv1.2');
    expect(data.isSessionReused()).toBe(true);
  });

  it('sends the host name as SNI, never an IP literal (RFC 6066 §3)', async () => {
    const srv = await server('TLSv1.3');
    const ctrl = await control(srv.port, options(), 'after-handshake');
    await dataOver(srv.port, ctrl, { ca: cert.certPem, host: 'localhost' });
    await dataOver(srv.port, ctrl, { ca: cert.certPem, host: '127.0.0.1' });
    await vi.waitFor(() => expect(srv.servernames.slice(1)).toEqual(['localhost', false]));
  });

  it('logs when the server does not resume the session', async () => {
    const first = await server('TLSv1.2');
    const other = await server('TLSv1.2'); // different ticket keys: cannot resume
    const ctrl = await control(first.port, options(), 'after-handshake');
    const logs: string[] = [];
    const data = await dataOver(other.port, ctrl, options(), logs);
    expect(data.isSessionReused()).toBe(false);
    expect(logs).toEqual(['info: TLS session of the control connection was not resumed on the data connection']);
  });

  it('verifies the certificate with the control connection options', async () => {
    const srv = await server('TLSv1.3');
    const ctrl = await control(srv.port, options(), 'after-handshake');
    const raw = netConnect(srv.port, '127.0.0.1');
    await new Promise((r) => raw.once('connect', r));
    const data = wrapDataSocket(raw, ctrl, { host: 'localhost' }); // no CA: self-signed must fail
    cleanups.push(() => data.destroy());
    await expect(new Promise((_, reject) => data.once('error', reject))).rejects.toThrow(/self-signed/);
  });
});

describe('pinned data-connection certificate', () => {
  const lax = (): ConnectionOptions => ({ host: '127.0.0.1', rejectUnauthorized: false });

  it('accepts the approved certificate, resumed or not', async () => {
    const srv = await server('TLSv1.3');
    const ctrl = await control(srv.port, lax(), 'creation');
    pinDataCertificate(ctrl, cert.fingerprint256);
    await tickets.get(ctrl);
    const resumed = await dataOver(srv.port, ctrl, lax());
    expect(resumed.isSessionReused()).toBe(true);
    const other = await server('TLSv1.2'); // same certificate, other ticket keys: full handshake
    const fresh = await dataOver(other.port, ctrl, lax());
    expect(fresh.isSessionReused()).toBe(false);
    expect(fresh.destroyed).toBe(false);
  });

  it('destroys a data connection that presents another certificate with TLS_UNTRUSTED', async () => {
    const srv = await server('TLSv1.3');
    const impostor = await server('TLSv1.3', await makeCert());
    const ctrl = await control(srv.port, lax(), 'after-handshake');
    pinDataCertificate(ctrl, cert.fingerprint256);
    const raw = netConnect(impostor.port, '127.0.0.1');
    await new Promise((r) => raw.once('connect', r));
    const logs: string[] = [];
    const data = wrapDataSocket(raw, ctrl, lax(), (kind, text) => logs.push(`${kind}: ${text}`));
    cleanups.push(() => data.destroy());
    const error = await new Promise<Error>((resolve) => data.once('error', resolve));
    expect(error).toMatchObject({ code: 'TLS_UNTRUSTED' });
    expect(data.destroyed).toBe(true);
    expect(logs.some((line) => line.startsWith('error: The data connection presented a different TLS certificate'))).toBe(true);
  });
});
