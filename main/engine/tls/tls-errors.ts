/**
 * TLS handshake failures → `FerryError`s a user can act on. OpenSSL's texts
 * ("wrong version number", "tlsv1 alert protocol version") mean nothing to
 * most people; what they need to know is "this port does not speak TLS" or
 * "the server and Ferry share no TLS version".
 *
 * Certificate problems are `TLS_UNTRUSTED`; everything else about the
 * handshake is `PROTOCOL`. Errors that are not about TLS give null, so the
 * caller's own mapping (errno, FTP replies) applies.
 */
import { FerryError } from '../../../shared/errors.js';

/** OpenSSL/Node verification codes: the certificate, not the connection, is the problem. */
const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_TLS_CERT_ALTNAME_FORMAT',
]);

/** One line per common certificate verdict, for logs and prompts. */
const CERTIFICATE_REASONS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'The certificate is self-signed.',
  SELF_SIGNED_CERT_IN_CHAIN: 'The certificate chain ends in a self-signed certificate that is not trusted.',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'The certificate was issued by an unknown authority.',
  UNABLE_TO_GET_ISSUER_CERT: 'The certificate was issued by an unknown authority.',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'The certificate was issued by an unknown authority.',
  CERT_HAS_EXPIRED: 'The certificate has expired.',
  CERT_NOT_YET_VALID: 'The certificate is not valid yet.',
  CERT_REVOKED: 'The certificate has been revoked.',
  ERR_TLS_CERT_ALTNAME_INVALID: 'The certificate was issued for a different host name.',
  HOSTNAME_MISMATCH: 'The certificate was issued for a different host name.',
};

/** A readable sentence for Node's `authorizationError` code (the code itself when unknown). */
export function describeAuthorizationError(code: string | null): string | null {
  if (code === null) return null;
  return CERTIFICATE_REASONS[code] ?? `The certificate could not be verified (${code}).`;
}

function codeOf(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : '';
}

/**
 * Maps a TLS error, or returns null when `error` is not one. `context` says
 * what was being done ("Cannot connect to host:990").
 */
export function mapTlsError(error: unknown, context: string): FerryError | null {
  if (!(error instanceof Error)) return null;
  const code = codeOf(error);
  // OpenSSL's full message is `80...:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:<source path>`;
  // Node also gives just the reason ("wrong version number").
  const reason = (error as { reason?: unknown }).reason;
  const text = typeof reason === 'string' && reason ? reason : error.message.trim();
  if (CERTIFICATE_CODES.has(code)) {
    const reason = describeAuthorizationError(code) ?? text;
    return new FerryError('TLS_UNTRUSTED', `${context}: ${reason}`, { cause: error });
  }
  // A plain-text reply where a TLS record was expected: RFC 4217 explicit FTPS
  // on a port that wants implicit TLS, or the reverse (`220 ...` is not a record).
  if (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST|RECORD_LAYER|wrong version number|packet length too long/i.test(`${code} ${text}`)) {
    return new FerryError('PROTOCOL', `${context}: the server did not answer in TLS (is this the right port and protocol? implicit FTPS usually uses port 990) — ${text}`, { cause: error });
  }
  if (/UNSUPPORTED_PROTOCOL|PROTOCOL_VERSION|VERSION_TOO_LOW|VERSION_TOO_HIGH|unsupported protocol|protocol version/i.test(`${code} ${text}`)) {
    return new FerryError('PROTOCOL', `${context}: the server and Ferry have no TLS version in common (try another "highest TLS version" setting) — ${text}`, { cause: error });
  }
  if (/HANDSHAKE_FAILURE|NO_SHARED_CIPHER|NO_CIPHERS|handshake failure|no shared cipher/i.test(`${code} ${text}`)) {
    return new FerryError('PROTOCOL', `${context}: the TLS handshake failed (no common cipher or the server refused it) — ${text}`, { cause: error });
  }
  if (code.startsWith('ERR_SSL_') || /before secure TLS connection was established/i.test(text)) {
    return new FerryError('PROTOCOL', `${context}: the TLS handshake failed — ${text}`, { cause: error });
  }
  return null;
}
