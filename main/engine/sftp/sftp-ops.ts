/**
 * File operations over one SFTP channel (draft-ietf-secsh-filexfer-02):
 * LSTAT (§6.8, does not follow links), MKDIR / RMDIR (§6.6), REMOVE and
 * RENAME (§6.5), SETSTAT (§6.9) for permissions and times, and OPEN with
 * CREAT|EXCL (§6.3) for an empty file.
 *
 * Version 3 has few status codes: OpenSSH's sftp-server folds EEXIST,
 * ENOTEMPTY and EISDIR into SSH_FX_FAILURE ("Failure"). Where a request fails
 * with that generic code, the path is looked at to say why: something is
 * already there, the folder is not empty, it is a folder.
 *
 * RENAME: the draft says it fails when the target exists and OpenSSH does
 * (link(2) + unlink), but not every server obeys (a server may map it to
 * rename(2), which replaces), so the target is checked first. A rename asked
 * to replace uses `posix-rename@openssh.com` when offered.
 */
import { posix } from 'node:path';
import type { Attributes, FileEntry, Stats } from 'ssh2';
import { FerryError } from '../../../shared/errors.js';
import type { Entry } from '../../../shared/model/entry.js';
import { assertSafeTarget } from '../safe-name.js';
import type { SshConnection } from './sftp-connection.js';
import { entryFromAttrs } from './sftp-list.js';

/**
 * The entry at `path` without following a link, or null when nothing is
 * there. LSTAT and READLINK go out together (no extra round trip): proftpd's
 * mod_sftp answers LSTAT of a symlink with the target's attributes (a "file"),
 * while READLINK still tells it is a link. READLINK of anything else fails
 * (OpenSSH "Failure", proftpd "Invalid parameter"), which is ignored.
 */
export async function sftpStat(conn: SshConnection, path: string): Promise<Entry | null> {
  const context = `Cannot look up ${path}`;
  const [attrs, target] = await Promise.all([
    conn.request<Stats>(context, (sftp, done) => sftp.lstat(path, done)).catch((error: unknown) => {
      if (error instanceof FerryError && error.code === 'NOT_FOUND') return null;
      throw error;
    }),
    conn.request<string>(context, (sftp, done) => sftp.readlink(path, done)).catch(() => null),
  ]);
  if (!attrs) return null;
  const entry = entryFromAttrs(posix.basename(path) || path, '', attrs);
  return target === null ? entry : { ...entry, type: 'link', linkTarget: target };
}

/** True for the generic "Failure" (SSH_FX_FAILURE, mapped to PROTOCOL) that hides the real reason. */
function vague(error: unknown): boolean {
  return error instanceof FerryError && error.code === 'PROTOCOL';
}

async function alreadyThere(conn: SshConnection, path: string, context: string, error: unknown): Promise<never> {
  if (vague(error) && (await sftpStat(conn, path).catch(() => null))) {
    throw new FerryError('ALREADY_EXISTS', `${context}: ${path} already exists`, { cause: error });
  }
  throw error;
}

export async function sftpMkdir(conn: SshConnection, path: string): Promise<void> {
  assertSafeTarget(path);
  const context = `Cannot create the folder ${path}`;
  await conn.request<void>(context, (sftp, done) => sftp.mkdir(path, done)).catch((error: unknown) => alreadyThere(conn, path, context, error));
}

export async function sftpRename(conn: SshConnection, from: string, to: string, replace = false): Promise<void> {
  assertSafeTarget(to);
  const context = `Cannot rename ${from} to ${to}`;
  if (replace) return sftpReplace(conn, from, to, context);
  if (await sftpStat(conn, to)) throw new FerryError('ALREADY_EXISTS', `${context}: ${to} already exists`);
  await conn.request<void>(context, (sftp, done) => sftp.rename(from, to, done)).catch((error: unknown) => alreadyThere(conn, to, context, error));
}

/**
 * A rename that replaces an existing target file: `posix-rename@openssh.com`
 * (rename(2), atomic) when the server offers it, else REMOVE of a file at the
 * target, then RENAME (v3 RENAME refuses an existing target).
 */
async function sftpReplace(conn: SshConnection, from: string, to: string, context: string): Promise<void> {
  if (conn.hasExtension('posix-rename@openssh.com')) {
    await conn.request<void>(context, (sftp, done) => sftp.ext_openssh_rename(from, to, done));
    return;
  }
  const existing = await sftpStat(conn, to);
  if (existing?.type === 'dir') throw new FerryError('ALREADY_EXISTS', `${context}: ${to} is a folder`);
  if (existing) await conn.request<void>(context, (sftp, done) => sftp.unlink(to, done));
  await conn.request<void>(context, (sftp, done) => sftp.rename(from, to, done));
}

