/**
 * The remote search: breadth-first from a folder, name pattern (glob or
 * substring, case-insensitive — see name-match.ts) plus optional size and
 * date bounds. Bounded by a number of folders so a huge tree or a link loop
 * the server presents as folders cannot run forever; links are not entered.
 */
import type { Entry } from '../../shared/model/entry.js';
import { joinPath } from '../../shared/path.js';
import type { FileOpsFs } from '../engine/remote-fs.js';
import { isUsableChildName } from './child-name.js';
import { nameMatcher } from './name-match.js';

export const MAX_SEARCH_FOLDERS = 100_000;

export interface SearchQuery {
  readonly path: string;
  readonly pattern: string;
  readonly minSize?: number | undefined;
  readonly maxSize?: number | undefined;
  readonly modifiedAfter?: number | undefined;
  readonly modifiedBefore?: number | undefined;
}

export interface SearchCallbacks {
  found(folder: string, entry: Entry): void;
  /** A folder could not be listed: the search goes on without it. */
  failed(folder: string, error: unknown): void;
}

/** Runs the search; resolves with the number of hits (stops early when `signal` aborts). */
export async function searchTree(fs: FileOpsFs, query: SearchQuery, callbacks: SearchCallbacks, signal: AbortSignal, maxFolders = MAX_SEARCH_FOLDERS): Promise<number> {
  const matches = nameMatcher(query.pattern);
  const inBounds = (entry: Entry): boolean => {
    if (query.minSize !== undefined && (entry.size === null || entry.size < query.minSize)) return false;
    if (query.maxSize !== undefined && (entry.size === null || entry.size > query.maxSize)) return false;
    if (query.modifiedAfter !== undefined && (entry.modified === null || entry.modified < query.modifiedAfter)) return false;
    if (query.modifiedBefore !== undefined && (entry.modified === null || entry.modified > query.modifiedBefore)) return false;
    return true;
  };
  const queue: string[] = [query.path];
  let visited = 0;
  let found = 0;
  while (queue.length > 0 && visited < maxFolders && !signal.aborted) {
    const folder = queue.shift() as string;
    visited++;
    let entries: readonly Entry[];
    try {
      entries = (await fs.list(folder, signal)).entries;
    } catch (error) {
      if (signal.aborted) break;
      callbacks.failed(folder, error);
      continue;
    }
    for (const entry of entries) {
      if (!isUsableChildName(entry.name)) continue;
      if (matches(entry.name) && inBounds(entry)) {
        found++;
        callbacks.found(folder, entry);
      }
      if (entry.type === 'dir') queue.push(joinPath(fs.pathStyle, folder, entry.name));
    }
  }
  return found;
}
