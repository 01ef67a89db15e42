/**
 * File operations over one logged-in FTP connection: MKD, RMD, DELE,
 * RNFR+RNTO (RFC 959 §4.1.3), `SITE CHMOD`, MFMT (draft-somers-ftp-mfxx) or
 * `SITE UTIME`, HASH / X-commands (ftp-hash.ts) and an empty STOR. Paths go
 * through the session's charset codec; replies become `FerryError`s in
 * ftp-errors.ts.
 *
 * Where a reply gives no reason — vsftpd answers every failure with one fixed
 * text ("550 Delete operation failed.", "550 Create directory operation
 * failed.") — the path is looked at (ftp-stat.ts) to say why: already there,
 * missing, a folder, not empty, or else refused (permission).
 *
 * RNTO replaces an existing target on most Unix servers (RFC 959 leaves it
 * open), so `rename` looks first and refuses; a target created between the
 * look and RNTO can still be replaced, which FTP cannot prevent.
 */
import { FTPError } from 'basic-ftp';
import { FerryError } from '../../../shared/errors.js';
import type { Entry } from '../../../shared/model/entry.js';
import type { ChecksumAlgorithm } from '../../../shared/model/transfer.js';
import type { ProtocolLog } from '../protocol-log.js';
import type { FileChecksum } from '../remote-fs.js';
import { assertSafeTarget } from '../safe-name.js';
import type { FerryFtpClient } from './ftp-client.js';
import { mapFtpError, reasonError, replyReason, replyText, type ReplyReason } from './ftp-errors.js';
import { ChecksumRefused, checksumSupport, ftpChecksum, type FtpReply } from './ftp-hash.js';
import { readFolder, splitRemote, statPath } from './ftp-stat.js';
import { storEmptyFile } from './ftp-transfer.js';

/** One connection and the server's time zone (for LIST dates). */
export interface FtpOpsContext {
  readonly client: FerryFtpClient;
  readonly timezone: string;
}

const ok = (reply: FtpReply): boolean => reply.code >= 200 && reply.code < 300;
/** RFC 959 §4.2: syntax error / not implemented / parameter not implemented — the server lacks the command. */
const unsupported = (reply: FtpReply): boolean => [500, 501, 502, 504].includes(reply.code);
/** Replies about the file itself (RFC 959 §4.2: 450, 451, 550, 553), worth a look at the path when wordless. */
const FILE_REPLIES = new Set([450, 451, 550, 553]);

/** Which HASH algorithm each connection has selected with `OPTS HASH` (draft-bryan-ftpext-hash-02 §4). */
const hashState = new WeakMap<FerryFtpClient, { selected: ChecksumAlgorithm | null }>();

/** basic-ftp refuses CR/LF/NUL in a command with a bare Error; say what is wrong instead. */
function assertSendable(path: string): void {
  if (/[\r\n\0]/.test(path)) throw new FerryError('INVALID_PARAMS', `${JSON.stringify(path)} cannot be sent over FTP: it contains a line break or NUL.`);
}

async function send(ctx: FtpOpsContext, verb: string, path: string, args = ''): Promise<FtpReply> {
  assertSendable(path);
  return ctx.client.sendIgnoringError(`${verb} ${args}${ctx.client.codec.encode(path)}`);
}

/**
 * The error for a failed reply: its words when it has some, else what
 * `look` finds at the path (never fatal: a failed look keeps the reply's mapping).
 */
async function failure(ctx: FtpOpsContext, reply: FtpReply, context: string, look: () => Promise<ReplyReason | null>): Promise<FerryError> {
  const error = new FTPError(reply);
  if (FILE_REPLIES.has(reply.code) && replyReason(reply.message) === null && !ctx.client.closed) {
    const reason = await look().catch(() => null);
    if (reason) return reasonError(reason, context, replyText(error), error);
  }
  return mapFtpError(error, context);
}

const stat = (ctx: FtpOpsContext, path: string): Promise<Entry | null> => statPath(ctx.client, path, ctx.timezone);

/** Something there → `exists`; else the parent missing → `missing`; else refused. */
async function lookForTarget(ctx: FtpOpsContext, path: string): Promise<ReplyReason> {
  if (await stat(ctx, path)) return 'exists';
  return (await stat(ctx, splitRemote(path).parent)) ? 'denied' : 'missing';
}

