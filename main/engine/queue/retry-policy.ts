/**
 * Which failures are worth another attempt, and how long to wait before it.
 *
 * Transient (retried with backoff): the connection was reset, closed or timed
 * out; FTP 4xx replies — RFC 959 §4.2 calls them "transient negative
 * completion" (421 closing, 425 cannot open data connection, 426 transfer
 * aborted, 450 file busy, 451 local error); SFTP connection loss; a
 * verification mismatch (vsftpd + TLS 1.3 can truncate an upload and say 226).
 * vsftpd's `500 OOPS:` (its session process died) is a connection loss too.
 * Permanent (fail at once with the server's reason): 5xx (530 not logged in,
 * 550 no such file / permission denied, 553 name not allowed), SFTP
 * permission denied / no such file, local disk errors.
 *
 * `421 Too many connections` is its own kind: the server is fine, we asked
 * for too many sessions; the pool lowers the site's concurrency.
 */
import { FerryError, isFerryError } from '../../../shared/errors.js';
import { toFerryError } from '../../ipc/to-ferry-error.js';

export type FailureKind = 'cancelled' | 'transient' | 'permanent' | 'too-many-connections';

/**
 * Texts of per-IP / per-server connection limits: vsftpd `max_per_ip` ("There
 * are too many connections from your internet address"), pure-ftpd `-c/-C`
 * ("Too many connections (2) from this IP", "N users (the maximum) are already
 * logged in"), proftpd `MaxClientsPerHost` ("the maximum number of connections
 * … are already connected"), FileZilla Server, IIS ("too many users").
 */
const TOO_MANY = /too many (connections|users|clients|sessions)|maximum number of|\(the maximum\)|connection limit|already (logged in|connected)/i;

/**
 * sshd's `MaxStartups` (and proftpd mod_sftp's `MaxConnectionsPerHost`)
 * close the socket before the SSH identification exchange: that is the SFTP
 * face of "too many connections".
 */
const SSH_REFUSED_EARLY = /before the SSH handshake/i;

/** Node errno codes of a dropped or refused socket. */
const TRANSIENT_ERRNO = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && current !== null && chain.length < 8; current = (current as { cause?: unknown }).cause) {
    chain.push(current);
  }
  return chain;
}

/**
 * The FTP reply code behind an error, if any: basic-ftp's `FTPError.code`
 * (kept as the `cause` of the adapter's `FerryError`). SFTP status codes are
 * small numbers (< 100) and never match.
 */
export function ftpReplyCode(error: unknown): number | null {
  for (const item of causes(error)) {
    const code = (item as { code?: unknown }).code;
    if (typeof code === 'number' && code >= 100 && code < 600) return code;
  }
  return null;
}

function messages(error: unknown): string {
  return causes(error)
    .map((item) => (item instanceof Error ? item.message : String(item)))
    .join(' | ');
}

/** True for a server's refusal of one more session (see `TOO_MANY`). */
export function isTooManyConnections(error: unknown): boolean {
  const code = ftpReplyCode(error);
  const text = messages(error);
  if (code !== null) return (code === 421 || code === 530) && TOO_MANY.test(text);
  return TOO_MANY.test(text) || SSH_REFUSED_EARLY.test(text);
}

export function classifyFailure(error: unknown): FailureKind {
  if (isFerryError(error) && error.code === 'CANCELLED') return 'cancelled';
  if (error instanceof Error && error.name === 'AbortError') return 'cancelled';
  if (isTooManyConnections(error)) return 'too-many-connections';
  // Lost whatever the reply code said (vsftpd's `500 OOPS:` closes the session): a new connection may succeed.
  if (isFerryError(error) && error.code === 'CONNECTION_LOST') return 'transient';
  const reply = ftpReplyCode(error);
  if (reply !== null) return reply >= 400 && reply < 500 ? 'transient' : 'permanent';
  if (isFerryError(error)) return error.retryable || error.code === 'NOT_CONNECTED' ? 'transient' : 'permanent';
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof errno === 'string' && TRANSIENT_ERRNO.has(errno) ? 'transient' : 'permanent';
}

export interface BackoffOptions {
  /** Delay before the first retry. */
  readonly baseMs: number;
  /** Upper bound of any delay. */
  readonly maxMs: number;
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 30_000, factor: 2 };

/**
 * Delay before retry number `attempt` (1-based): exponential, capped, with
 * "equal jitter" (half fixed, half random) so a server that dropped 32
 * transfers at once is not hit by 32 reconnects in the same millisecond.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(options.maxMs, options.baseMs * options.factor ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** The one-line reason shown on a failed job: the server's own words when it gave any. */
export function failureReason(error: unknown): { code: FerryError['code']; message: string } {
  const mapped = toFerryError(error); // local errno (ENOSPC, EACCES, ...) gets its code
  return { code: mapped.code, message: mapped.message };
}
