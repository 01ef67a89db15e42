/**
 * TLS session handling for FTPS data connections, shared by the passive and
 * active strategies.
 *
 * Why it matters: vsftpd (`require_ssl_reuse=YES`, its default) and proftpd
 * (mod_tls, unless `TLSOptions NoSessionReuseRequired`) refuse a data
 * connection whose TLS session is not resumed from the control connection
 * (vsftpd: `522 SSL connection failed: session reuse required`): it proves
 * the data connection comes from the client that logged in, not from someone
 * who raced to the port (RFC 4217's security considerations). With TLS 1.3 the
 * session ticket is sent *after* the handshake (RFC 8446 §4.6.1), so the
 * session has to be captured from the `session` event rather than read once.
 * pure-ftpd 1.0.50 sends no TLS 1.3 tickets at all: nothing is resumed there,
 * and it does not ask for it.
 *
 * Data connections are also held to the certificate the user approved for the
 * control connection (`pinDataCertificate`): the handshakes run with
 * `rejectUnauthorized: false` (trust is the user's decision, made once), so
 * without this pin whoever raced to the passive port first could present any
 * certificate and read or feed the transfer (RFC 4217 §10).
 */
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
import { isIP } from 'node:net';
import { FerryError } from '../../../shared/errors.js';

/** Latest session per control socket; weak so a closed connection leaves nothing behind. */
const sessions = new WeakMap<TLSSocket, Buffer>();
const tracked = new WeakSet<TLSSocket>();
/** SHA-256 fingerprint the data connections of a control socket must present. */
const pins = new WeakMap<TLSSocket, string>();

/**
 * Requires every later data connection of `control` to present the
 * certificate with this SHA-256 fingerprint (Node's colon-separated form), or
 * to resume the control connection's session (which only the server that did
 * the approved handshake can do; Node reports no peer certificate then).
 */
export function pinDataCertificate(control: TLSSocket, fingerprint256: string): void {
  pins.set(control, fingerprint256);
}

/** The error for a data connection whose certificate is not the approved one, or null when it is. */
export function checkDataPeer(data: TLSSocket, control: TLSSocket): FerryError | null {
  const pinned = pins.get(control);
  if (pinned === undefined || data.isSessionReused()) return null;
  const presented = data.getPeerCertificate()?.fingerprint256;
  if (presented === pinned) return null;
  return new FerryError(
    'TLS_UNTRUSTED',
    `The data connection presented a different TLS certificate (SHA-256 ${presented ?? 'none'}) than the approved one (${pinned}); it was closed`,
  );
}

/**
 * Starts remembering the newest TLS session ticket of a control socket. Call
 * right after the control connection's TLS handshake (AUTH TLS or implicit);
 * calling it again for the same socket is harmless.
 */
export function trackTlsSession(socket: TLSSocket): void {
  if (tracked.has(socket)) return;
  tracked.add(socket);
  socket.on('session', (session: Buffer) => sessions.set(socket, session));
}

/**
 * The session to present on the next data connection: the newest ticket seen
 * on the control socket or on an earlier data connection (TLS 1.3 tickets may
 * be single-use, so a data connection's fresh ticket replaces the old one),
 * then `fallback` (e.g. basic-ftp's `ftp.tlsSessionStore`), then the control
 * socket's current session.
 */
export function latestTlsSession(control: TLSSocket, fallback?: Buffer): Buffer | undefined {
  return sessions.get(control) ?? fallback ?? control.getSession();
}

/**
 * Wraps a connected data socket in TLS as the *client* — also in active mode,
 * where the server opened the TCP connection (RFC 4217) — resuming the
 * control connection's session and using its TLS options (CA, pinning
 * `checkServerIdentity`, `rejectUnauthorized`, ...), so the certificate is
 * checked against the same host name the user connected to.
 *
 * A certificate other than the pinned one (see `pinDataCertificate`)
 * destroys the socket with a `TLS_UNTRUSTED` error as soon as the handshake
 * ends, before any data is read from or written to it.
 *
 * Does not wait for the handshake: vsftpd only starts TLS on the data
 * connection after it has read the transfer command, so waiting here would
 * deadlock. Writers must wait for `secureConnect`.
 *
 * @param tlsOptions the control connection's options (basic-ftp keeps them in `ftp.tlsOptions`).
 * @param log told when the server did not resume the session (expect a 522).
 */
export function wrapDataSocket(
  socket: Socket,
  control: TLSSocket,
  tlsOptions: ConnectionOptions,
  log?: (kind: 'info' | 'error', text: string) => void,
  fallbackSession?: Buffer,
): TLSSocket {
  const host = tlsOptions.host ?? tlsOptions.servername;
  // RFC 6066 §3 forbids IP literals in SNI; Node warns (DEP0123) if we try.
  const servername = tlsOptions.servername ?? (host !== undefined && isIP(host) === 0 ? host : undefined);
  const session = latestTlsSession(control, fallbackSession);
  const tlsSocket = tlsConnect({
    ...tlsOptions,
    ...(host !== undefined ? { host } : {}),
    ...(servername !== undefined ? { servername } : {}),
    ...(session !== undefined ? { session } : {}),
    socket,
  });
  // A ticket issued on this data connection is the freshest one we have.
  tlsSocket.on('session', (next: Buffer) => sessions.set(control, next));
  tlsSocket.once('secureConnect', () => {
    const untrusted = checkDataPeer(tlsSocket, control);
    if (untrusted) {
      log?.('error', untrusted.message);
      tlsSocket.destroy(untrusted);
      return;
    }
    if (session !== undefined && !tlsSocket.isSessionReused()) {
      log?.('info', 'TLS session of the control connection was not resumed on the data connection');
    }
  });
  return tlsSocket;
}
