import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { connect, createServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { testCert } from '../testing/cert.js';
import { describeAuthorizationError, mapTlsError } from './tls-errors.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function handshakeError(port: number, options: Record<string, unknown> = {}): Promise<Error> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options });
    cleanups.push(() => socket.destroy());
    socket.once('error', resolve);
  });
}

describe('mapTlsError', () => {
  it('explains a plain-text server answering a TLS handshake', async () => {
    const server = createNetServer((s) => s.end('220 plain FTP here\r\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => server.close());
    const error = await handshakeError((server.address() as AddressInfo).port);
    const mapped = mapTlsError(error, 'Cannot connect to h:990');
    expect(mapped).toMatchObject({ code: 'PROTOCOL' });
    expect(mapped?.message).toMatch(/^Cannot connect to h:990: the server did not answer in TLS/);
  });

  it('explains a TLS version mismatch', async () => {
    const cert = await testCert();
    const server = createServer({ cert: cert.certPem, key: cert.keyPem, minVersion: 'TLSv1.3' }, (s) => s.on('error', () => {}));
    server.on('tlsClientError', () => {});
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => server.close());
    const error = await handshakeError((server.address() as AddressInfo).port, { maxVersion: 'TLSv1.2' });
    expect(mapTlsError(error, 'x')?.message).toMatch(/no TLS version in common/);
  });

  it('makes certificate verdicts TLS_UNTRUSTED and ignores what is not TLS', () => {
    const expired = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
    expect(mapTlsError(expired, 'x')).toMatchObject({ code: 'TLS_UNTRUSTED', message: 'x: The certificate has expired.' });
    expect(mapTlsError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), 'x')).toBeNull();
    expect(mapTlsError('nope', 'x')).toBeNull();
  });

  it('describes authorization codes in one sentence', () => {
    expect(describeAuthorizationError('DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('The certificate is self-signed.');
    expect(describeAuthorizationError('SOMETHING_NEW')).toMatch(/SOMETHING_NEW/);
    expect(describeAuthorizationError(null)).toBeNull();
  });
});
