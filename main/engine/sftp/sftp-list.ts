/**
 * SFTP folder listings: READDIR entries (draft-ietf-secsh-filexfer-02 §6.7)
 * turned into `Entry` rows. The attributes are authoritative (mode, size,
 * mtime, uid/gid); the `longname` is an `ls -l` line only by convention
 * (OpenSSH, proftpd), used just for owner and group names.
 */
import type { Attributes, FileEntry } from 'ssh2';
import { FerryError } from '../../../shared/errors.js';
import type { Entry, EntryType, Listing } from '../../../shared/model/entry.js';
import { formatUnixMode } from '../unix-mode.js';
import type { SshConnection } from './sftp-connection.js';

/** How many READLINKs are in flight at once: enough to hide latency, few enough not to flood the server. */
const READLINK_CONCURRENCY = 16;

const S_IFMT = 0o170000;
const TYPE_BITS: Readonly<Record<number, EntryType>> = { 0o040000: 'dir', 0o100000: 'file', 0o120000: 'link' };
const LS_TYPE: Readonly<Record<string, EntryType>> = { d: 'dir', '-': 'file', l: 'link' };

/** `drwxr-xr-x  2 alice staff 4096 Jan 1 12:00 name` → mode string, owner, group; null for anything else. */
const LS_LINE = /^([-bcdlps])([-r][-w][-xsS][-r][-w][-xsS][-r][-w][-xtT])[.+@]?\s+\d+\s+(\S+)\s+(\S+)\s+\d+\s/;

export function parseLongname(longname: string): { type: EntryType; permissions: string; owner: string; group: string } | null {
  const m = LS_LINE.exec(longname);
  if (!m) return null;
  const [, kind = '', permissions = '', owner = '', group = ''] = m;
  return { type: LS_TYPE[kind] ?? 'other', permissions, owner, group };
}

/** One READDIR entry as a pane row (`linkTarget` is filled in later). */
export function entryFromAttrs(filename: string, longname: string, attrs: Partial<Attributes>): Entry {
  const ls = parseLongname(longname);
  const mode = typeof attrs.mode === 'number' ? attrs.mode : null;
  const formatBits = mode === null ? 0 : mode & S_IFMT;
  // Some servers send only permission bits: then the ls line (or, lacking it, "file") says what it is.
  const type: EntryType = formatBits ? (TYPE_BITS[formatBits] ?? 'other') : (ls?.type ?? 'file');
  return {
    name: filename,
    type,
    size: typeof attrs.size === 'number' ? attrs.size : null,
    modified: typeof attrs.mtime === 'number' ? attrs.mtime * 1000 : null,
    permissions: mode !== null ? formatUnixMode(mode) : (ls?.permissions ?? null),
    owner: ls?.owner ?? (typeof attrs.uid === 'number' ? String(attrs.uid) : null),
    group: ls?.group ?? (typeof attrs.gid === 'number' ? String(attrs.gid) : null),
    linkTarget: null,
  };
}

/** Joins a folder and a name in posix style. */
export function joinRemote(folder: string, name: string): string {
  return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
}

/** Converts raw entries: drops `.`/`..`, counts names a path could not hold (`/`, NUL) as skipped. */
export function entriesFromRaw(raw: readonly FileEntry[]): { entries: Entry[]; skipped: string[] } {
  const entries: Entry[] = [];
  const skipped: string[] = [];
  for (const item of raw) {
    if (item.filename === '.' || item.filename === '..') continue;
    if (item.filename === '' || item.filename.includes('/') || item.filename.includes('\0')) {
      skipped.push(item.filename);
      continue;
    }
    entries.push(entryFromAttrs(item.filename, item.longname ?? '', item.attrs ?? {}));
  }
  return { entries, skipped };
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Lists `path`: REALPATH and READDIR are sent together (SFTP answers
 * requests in any order), then READLINK for each symlink. A path that is a
 * file, or a link to one, rejects with NOT_A_DIRECTORY: OpenSSH answers
 * OPENDIR on a file with SSH_FX_NO_SUCH_FILE (ENOTDIR folds into it in
 * `errno_to_portable`), other servers with SSH_FX_FAILURE, so STAT tells.
 */
export async function listFolder(conn: SshConnection, path: string): Promise<Listing & { skippedNames: string[] }> {
  const context = `Cannot open ${path}`;
  const [real, raw] = await Promise.allSettled([
    conn.request<string>(context, (sftp, done) => sftp.realpath(path, done)),
    conn.request<FileEntry[]>(context, (sftp, done) => sftp.readdir(path, done)),
  ]);
  if (raw.status === 'rejected' || real.status === 'rejected') {
    const error = (raw.status === 'rejected' ? raw.reason : (real as PromiseRejectedResult).reason) as FerryError;
    if (error.code === 'CONNECTION_LOST') throw error;
    const stats = await conn.request<{ isDirectory(): boolean }>(context, (sftp, done) => sftp.stat(path, done)).catch(() => null);
    if (stats && !stats.isDirectory()) throw new FerryError('NOT_A_DIRECTORY', `${path} is a file, not a folder`, { cause: error });
    throw error;
  }
  const folder = real.value;
  const { entries, skipped } = entriesFromRaw(raw.value);
  const links = entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.type === 'link');
  await eachLimited(links, READLINK_CONCURRENCY, async ({ entry, index }) => {
    const target = await conn
      .request<string>(`Cannot read link ${entry.name}`, (sftp, done) => sftp.readlink(joinRemote(folder, entry.name), done))
      .catch(() => null);
    entries[index] = { ...entry, linkTarget: target };
  });
  return { path: folder, entries, skipped: skipped.length, skippedNames: skipped };
}
