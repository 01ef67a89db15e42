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
function replyText(error: FTPError): string {
  const text = error.message
    .split(/\r?\n/)
    .map((line) => line.replace(/^\d{3}[ -]/, '').trim())
    .filter(Boolean)
    .join(' ');
  return `${error.code} ${text}`;
}

function replyError(error: FTPError, context: string): FerryError {
  const reply = replyText(error);
  switch (error.code) {
    case 530:
      return new FerryError('AUTH_FAILED', `Login refused by the server (${reply})`, { cause: error });
    case 421:
      return new FerryError('CONNECTION_LOST', `The server closed the session (${reply})`, { cause: error });
    case 550:
      if (/denied|not permitted|permission/i.test(error.message)) {
        return new FerryError('PERMISSION_DENIED', `${context}: permission denied (${reply})`, { cause: error });
      }
      return new FerryError('NOT_FOUND', `${context}: ${reply}`, { cause: error });
    case 553:
      return new FerryError('PERMISSION_DENIED', `${context}: ${reply}`, { cause: error });
    default:
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
