/**
 * Self-signed certificates for the FTPS servers. One shared certificate per
 * process (RSA key generation is the slowest part of starting a server), and
 * fresh distinct ones on demand for "the pinned certificate was replaced" tests.
 */
import { X509Certificate } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { removeOnExit } from './cleanup.js';
import { run } from './run.js';
import { makeTempDir } from './temp-dir.js';

/** A certificate and key on disk (for the servers) and as PEM text (for pinning in tests). */
export interface TestCert {
  readonly certPath: string;
  readonly keyPath: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** Same format as Node's `getPeerCertificate().fingerprint256` ("AB:CD:..."). */
  readonly fingerprint256: string;
}

let shared: Promise<TestCert> | undefined;

/**
 * Makes a new self-signed certificate, distinct from every other one (new
 * key), valid for CN=localhost with SAN DNS:localhost and IP:127.0.0.1.
 * The folder is removed when the process exits.
 */
export async function makeCert(commonName = 'localhost'): Promise<TestCert> {
  const dir = await makeTempDir('ferry-cert-');
  removeOnExit(dir);
  await chmod(dir, 0o755);
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650',
    '-subj', `/CN=${commonName}`,
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', keyPath, '-out', certPath,
  ]);
  await chmod(keyPath, 0o600);
  await chmod(certPath, 0o644);
  const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  const fingerprint256 = new X509Certificate(certPem).fingerprint256;
  return { certPath, keyPath, certPem, keyPem, fingerprint256 };
}

/**
 * The process-wide default certificate, made once and cached: every TLS
 * server started without an explicit `cert` option presents this one.
 */
export function testCert(): Promise<TestCert> {
  shared ??= makeCert().catch((err: unknown) => {
    shared = undefined; // let a later call retry
    throw err;
  });
  return shared;
}