export async function ftpMkdir(ctx: FtpOpsContext, path: string): Promise<void> {
  assertSafeTarget(path);
  const reply = await send(ctx, 'MKD', path);
  if (!ok(reply)) throw await failure(ctx, reply, `Cannot create the folder ${path}`, () => lookForTarget(ctx, path));
}

/**
 * RNFR + RNTO. Without `replace`, the target is looked at first and an
 * existing one refused (ALREADY_EXISTS). With `replace`, RNTO goes straight
 * out — vsftpd, pure-ftpd and proftpd rename(2) over an existing file — and
 * should a server refuse to replace, an existing target FILE (SIZE answers)
 * is deleted and the rename tried once more.
 */
export async function ftpRename(ctx: FtpOpsContext, from: string, to: string, replace = false): Promise<void> {
  assertSafeTarget(to);
  assertSendable(from);
  const context = `Cannot rename ${from} to ${to}`;
  if (!replace && (await stat(ctx, to))) throw new FerryError('ALREADY_EXISTS', `${context}: ${to} already exists`);
  const attempt = async (): Promise<FtpReply | null> => {
    const rnfr = await send(ctx, 'RNFR', from);
    if (rnfr.code !== 350) throw await failure(ctx, rnfr, context, async () => ((await stat(ctx, from)) ? 'denied' : 'missing'));
    const rnto = await send(ctx, 'RNTO', to);
    return ok(rnto) ? null : rnto;
  };
  const refused = await attempt();
  if (!refused) return;
  if (replace && !ctx.client.closed && (await fileSize(ctx, to)) !== null) {
    const dele = await send(ctx, 'DELE', to);
    if (ok(dele) && !(await attempt())) return;
  }
  throw await failure(ctx, refused, context, () => lookForTarget(ctx, to));
}

/** SIZE of a file (binary mode), or null when the server has none there or cannot tell. */
async function fileSize(ctx: FtpOpsContext, path: string): Promise<number | null> {
  await ctx.client.useType('I');
  const reply = await send(ctx, 'SIZE', path);
  const size = reply.code === 213 ? Number.parseInt(reply.message.slice(4), 10) : Number.NaN;
  return Number.isSafeInteger(size) ? size : null;
}

/** Parses an RFC 3659 time-val (`YYYYMMDDHHMMSS[.sss]`, always UTC) to ms, or null. */
export function parseTimeVal(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m.map((part) => part ?? '');
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), frac ? Number(frac.padEnd(3, '0')) : 0);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * MDTM (RFC 3659 §3): `213 YYYYMMDDHHMMSS[.sss]` in UTC. Null when the file
 * is missing or not a plain file (550), or the server has no MDTM (500/502).
 */
export async function ftpModifiedTime(ctx: FtpOpsContext, path: string): Promise<number | null> {
  const reply = await send(ctx, 'MDTM', path);
  if (reply.code !== 213) return null;
  return parseTimeVal(reply.message.replace(/^213[ -]/, '').trim().split(/\s+/)[0] ?? '');
}

export async function ftpRemoveFile(ctx: FtpOpsContext, path: string): Promise<void> {
  const reply = await send(ctx, 'DELE', path);
  if (ok(reply)) return;
  throw await failure(ctx, reply, `Cannot delete ${path}`, async () => {
    const entry = await stat(ctx, path);
    if (!entry) return 'missing';
    return entry.type === 'dir' ? 'is-folder' : 'denied';
  });
}

export async function ftpRemoveDir(ctx: FtpOpsContext, path: string): Promise<void> {
  const reply = await send(ctx, 'RMD', path);
  if (ok(reply)) return;
  const context = `Cannot delete the folder ${path}`;
  let notFolder = false;
  const error = await failure(ctx, reply, context, async () => {
    const entry = await stat(ctx, path);
    if (!entry) return 'missing';
    if (entry.type !== 'dir') {
      notFolder = true;
      return null;
    }
    return (await readFolder(ctx.client, path, ctx.timezone)).entries.length > 0 ? 'not-empty' : 'denied';
  });
  if (notFolder) throw new FerryError('NOT_A_DIRECTORY', `${context}: it is not a folder (${replyText(new FTPError(reply))})`);
  throw error;
}

/** `SITE CHMOD 640 path` (vsftpd, pure-ftpd, proftpd mod_site; not in any RFC). */
export async function ftpChmod(ctx: FtpOpsContext, path: string, mode: number): Promise<void> {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new FerryError('INVALID_PARAMS', `Invalid permission bits: ${mode}`);
  const reply = await send(ctx, 'SITE CHMOD', path, `${mode.toString(8)} `);
  if (ok(reply)) return;
  const context = `Cannot change the permissions of ${path}`;
  if (unsupported(reply)) throw new FerryError('UNSUPPORTED', `${context}: the server has no SITE CHMOD (${replyText(new FTPError(reply))})`);
  throw await failure(ctx, reply, context, async () => ((await stat(ctx, path)) ? 'denied' : 'missing'));
}

