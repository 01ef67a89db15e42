/**
 * The file-operation primitives on the local disk, with the same contract as
 * the servers' (see `FileOpsFs`): a link is reported as a link, nothing is
 * ever replaced by a create or by a rename not asked to replace, and folders are removed one empty
 * folder at a time.
 */
import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { chmod, lstat, mkdir, open, readlink, rename, rmdir, stat, unlink, utimes } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { FerryError } from '../../../shared/errors.js';
import type { Entry, EntryType } from '../../../shared/model/entry.js';
import type { ChecksumAlgorithm } from '../../../shared/model/transfer.js';
import type { FileChecksum } from '../remote-fs.js';
import { formatUnixMode } from '../unix-mode.js';
import { localError } from './local-errors.js';

/** One directory entry as a pane row, from its lstat. */
export async function entryFromStats(full: string, name: string, info: Stats, windows: boolean): Promise<Entry> {
  let type: EntryType = info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other';
  let linkTarget: string | null = null;
  if (info.isSymbolicLink()) {
    type = 'link';
    linkTarget = await readlink(full).catch(() => null);
  }
  return {
    name,
    type,
    size: type === 'file' || type === 'link' ? info.size : null,
    modified: info.mtimeMs,
    permissions: windows ? null : formatUnixMode(info.mode),
    owner: windows ? null : String(info.uid),
    group: windows ? null : String(info.gid),
    linkTarget,
  };
}

/** A listing row for `name` inside `dir`, or null when it vanished between readdir and lstat. */
export async function describeEntry(dir: string, name: string, windows: boolean): Promise<Entry | null> {
  const full = join(dir, name);
  const info = await lstat(full).catch(() => null);
  return info ? entryFromStats(full, name, info, windows) : null;
}

async function lstatOrNull(path: string, context: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw localError(error, context);
  }
}

export async function localStat(path: string, windows: boolean): Promise<Entry | null> {
  const info = await lstatOrNull(path, `Cannot look up ${path}`);
  return info ? entryFromStats(path, basename(path) || path, info, windows) : null;
}

export async function localSize(path: string): Promise<number | null> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw localError(error, `Cannot get the size of ${path}`);
  });
  return info ? info.size : null;
}

/** The modification time (ms), following links; null when nothing is there. */
export async function localModifiedTime(path: string): Promise<number | null> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw localError(error, `Cannot get the modification time of ${path}`);
  });
  return info ? info.mtimeMs : null;
}

export async function localMkdir(path: string): Promise<void> {
  await mkdir(path).catch((error: unknown) => Promise.reject(localError(error, `Cannot create the folder ${path}`)));
}

/**
 * Node has no rename-without-replace (renameat2 RENAME_NOREPLACE), so look
 * first; rename(2) would replace a file. With `replace`, rename(2) it is.
 */
export async function localRename(from: string, to: string, replace = false): Promise<void> {
  const context = `Cannot rename ${from} to ${to}`;
  if (!replace && (await lstatOrNull(to, context))) throw new FerryError('ALREADY_EXISTS', `${context}: ${to} already exists`);
  await rename(from, to).catch((error: unknown) => Promise.reject(localError(error, context)));
}

export async function localRemoveFile(path: string): Promise<void> {
  const context = `Cannot delete ${path}`;
  // unlink(2) of a folder is EISDIR on Linux but EPERM on macOS: decide from lstat instead.
  const info = await lstatOrNull(path, context);
  if (info?.isDirectory()) throw new FerryError('NOT_A_DIRECTORY', `${context}: it is a folder, not a file`);
  await unlink(path).catch((error: unknown) => Promise.reject(localError(error, context)));
}

export async function localRemoveDir(path: string): Promise<void> {
  await rmdir(path).catch((error: unknown) => Promise.reject(localError(error, `Cannot delete the folder ${path}`)));
}

export async function localChmod(path: string, mode: number): Promise<void> {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new FerryError('INVALID_PARAMS', `Invalid permission bits: ${mode}`);
  await chmod(path, mode).catch((error: unknown) => Promise.reject(localError(error, `Cannot change the permissions of ${path}`)));
}

/** utimes with the access time kept as it is. */
export async function localSetModifiedTime(path: string, mtimeMs: number): Promise<boolean> {
  if (!Number.isFinite(mtimeMs)) throw new FerryError('INVALID_PARAMS', `Invalid modification time: ${mtimeMs}`);
  const context = `Cannot set the modification time of ${path}`;
  try {
    const { atime } = await stat(path);
    await utimes(path, atime, new Date(mtimeMs));
    return true;
  } catch (error) {
    throw localError(error, context);
  }
}

/** The first algorithm of the caller's list, computed by reading the file once. */
export async function localChecksum(path: string, algorithms: readonly ChecksumAlgorithm[]): Promise<FileChecksum | null> {
  const algorithm = algorithms[0];
  if (algorithm === undefined) return null;
  const hash = algorithm === 'crc32' ? null : createHash(algorithm);
  let crc = 0;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      if (hash) hash.update(chunk);
      else crc = crc32(chunk, crc);
    }
  } catch (error) {
    throw localError(error, `Cannot compute the checksum of ${path}`);
  }
  return { algorithm, hex: hash ? hash.digest('hex') : crc.toString(16).padStart(8, '0') };
}

/** `wx`: O_CREAT|O_EXCL, so an existing file is never truncated. */
export async function localCreateEmptyFile(path: string): Promise<void> {
  const handle = await open(path, 'wx').catch((error: unknown) => Promise.reject(localError(error, `Cannot create ${path}`)));
  await handle.close();
}
