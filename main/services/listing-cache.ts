/**
 * Remote folder listings per session, so going back to a folder is instant
 * (FileZilla's directory cache). Ferry's own operations invalidate what they
 * touch; the user's Refresh always goes to the server. The local side is never
 * cached: other programs change it all the time and reading it is cheap.
 */
import type { Listing } from '../../shared/model/entry.js';

/** Folders remembered per session; the oldest use is forgotten first. */
const MAX_FOLDERS = 256;

export interface ListingCache {
  get(sessionId: string, path: string): Listing | undefined;
  put(sessionId: string, requested: string, listing: Listing): void;
  /** Forgets the folders holding `paths`, the paths themselves and everything below them. */
  invalidate(sessionId: string, paths: readonly string[]): void;
  drop(sessionId: string): void;
}

function parentOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  return cut <= 0 ? '/' : trimmed.slice(0, cut);
}

const normal = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);

export function createListingCache(): ListingCache {
  const bySession = new Map<string, Map<string, Listing>>();
  return {
    get(sessionId, path) {
      const folders = bySession.get(sessionId);
      const key = normal(path);
      const hit = folders?.get(key);
      if (hit && folders) {
        folders.delete(key); // refresh its place in the LRU order
        folders.set(key, hit);
      }
      return hit;
    },
    put(sessionId, requested, listing) {
      let folders = bySession.get(sessionId);
      if (!folders) bySession.set(sessionId, (folders = new Map()));
      for (const key of new Set([normal(requested), normal(listing.path)])) {
        folders.delete(key);
        folders.set(key, listing);
      }
      while (folders.size > MAX_FOLDERS) folders.delete(folders.keys().next().value as string);
    },
    invalidate(sessionId, paths) {
      const folders = bySession.get(sessionId);
      if (!folders) return;
      for (const raw of paths) {
        const path = normal(raw);
        folders.delete(parentOf(path));
        for (const key of [...folders.keys()]) if (key === path || key.startsWith(`${path}/`)) folders.delete(key);
      }
    },
    drop: (sessionId) => void bySession.delete(sessionId),
  };
}
