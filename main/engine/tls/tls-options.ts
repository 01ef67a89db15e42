/**
 * The client TLS options every protocol adapter starts from.
 *
 * - `rejectUnauthorized: false`: the handshake must complete even for an
 *   unknown certificate so it can be shown to the user *before* any secret is
 *   sent; trust is decided by `SecurityHooks.checkCertificate`, never here.
 * - `host` is always set and `servername` (SNI) only for names: RFC 6066 §3
 *   forbids IP literals in SNI (Node warns, DEP0123). Node binds a resumable
 *   session to this identity, so data connections must present the same.
 * - `maxVersion` caps the protocol for servers that break on TLS 1.3 (the
 *   data connections inherit it through the same options object).
 */
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { TlsVersion } from '../../../shared/model/session.js';

export function clientTlsOptions(host: string, maxVersion?: TlsVersion): ConnectionOptions {
  return {
    host,
    ...(isIP(host) === 0 ? { servername: host } : {}),
    rejectUnauthorized: false,
    ...(maxVersion ? { maxVersion } : {}),
  };
}