/** `YYYYMMDDHHMMSS` in UTC (RFC 3659 §2.3 time-val, whole seconds). */
export function formatTimeVal(ms: number): string {
  const date = new Date(Math.floor(ms / 1000) * 1000);
  if (Number.isNaN(date.getTime())) throw new FerryError('INVALID_PARAMS', `Invalid modification time: ${ms}`);
  const iso = date.toISOString();
  if (!/^\d{4}-/.test(iso)) throw new FerryError('INVALID_PARAMS', `A modification time must fall in the years 0-9999: ${iso}`);
  return iso.slice(0, 19).replace(/[-T:]/g, '');
}

/**
 * MFMT when FEAT lists it (proftpd, pure-ftpd: `213 Modify=...`), else
 * `SITE UTIME YYYYMMDDHHMMSS path` (proftpd mod_site_misc, pure-ftpd), then the
 * five-argument `SITE UTIME path atime mtime ctime UTC` form some servers
 * expect on a 501. False when the server has none (vsftpd 3.0.3: no MFMT,
 * "500 Unknown SITE command."). A refusal for this file (550) rejects.
 */
export async function ftpSetModifiedTime(ctx: FtpOpsContext, path: string, mtimeMs: number): Promise<boolean> {
  const time = formatTimeVal(mtimeMs);
  assertSendable(path);
  const wire = ctx.client.codec.encode(path);
  const attempt = async (line: string): Promise<FtpReply | true> => {
    const reply = await ctx.client.sendIgnoringError(line);
    if (ok(reply)) return true;
    if (unsupported(reply)) return reply;
    throw await failure(ctx, reply, `Cannot set the modification time of ${path}`, async () => ((await stat(ctx, path)) ? 'denied' : 'missing'));
  };
  if ((await ctx.client.features()).has('MFMT') && (await attempt(`MFMT ${time} ${wire}`)) === true) return true;
  const utime = await attempt(`SITE UTIME ${time} ${wire}`);
  if (utime === true) return true;
  // The five-argument form only when the two-argument one was refused as a syntax error.
  if (utime.code === 501) return (await attempt(`SITE UTIME ${wire} ${time} ${time} ${time} UTC`)) === true;
  return false;
}

/** See ftp-hash.ts. */
export async function ftpFileChecksum(ctx: FtpOpsContext, path: string, algorithms: readonly ChecksumAlgorithm[]): Promise<FileChecksum | null> {
  assertSendable(path);
  const support = checksumSupport(await ctx.client.features());
  let state = hashState.get(ctx.client);
  if (!state) hashState.set(ctx.client, (state = { selected: support.selected }));
  try {
    return await ftpChecksum((line) => ctx.client.sendIgnoringError(line), support, ctx.client.codec.encode(path), algorithms, state);
  } catch (error) {
    if (!(error instanceof ChecksumRefused)) throw error;
    const reason = replyReason(error.reply.message);
    const context = `Cannot compute the checksum of ${path}`;
    // proftpd: `553 /dir: Not a regular file`.
    if (/not a regular file/i.test(error.reply.message)) throw new FerryError('NOT_A_DIRECTORY', `${context}: it is not a file (${replyText(new FTPError(error.reply))})`);
    throw reason ? reasonError(reason, context, replyText(new FTPError(error.reply))) : mapFtpError(new FTPError(error.reply), context);
  }
}

/** STOR of zero bytes (ftp-transfer.ts) after checking nothing is there: STOR itself would replace it. */
export async function ftpCreateEmptyFile(ctx: FtpOpsContext, path: string, log: ProtocolLog): Promise<void> {
  assertSafeTarget(path);
  assertSendable(path);
  const context = `Cannot create ${path}`;
  if (await stat(ctx, path)) throw new FerryError('ALREADY_EXISTS', `${context}: it already exists`);
  try {
    await storEmptyFile(ctx.client, path, log);
  } catch (error) {
    if (!(error instanceof FTPError) || ctx.client.closed) throw error;
    throw await failure(ctx, { code: error.code, message: error.message }, context, () => lookForTarget(ctx, path));
  }
}
