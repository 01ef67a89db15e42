/**
 * File operations the queue needs from an FTP server, spoken as raw commands
 * through one `send` function (an adapter's `sendCommand` hook, see
 * queue-fs.ts) — the fallback for an FTP connection that lacks the file
 * operations itself. With the semantics a transfer wants: "make sure the
 * folder exists", "rename over the old file".
 *
 * Replies are mapped to `FerryError`s by the adapter's own `mapFtpError`, so
 * FTP failures are still described in one place.
 */
import { FTPError } from 'basic-ftp';
import type { FerryError } from '../../../shared/errors.js';
import { mapFtpError } from '../ftp/ftp-errors.js';

export interface FtpReply {
  readonly code: number;
  /** The whole reply text, code included, all lines of a multi-line reply. */
  readonly message: string;
}

/**
 * Sends `command`, or `command path` with the path encoded in the session's
 * charset. Resolves with any reply (4xx/5xx too); rejects only when the
 * connection failed.
 */
export type SendCommand = (command: string, path?: string) => Promise<FtpReply>;

export function replyError(reply: FtpReply, context: string): FerryError {
  return mapFtpError(new FTPError({ code: reply.code, message: reply.message }), context);
}

const ok = (reply: FtpReply): boolean => reply.code >= 200 && reply.code < 300;

/** FEAT lines (RFC 2389), trimmed, without the 211 framing; empty when FEAT is refused. */
export async function ftpFeatures(send: SendCommand): Promise<string[]> {
  const reply = await send('FEAT');
  if (!ok(reply)) return [];
  return reply.message
    .split(/\r?\n/)
    .filter((line) => !/^\d{3}[ -]/.test(line))
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * Makes sure `path` is a folder: MKD (257), or — when MKD fails because it
 * exists (vsftpd says only "550 Create directory operation failed") — a
 * successful CWD into it.
 */
export async function ftpEnsureDir(send: SendCommand, path: string): Promise<void> {
  const made = await send('MKD', path);
  if (ok(made)) return;
  const cwd = await send('CWD', path);
  if (ok(cwd)) return;
  throw replyError(made, `Cannot create the folder ${path}`);
}

/** RNFR + RNTO (RFC 959 §4.1.3); Unix servers' RNTO replaces an existing file, as a transfer wants. */
export async function ftpReplace(send: SendCommand, from: string, to: string): Promise<void> {
  const rnfr = await send('RNFR', from);
  if (rnfr.code !== 350) throw replyError(rnfr, `Cannot rename ${from}`);
  const rnto = await send('RNTO', to);
  if (!ok(rnto)) throw replyError(rnto, `Cannot rename ${from} to ${to}`);
}

export async function ftpRemove(send: SendCommand, path: string): Promise<void> {
  const reply = await send('DELE', path);
  if (!ok(reply)) throw replyError(reply, `Cannot delete ${path}`);
}

/** `YYYYMMDDHHMMSS` in UTC (RFC 3659 §2.3 time-val, whole seconds). */
export function formatTimeVal(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** Parses an RFC 3659 time-val (`YYYYMMDDHHMMSS[.sss]`, UTC) to ms, or null. */
export function parseTimeVal(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m.map((part) => part ?? '');
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), frac ? Number(frac.padEnd(3, '0')) : 0);
  return Number.isNaN(ms) ? null : ms;
}

/** Replies meaning "no such command" (RFC 959 §4.2). */
const UNKNOWN_COMMAND = new Set([500, 501, 502, 504]);

/**
 * Sets a file's modification time: MFMT (draft-somers-ftp-mfxx; proftpd,
 * pure-ftpd), else `SITE UTIME time path` (proftpd mod_site_misc, some
 * others). False when the server has neither (vsftpd).
 */
export async function ftpSetModifiedTime(send: SendCommand, path: string, ms: number): Promise<boolean> {
  const stamp = formatTimeVal(ms);
  const mfmt = await send(`MFMT ${stamp}`, path);
  if (ok(mfmt)) return true;
  if (!UNKNOWN_COMMAND.has(mfmt.code)) throw replyError(mfmt, `Cannot set the time of ${path}`);
  const utime = await send(`SITE UTIME ${stamp}`, path);
  if (ok(utime)) return true;
  if (UNKNOWN_COMMAND.has(utime.code)) return false;
  throw replyError(utime, `Cannot set the time of ${path}`);
}

/** MDTM (RFC 3659 §3): the exact UTC modification time, or null when the server cannot tell. */
export async function ftpModifiedTime(send: SendCommand, path: string): Promise<number | null> {
  const reply = await send('MDTM', path);
  if (reply.code !== 213) return null;
  return parseTimeVal(reply.message.replace(/^213[ -]/, '').split(/\s+/)[0] ?? '');
}
