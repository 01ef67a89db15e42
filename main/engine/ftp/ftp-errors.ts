/**
 * The one place FTP failures become `FerryError`s: reply codes (RFC 959 §4.2),
 * basic-ftp's own connection errors, and Node's errno codes. Everything the
 * user sees about an FTP failure is decided here.
 */
import { FTPError } from 'basic-ftp';
import { FerryError } from '../../../shared/errors.js';
import { toFerryError } from '../../ipc/to-ferry-error.js';
import { mapTlsError } from '../tls/tls-errors.js';

/** basic-ftp reports a dead control connection with these texts (FtpContext.js). */
const CONNECTION_LOST = /Client is closed|Server sent FIN|closed connection unexpectedly|Socket closed due to transmission error|User closed client/i;

/** `550 No such file` — the code once, multi-line replies (pure-ftpd's 421) on one line. */
export function replyText(error: FTPError): string {
  const text = error.message
    .split(/\r?\n/)
    .map((line) => line.replace(/^\d{3}[ -]/, '').trim())
    .filter(Boolean)
    .join(' ');
  return `${error.code} ${text}`;
}

/** Why a file operation failed, when the reply says so in words (servers differ only in phrasing). */
export type ReplyReason = 'exists' | 'denied' | 'not-empty' | 'is-folder' | 'missing';

