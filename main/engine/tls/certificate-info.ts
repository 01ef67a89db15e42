/**
 * Turns a server's TLS certificate into what a person (and the trust store)
 * needs to judge it: readable subject and issuer, ISO validity dates, the
 * subject alternative names as a list, the SHA-256 fingerprint and serial,
 * the leaf PEM for pinning, and Node's own verdict.
 *
 * Why from a live socket with `rejectUnauthorized: false`: the engine must
 * show an unknown or self-signed certificate *before* it sends a password
 * (see security-hooks.ts), so the handshake has to succeed first. Node still
 * runs chain verification and `checkServerIdentity` in that mode and reports
 * the outcome in `authorized` / `authorizationError` (e.g.
 * `DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`,
 * `ERR_TLS_CERT_ALTNAME_INVALID`); the hooks decide from that.
 */
import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, PeerCertificate, TLSSocket } from 'node:tls';
import { FerryError } from '../../../shared/errors.js';
import type { CertificateInfo } from '../../../shared/model/prompt.js';
import type { CertificateCheck } from '../security-hooks.js';

/** `C=DE\nO=Example\nCN=ftp.example.com` (X509Certificate's form) → `C=DE, O=Example, CN=ftp.example.com`. */
function readableName(name: string): string {
  return name
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
}

/** Node's legacy object form (`{ CN: 'x', OU: ['a', 'b'] }`), used when the raw DER is missing. */
function nameFromObject(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${key}=${String(v)}`))
    .join(', ');
}

/** OpenSSL's `Jan  1 00:00:00 2030 GMT` → ISO 8601; the raw text if it does not parse. */
export function isoDate(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/**
 * Splits Node's `subjectaltname` (`DNS:a, DNS:b, IP Address:1.2.3.4`). Since
 * CVE-2021-44532 Node JSON-quotes values containing separators
 * (`DNS:"a, b"`), so a comma inside quotes does not split.
 */
export function splitAltNames(text: string | undefined): string[] {
  if (!text) return [];
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\\' && quoted) {
      current += ch + (text[i + 1] ?? '');
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (ch === ',' && !quoted) {
      if (current.trim()) names.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) names.push(current.trim());
  return names;
}

/** DER → PEM, 64 characters a line as RFC 7468 §2 asks. */
export function pemFromDer(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Display-ready facts of a peer certificate (as returned by `getPeerCertificate()`). */
export function describeCertificate(cert: PeerCertificate): CertificateInfo {
  let subject = nameFromObject(cert.subject);
  let issuer = nameFromObject(cert.issuer);
  if (cert.raw && cert.raw.length > 0) {
    try {
      const x509 = new X509Certificate(cert.raw);
      subject = readableName(x509.subject);
      issuer = readableName(x509.issuer);
    } catch {
      // keep the object form: an odd DER must not stop the user from seeing the rest
    }
  }
  return {
    subject,
    issuer,
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    altNames: splitAltNames(cert.subjectaltname),
    fingerprint256: cert.fingerprint256,
    serialNumber: cert.serialNumber,
  };
}

/**
 * Everything `SecurityHooks.checkCertificate` needs, read from a socket whose
 * handshake has completed. Throws `PROTOCOL` when the server presented no
 * certificate (anonymous cipher suites are never acceptable for FTPS).
 */
export function certificateCheck(socket: TLSSocket, host: string, port: number): CertificateCheck {
  const cert = socket.getPeerCertificate(true) as DetailedPeerCertificate | null;
  if (!cert || !cert.raw || !cert.fingerprint256) {
    throw new FerryError('PROTOCOL', `${host}:${port} presented no TLS certificate`);
  }
  const error = socket.authorizationError as unknown;
  const authorizationError = socket.authorized
    ? null
    : error instanceof Error
      ? ((error as NodeJS.ErrnoException).code ?? error.message)
      : error === undefined || error === null
        ? null
        : String(error);
  return {
    host,
    port,
    certificate: describeCertificate(cert),
    pem: pemFromDer(cert.raw),
    authorized: socket.authorized,
    authorizationError,
  };
}

/** `TLSv1.3 (TLS_AES_256_GCM_SHA384)`, for `SessionInfo.encryption` and the log; null for a non-TLS socket. */
export function describeEncryption(socket: TLSSocket): string | null {
  const protocol = socket.getProtocol();
  if (!protocol) return null;
  const cipher = socket.getCipher() as { name?: string } | undefined;
  return cipher?.name ? `${protocol} (${cipher.name})` : protocol;
}
