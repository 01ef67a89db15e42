/**
 * Turns "upload this folder" / "download that folder" into one item per file
 * and one per folder (so empty folders and the tree's shape survive), each
 * folder before its contents.
 *
 * Remote names are untrusted: a hostile or broken server may list `..`,
 * `a/b`, `..\x` or a NUL byte to make a download write outside the folder the
 * user chose. Such entries are refused (reported, never transferred), and
 * every local target is checked to lie inside the chosen folder.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, isAbsolute } from 'node:path';
import { FerryError } from '../../../shared/errors.js';
import type { TransferKind } from '../../../shared/model/transfer.js';
import { mapLimited } from '../map-limited.js';
import type { RemoteFs } from '../remote-fs.js';
import { remoteBasename, remoteJoin, unsafeNameReason } from './paths.js';

/** Deeper trees are refused: real ones are not, and a server faking endless nesting must not recurse forever. */
export const MAX_DEPTH = 128;
/** lstat calls in flight at once while walking a local folder (map-limited.ts). */
const STAT_CONCURRENCY = 32;

export interface ExpandedItem {
  readonly kind: TransferKind;
  readonly localPath: string;
  readonly remotePath: string;
  readonly size: number | null;
  readonly modified: number | null;
}

export interface RefusedEntry {
  readonly path: string;
  readonly reason: string;
}

export interface Expansion {
  readonly items: ExpandedItem[];
  readonly refused: RefusedEntry[];
}

/** True when `target` is `root` or inside it (after resolving `..`). */
export function isInside(root: string, target: string): boolean {
  const rel = relative(resolve(root), resolve(target));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Everything under a local file or folder, targeted at `remoteDir/<name>`.
 * Symlinks to files are uploaded as files; symlinks to folders are not
 * followed (a link to an ancestor would never end) and are reported.
 */
export async function expandLocal(localPath: string, remoteDir: string, signal?: AbortSignal): Promise<Expansion> {
  const items: ExpandedItem[] = [];
  const refused: RefusedEntry[] = [];
  const root = await stat(localPath);
  const rootRemote = remoteJoin(remoteDir, basename(localPath));
  if (!root.isDirectory()) {
    items.push({ kind: 'file', localPath, remotePath: rootRemote, size: root.size, modified: root.mtimeMs });
    return { items, refused };
  }
  const walk = async (dir: string, remote: string, depth: number): Promise<void> => {
    signal?.throwIfAborted();
    if (depth > MAX_DEPTH) throw new FerryError('INVALID_PARAMS', `${dir} is nested more than ${MAX_DEPTH} folders deep`);
    items.push({ kind: 'folder', localPath: dir, remotePath: remote, size: null, modified: null });
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    const folders: [string, string][] = [];
    // Measured concurrently (one call at a time was most of the walk), judged in order.
    const infos = await mapLimited(entries, STAT_CONCURRENCY, (entry) => {
      const path = join(dir, entry.name);
      return entry.isSymbolicLink() ? stat(path).catch(() => null) : lstat(path);
    });
    for (const [index, entry] of entries.entries()) {
      const path = join(dir, entry.name);
      const target = remoteJoin(remote, entry.name);
      const info = infos[index] ?? null;
      if (!info) refused.push({ path, reason: 'broken symbolic link' });
      else if (info.isDirectory() && entry.isSymbolicLink()) refused.push({ path, reason: 'symbolic link to a folder (not followed)' });
      else if (info.isDirectory()) folders.push([path, target]);
      else if (info.isFile()) items.push({ kind: 'file', localPath: path, remotePath: target, size: info.size, modified: info.mtimeMs });
      else refused.push({ path, reason: 'not a regular file' });
    }
    for (const [path, target] of folders) await walk(path, target, depth + 1);
  };
  await walk(localPath, rootRemote, 0);
  return { items, refused };
}

export interface RemoteSource {
  readonly path: string;
  /** What the pane knows; a `dir` (or unknown type) is listed. */
  readonly type?: 'file' | 'dir' | undefined;
  readonly size?: number | null | undefined;
  readonly modified?: number | null | undefined;
}

/**
 * Everything under a remote file or folder, targeted at `localDir/<name>`.
 * Links are downloaded as files (their content), since a listing cannot say
 * where they lead without following them; `other` entries are refused.
 */
/** A single remote file, targeted at `localDir/<name>` (its name checked like a listed one). */
export function expandRemoteFile(source: RemoteSource, localDir: string): Expansion {
  const name = remoteBasename(source.path);
  const bad = unsafeNameReason(name);
  if (bad) return { items: [], refused: [{ path: source.path, reason: bad }] };
  return {
    items: [{ kind: 'file', localPath: join(localDir, name), remotePath: source.path, size: source.size ?? null, modified: source.modified ?? null }],
    refused: [],
  };
}

export async function expandRemote(fs: RemoteFs, source: RemoteSource, localDir: string, signal?: AbortSignal): Promise<Expansion> {
  const items: ExpandedItem[] = [];
  const refused: RefusedEntry[] = [];
  const name = remoteBasename(source.path);
  const bad = unsafeNameReason(name);
  if (bad || source.type === 'file') return expandRemoteFile(source, localDir);
  const rootLocal = join(localDir, name);
  const walk = async (remote: string, local: string, depth: number): Promise<void> => {
    signal?.throwIfAborted();
    if (depth > MAX_DEPTH) throw new FerryError('INVALID_PARAMS', `${remote} is nested more than ${MAX_DEPTH} folders deep`);
    const listing = await fs.list(remote, signal);
    items.push({ kind: 'folder', localPath: local, remotePath: remote, size: null, modified: null });
    const folders: [string, string][] = [];
    for (const entry of [...listing.entries].sort((a, b) => a.name.localeCompare(b.name))) {
      const path = remoteJoin(remote, entry.name);
      const reason = unsafeNameReason(entry.name);
      const target = join(local, entry.name);
      if (reason || !isInside(rootLocal, target) || target === local) {
        refused.push({ path, reason: reason ?? 'would be written outside the chosen folder' });
      } else if (entry.type === 'dir') {
        folders.push([path, target]);
      } else if (entry.type === 'file' || entry.type === 'link') {
        items.push({ kind: 'file', localPath: target, remotePath: path, size: entry.size, modified: entry.modified });
      } else {
        refused.push({ path, reason: 'not a regular file' });
      }
    }
    for (const [path, target] of folders) await walk(path, target, depth + 1);
  };
  try {
    await walk(source.path, rootLocal, 0);
  } catch (error) {
    if (source.type === undefined && error instanceof FerryError && error.code === 'NOT_A_DIRECTORY' && items.length === 0) return expandRemoteFile(source, localDir);
    throw error;
  }
  return { items, refused };
}