/** STAT (follows links): the modification time in ms, or null when nothing is there or the server omits it. */
export async function sftpModifiedTime(conn: SshConnection, path: string): Promise<number | null> {
  const attrs = await conn.request<Stats>(`Cannot get the modification time of ${path}`, (sftp, done) => sftp.stat(path, done)).catch((error: unknown) => {
    if (error instanceof FerryError && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  return attrs && typeof attrs.mtime === 'number' ? attrs.mtime * 1000 : null;
}

export async function sftpRemoveFile(conn: SshConnection, path: string): Promise<void> {
  const context = `Cannot delete ${path}`;
  try {
    await conn.request<void>(context, (sftp, done) => sftp.unlink(path, done));
  } catch (error) {
    // OpenSSH: unlink(2) on a folder is EISDIR → "Failure"; Linux may say EPERM → "Permission denied".
    if (error instanceof FerryError && (vague(error) || error.code === 'PERMISSION_DENIED')) {
      const entry = await sftpStat(conn, path).catch(() => null);
      if (entry?.type === 'dir') throw new FerryError('NOT_A_DIRECTORY', `${context}: it is a folder, not a file`, { cause: error });
    }
    throw error;
  }
}

export async function sftpRemoveDir(conn: SshConnection, path: string): Promise<void> {
  const context = `Cannot delete the folder ${path}`;
  try {
    await conn.request<void>(context, (sftp, done) => sftp.rmdir(path, done));
  } catch (error) {
    if (!vague(error)) throw error;
    const entry = await sftpStat(conn, path).catch(() => null);
    if (entry && entry.type !== 'dir') throw new FerryError('NOT_A_DIRECTORY', `${context}: it is not a folder`, { cause: error });
    const names = entry ? await conn.request<FileEntry[]>(context, (sftp, done) => sftp.readdir(path, done)).catch(() => []) : [];
    if (names.some((item) => item.filename !== '.' && item.filename !== '..')) {
      throw new FerryError('PROTOCOL', `${context}: the folder is not empty`, { cause: error, retryable: false });
    }
    throw error;
  }
}

/** SETSTAT with permissions only (OpenSSH: chmod(2)); servers without it answer SSH_FX_OP_UNSUPPORTED → UNSUPPORTED. */
export async function sftpChmod(conn: SshConnection, path: string, mode: number): Promise<void> {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new FerryError('INVALID_PARAMS', `Invalid permission bits: ${mode}`);
  await conn.request<void>(`Cannot change the permissions of ${path}`, (sftp, done) => sftp.setstat(path, { mode }, done));
}

/**
 * SETSTAT with ACMODTIME (v3 sets both times at once, whole seconds): the
 * current access time is kept when the server reports it, else it becomes
 * the new modification time. False when the server cannot set times.
 */
export async function sftpSetModifiedTime(conn: SshConnection, path: string, mtimeMs: number): Promise<boolean> {
  if (!Number.isFinite(mtimeMs) || mtimeMs < 0 || mtimeMs >= 2 ** 32 * 1000) {
    throw new FerryError('INVALID_PARAMS', `SFTP cannot store this modification time: ${mtimeMs}`);
  }
  const context = `Cannot set the modification time of ${path}`;
  const mtime = Math.floor(mtimeMs / 1000);
  const current = await conn.request<Partial<Attributes>>(context, (sftp, done) => sftp.stat(path, done));
  const atime = typeof current.atime === 'number' ? current.atime : mtime;
  try {
    await conn.request<void>(context, (sftp, done) => sftp.setstat(path, { atime, mtime }, done));
    return true;
  } catch (error) {
    if (error instanceof FerryError && error.code === 'UNSUPPORTED') return false;
    throw error;
  }
}

/** OPEN with CREAT|EXCL|WRITE (`wx`), then CLOSE: atomic "create if absent". */
export async function sftpCreateEmptyFile(conn: SshConnection, path: string): Promise<void> {
  assertSafeTarget(path);
  const context = `Cannot create ${path}`;
  const handle = await conn.request<Buffer>(context, (sftp, done) => sftp.open(path, 'wx', done)).catch((error: unknown) => alreadyThere(conn, path, context, error));
  await conn.request<void>(context, (sftp, done) => sftp.close(handle, done));
}