const REASONS: readonly [RegExp, ReplyReason][] = [
  // proftpd `550 /dir: File exists`, pure-ftpd `550 Can't create directory: File exists`.
  [/file exists|already exists/i, 'exists'],
  [/denied|not permitted|permission/i, 'denied'],
  // proftpd `550 /dir: Directory not empty`, pure-ftpd `550 Can't remove directory: Directory not empty`.
  [/not empty/i, 'not-empty'],
  [/is a directory/i, 'is-folder'],
  [/no such file|not found|does(?: not|n't) exist/i, 'missing'],
];

/**
 * The reason a reply gives in words, or null when it gives none — vsftpd
 * answers every failed MKD/RMD/DELE/RNTO with one fixed text ("550 Delete
 * operation failed."), so the caller must look at the path to say why.
 */
export function replyReason(message: string): ReplyReason | null {
  for (const [pattern, reason] of REASONS) if (pattern.test(message)) return reason;
  return null;
}

/** The FerryError for a file-operation failure whose reason is known (from the reply, or found by looking). */
export function reasonError(reason: ReplyReason, context: string, reply: string, cause?: unknown): FerryError {
  const options = cause === undefined ? {} : { cause };
  switch (reason) {
    case 'exists':
      return new FerryError('ALREADY_EXISTS', `${context}: something with that name already exists (${reply})`, options);
    case 'denied':
      return new FerryError('PERMISSION_DENIED', `${context}: permission denied (${reply})`, options);
    case 'not-empty':
      return new FerryError('PROTOCOL', `${context}: the folder is not empty (${reply})`, { ...options, retryable: false });
    case 'is-folder':
      return new FerryError('NOT_A_DIRECTORY', `${context}: it is a folder, not a file (${reply})`, options);
    case 'missing':
      return new FerryError('NOT_FOUND', `${context}: no such file or folder (${reply})`, options);
  }
}

/**
 * vsftpd's `die()`: `500 OOPS: <what>` and the session process exits, so the
 * connection is gone whatever was asked. Under load its privileged helper
 * can fail a single request (`500 OOPS: priv_sock_get_int`, seen in the
 * benchmark's tree download); a new connection then succeeds, so this is a
 * connection loss (retried), not a refusal of the file. A misconfigured
 * server says the same at login and keeps failing, with its words shown.
 */
const VSFTPD_DIED = /^5\d\d OOPS: /;

/**
 * RFC 959 §4.2: 550 = file unavailable (not found, no access), 553 = name
 * not allowed, 450/451 = transient; the words decide between them (so
 * pure-ftpd's `451 Rename/move failure: Permission denied` is a refusal), but
 * 425 (no data connection) is always a retryable connection failure. 521 is
 * the "already exists" answer to MKD of RFC 959's Appendix II examples.
 */
function replyError(error: FTPError, context: string): FerryError {
  const reply = replyText(error);
  if (VSFTPD_DIED.test(reply)) return new FerryError('CONNECTION_LOST', `${context}: the server's session ended with an internal error (${reply})`, { cause: error });
  const reason = replyReason(error.message);
  switch (error.code) {
    case 530:
      return new FerryError('AUTH_FAILED', `Login refused by the server (${reply})`, { cause: error });
    case 421:
      return new FerryError('CONNECTION_LOST', `The server closed the session (${reply})`, { cause: error });
    case 550:
      return reasonError(reason ?? 'missing', context, reply, error);
    case 553:
      return reasonError(reason ?? 'denied', context, reply, error);
    case 521:
      return reasonError(reason ?? 'exists', context, reply, error);
    case 425:
      // "Can't open data connection" is about the connection, whatever the words: proftpd says
      // `425 Unable to build data connection: Operation not permitted` when its data socket is refused.
      return new FerryError('PROTOCOL', `${context}: the server could not open the data connection (${reply})`, { cause: error, retryable: true });
    default:
      if (reason === 'denied' && error.code >= 400) return reasonError(reason, context, reply, error);
      return new FerryError('PROTOCOL', `${context}: ${reply}`, { cause: error, retryable: error.code >= 400 && error.code < 500 });
  }
}

/**
 * Maps any error from a basic-ftp call. `context` names what was being done
 * ("Cannot open /pub") so the one-line message makes sense on its own.
 */
export function mapFtpError(error: unknown, context: string): FerryError {
  if (error instanceof FerryError) return error;
  if (error instanceof FTPError) return replyError(error, context);
  if (error instanceof Error) {
    if (/^Timeout \(/.test(error.message)) {
      return new FerryError('TIMEOUT', `${context}: the server did not answer in time`, { cause: error });
    }
    if (CONNECTION_LOST.test(error.message)) {
      return new FerryError('CONNECTION_LOST', `${context}: the connection was lost (${error.message})`, { cause: error });
    }
    const tls = mapTlsError(error, context);
    if (tls) return tls;
    const mapped = toFerryError(error);
    if (mapped.code === 'HOST_NOT_FOUND') return new FerryError('HOST_NOT_FOUND', `${context}: unknown host`, { cause: error });
    if (mapped.code === 'CONNECTION_REFUSED') return new FerryError('CONNECTION_REFUSED', `${context}: connection refused`, { cause: error });
    return new FerryError(mapped.code, `${context}: ${error.message}`, { cause: error });
  }
  return toFerryError(error);
}

/**
 * Servers that insist on TLS refuse a plain-text login with a reply that
 * says so: vsftpd `530 Non-anonymous sessions must use encryption.`
 * (`force_local_logins_ssl`), pure-ftpd `421 Sorry, cleartext sessions and
 * weak ciphers are not accepted on this server.` (`-Y 2/3`), proftpd
 * `550 SSL/TLS required on the control channel` (`TLSRequired on`). That is
 * not a wrong password; say what to change instead. Null for other errors.
 */
export function tlsRequiredError(error: unknown, context: string): FerryError | null {
  if (!(error instanceof FTPError) || ![421, 522, 530, 534, 550].includes(error.code)) return null;
  if (!/\b(TLS|SSL|encrypt\w*|cleartext|secure)\b/i.test(error.message)) return null;
  return new FerryError('PROTOCOL', `${context}: the server requires TLS (${replyText(error)}); connect with FTP over TLS instead of plain FTP`, { cause: error });
}

/** True when a fresh connection may fix it (the server dropped an idle session, a reset). */
export function isConnectionLoss(error: FerryError): boolean {
  return error.code === 'CONNECTION_LOST' || (error.code === 'TIMEOUT' && error.message.includes('did not answer'));
}
