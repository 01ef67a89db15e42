/**
 * The local disk behind the same `RemoteFs` interface as the servers, so the
 * left pane is just another session. Symlinks are reported as links with
 * their target; a link whose target is gone is still listed.
 */
import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { FerryError } from '../../../shared/errors.js';
import type { Entry, EntryType, Listing } from '../../../shared/model/entry.js';
import type { PathStyle } from '../../../shared/model/session.js';
import { toFerryError } from '../../ipc/to-ferry-error.js';
import type { RemoteFs } from '../remote-fs.js';
import { formatUnixMode } from '../unix-mode.js';

/** lstat calls in flight at once: enough to hide latency, few enough not to exhaust file handles. */
const STAT_CONCURRENCY = 64;

async function describeEntry(dir: string, name: string, windows: boolean): Promise<Entry | null> {
  const full = join(dir, name);
  const info = await lstat(full).catch(() => null);
  if (!info) return null; // vanished between readdir and lstat
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

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export class LocalFs implements RemoteFs {
  readonly pathStyle: PathStyle = sep === '\\' ? 'win32' : 'posix';

  async list(path: string): Promise<Listing> {
    const dir = resolve(path);
    try {
      const canonical = await realpath(dir);
      const names = await readdir(canonical);
      const windows = this.pathStyle === 'win32';
      const entries = await mapLimited(names, STAT_CONCURRENCY, (name) => describeEntry(canonical, name, windows));
      return { path: dir, entries: entries.filter((entry): entry is Entry => entry !== null), skipped: 0 };
    } catch (error) {
      const mapped = toFerryError(error);
      const reason: Partial<Record<string, string>> = {
        NOT_FOUND: 'no such folder',
        NOT_A_DIRECTORY: 'it is a file, not a folder',
        PERMISSION_DENIED: 'permission denied',
      };
      throw new FerryError(mapped.code, `Cannot open ${dir}: ${reason[mapped.code] ?? mapped.message}`, { cause: error });
    }
  }

  async close(): Promise<void> {}
}
