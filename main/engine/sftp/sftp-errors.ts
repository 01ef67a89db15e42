/**
 * The one place SFTP and SSH failures become `FerryError`s: SFTP status codes
 * (draft-ietf-secsh-filexfer-02 §7 as OpenSSH speaks it, plus the later
 * drafts' codes some servers send), ssh2's error `level`s, SSH disconnect
 * reasons (RFC 4253 §11.1) and Node's errno codes.
 */
import { FerryError, type FerryErrorCode } from '../../../shared/errors.js';
import { toFerryError } from '../../ipc/to-ferry-error.js';

/** SSH_FX_* codes; 9+ are from filexfer drafts 05-13 (sent by e.g. some Windows servers). */
const STATUS: Readonly<Record<number, { code: FerryErrorCode; text: string }>> = {
  1: { code: 'PROTOCOL', text: 'unexpected end of file' },
  2: { code: 'NOT_FOUND', text: 'no such file or folder' },
  3: { code: 'PERMISSION_DENIED', text: 'permission denied' },
  4: { code: 'PROTOCOL', text: 'the server reported a failure' },
  5: { code: 'PROTOCOL', text: 'the server did not understand the request' },
  6: { code: 'CONNECTION_LOST', text: 'no connection' },
  7: { code: 'CONNECTION_LOST', text: 'connection lost' },
  8: { code: 'UNSUPPORTED', text: 'the server does not support this operation' },
  9: { code: 'PROTOCOL', text: 'invalid handle' },
  10: { code: 'NOT_FOUND', text: 'no such path' },
  11: { code: 'ALREADY_EXISTS', text: 'already exists' },
  12: { code: 'PERMISSION_DENIED', text: 'write protected' },
  14: { code: 'PROTOCOL', text: 'no space left on the server' },
  15: { code: 'PROTOCOL', text: 'quota exceeded' },
  18: { code: 'PROTOCOL', text: 'folder not empty' },
  19: { code: 'NOT_A_DIRECTORY', text: 'not a folder' },
  24: { code: 'NOT_A_DIRECTORY', text: 'file is a folder' },
};

/** What ssh2 says when the channel or connection closed with requests outstanding (SFTP.js cleanupRequests, client.js). */
const LOST = /^(No response from server|Not connected|Channel (not open|closed)|Connection lost)/i;

/** SSH_MSG_DISCONNECT reasons worth telling apart (RFC 4253 §11.1). */
const DISCONNECT: Readonly<Record<number, FerryErrorCode>> = {
  2: 'PROTOCOL',
  3: 'PROTOCOL',
  5: 'PROTOCOL',
  7: 'PROTOCOL',
  8: 'PROTOCOL',
  9: 'HOST_KEY_CHANGED',
  11: 'CONNECTION_LOST',
  12: 'CONNECTION_REFUSED',
  13: 'AUTH_FAILED',
  14: 'AUTH_FAILED',
};

type SshError = Error & { level?: unknown; code?: unknown };

function socketError(error: SshError, context: string): FerryError {
  const mapped = toFerryError(error);
  const what: Partial<Record<FerryErrorCode, string>> = {
    CONNECTION_REFUSED: 'connection refused',
    HOST_NOT_FOUND: 'unknown host',
    TIMEOUT: 'the connection timed out',
    CONNECTION_LOST: `the connection was lost (${error.message})`,
  };
  const text = what[mapped.code];
  if (text) return new FerryError(mapped.code, `${context}: ${text}`, { cause: error });
  return new FerryError('CONNECTION_LOST', `${context}: ${error.message}`, { cause: error });
}

/**
 * Maps a connection-level error (an ssh2 `Client` 'error' event, a failed
 * `sftp()` channel). `context` says what was being done ("Cannot connect to
 * example.com:22") so the one-line message stands on its own.
 */
export function mapSshError(error: unknown, context: string): FerryError {
  if (error instanceof FerryError) return error;
  if (!(error instanceof Error)) return toFerryError(error);
  const err = error as SshError;
  switch (err.level) {
    case 'client-authentication':
    case 'agent':
      return new FerryError('AUTH_FAILED', `${context}: authentication failed (${err.message})`, { cause: error });
    case 'client-timeout':
      return new FerryError(
        'TIMEOUT',
        /keepalive/i.test(err.message) ? `${context}: the server stopped answering keepalives` : `${context}: the server did not answer in time`,
        { cause: error },
      );
    case 'client-socket':
      return socketError(err, context);
    case 'client-dns':
      return new FerryError('HOST_NOT_FOUND', `${context}: unknown host`, { cause: error });
    case 'handshake':
      return new FerryError('PROTOCOL', `${context}: SSH handshake failed (${err.message})`, { cause: error });
    case 'protocol':
      if (/before handshake/i.test(err.message)) {
        return new FerryError('CONNECTION_LOST', `${context}: the server closed the connection before the SSH handshake`, { cause: error });
      }
      return new FerryError('PROTOCOL', `${context}: SSH protocol error (${err.message})`, { cause: error });
    case 'sftp-protocol':
      return new FerryError('PROTOCOL', `${context}: SFTP protocol error (${err.message})`, { cause: error });
  }
  if (typeof err.code === 'number' && err.code in DISCONNECT) {
    const code = DISCONNECT[err.code] ?? 'PROTOCOL';
    return new FerryError(code, `${context}: the server disconnected (${err.message})`, { cause: error });
  }
  if (typeof err.code === 'string') {
    const mapped = toFerryError(err); // errno of a local file or a socket (ENOENT, EACCES, ECONNRESET, ...)
    return new FerryError(mapped.code, `${context}: ${err.message}`, { cause: error });
  }
  if (LOST.test(err.message)) return new FerryError('CONNECTION_LOST', `${context}: the connection was lost`, { cause: error });
  return new FerryError('PROTOCOL', `${context}: ${err.message}`, { cause: error });
}

/**
 * Maps the error of one SFTP request (numeric status `.code` from ssh2), or
 * anything else a request can fail with (connection loss, local errno).
 */
export function mapSftpError(error: unknown, context: string): FerryError {
  if (error instanceof FerryError) return error;
  if (error instanceof Error) {
    const err = error as SshError;
    if (typeof err.code === 'number' && err.level === undefined) {
      const status = STATUS[err.code];
      if (status) {
        // The server's own text ("No such file", "Permission denied") is kept when it says more than the code.
        const detail = err.message && err.message.toLowerCase() !== status.text ? ` (${err.message})` : '';
        return new FerryError(status.code, `${context}: ${status.text}${detail}`, { cause: error });
      }
      return new FerryError('PROTOCOL', `${context}: SFTP status ${err.code} (${err.message})`, { cause: error });
    }
    if (err.level === undefined && LOST.test(err.message)) {
      return new FerryError('CONNECTION_LOST', `${context}: the connection was lost`, { cause: error });
    }
  }
  return mapSshError(error, context);
}

/** True when a fresh connection may fix it: the session died, not the request. */
export function isConnectionLoss(error: FerryError): boolean {
  return error.code === 'CONNECTION_LOST' || (error.code === 'TIMEOUT' && /keepalive|did not answer/.test(error.message));
}
