import { X509Certificate } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { connect, createServer, type ConnectionOptions, type Server, type TLSSocket } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testCert, type TestCert } from '../testing/cert.js';
import { certificateCheck, describeEncryption, isoDate, pemFromDer, splitAltNames } from './certificate-info.js';
import { clientTlsOptions } from './tls-options.js';

let cert: TestCert;
beforeAll(async () => {
  cert = await testCert();
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function handshake(options: ConnectionOptions): Promise<TLSSocket> {
  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (s) => s.on('error', () => {}));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => server.close());
  const socket = connect({ ...options, port: (server.address() as AddressInfo).port });
  cleanups.push(() => socket.destroy());
  await new Promise((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
  return socket;
}

describe('certificateCheck', () => {
  it('describes a self-signed certificate without trusting it', async () => {
    const socket = await handshake(clientTlsOptions('127.0.0.1'));
    const check = certificateCheck(socket, '127.0.0.1', 990);
    expect(check).toMatchObject({ host: '127.0.0.1', port: 990, authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(check.certificate).toMatchObject({
      subject: 'CN=localhost',
      issuer: 'CN=localhost',
      altNames: ['DNS:localhost', 'IP Address:127.0.0.1'],
      fingerprint256: cert.fingerprint256,
    });
    const x509 = new X509Certificate(cert.certPem);
    expect(check.certificate.serialNumber).toBe(x509.serialNumber);
    expect(check.certificate.validFrom).toBe(new Date(x509.validFrom).toISOString());
    expect(check.certificate.validTo).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(check.pem.trim()).toBe(cert.certPem.trim());
  });

  it("reports Node's host-name verdict when the chain itself is trusted", async () => {
    const socket = await handshake({ host: '127.0.0.1', servername: 'ftp.example.com', ca: cert.certPem, rejectUnauthorized: false });
    const check = certificateCheck(socket, 'ftp.example.com', 21);
    expect(check.authorized).toBe(false);
    expect(check.authorizationError).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('is authorized when chain and name verify', async () => {
    const socket = await handshake({ host: 'localhost', servername: 'localhost', ca: cert.certPem });
    const check = certificateCheck(socket, 'localhost', 21);
    expect(check).toMatchObject({ authorized: true, authorizationError: null });
    expect(describeEncryption(socket)).toMatch(/^TLSv1\.3 \(TLS_/);
  });
});

describe('helpers', () => {
  it('splits alt names, honouring quoted values', () => {
    expect(splitAltNames('DNS:a.example, IP Address:10.0.0.1')).toEqual(['DNS:a.example', 'IP Address:10.0.0.1']);
    expect(splitAltNames('DNS:"a, b", DNS:c')).toEqual(['DNS:"a, b"', 'DNS:c']);
    expect(splitAltNames(undefined)).toEqual([]);
  });

  it('turns OpenSSL dates into ISO and keeps what does not parse', () => {
    expect(isoDate('Jan  1 00:00:00 2030 GMT')).toBe('2030-01-01T00:00:00.000Z');
    expect(isoDate('someday')).toBe('someday');
  });

  it('wraps DER as PEM at 64 columns', () => {
    const pem = pemFromDer(Buffer.alloc(100, 1));
    const lines = pem.trim().split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines.at(-1)).toBe('-----END CERTIFICATE-----');
    expect(lines.slice(1, -1).every((line) => line.length <= 64)).toBe(true);
  });
});
