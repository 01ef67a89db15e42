import { describe, expect, it } from 'vitest';
import type { Listing } from '../../shared/model/entry.js';
import { createListingCache } from './listing-cache.js';

const listing = (path: string): Listing => ({ path, entries: [], skipped: 0 });

describe('listing cache', () => {
  it('answers for the requested and the canonical path, per session', () => {
    const cache = createListingCache();
    cache.put('s1', '/pub/', listing('/pub'));
    expect(cache.get('s1', '/pub')).toEqual(listing('/pub'));
    expect(cache.get('s1', '/pub/')).toEqual(listing('/pub'));
    expect(cache.get('s2', '/pub')).toBeUndefined();
  });

  it('forgets the parent folder, the path and everything below it', () => {
    const cache = createListingCache();
    for (const path of ['/', '/a', '/a/b', '/a/b/c', '/ab']) cache.put('s', path, listing(path));
    cache.invalidate('s', ['/a/b']);
    expect(cache.get('s', '/a')).toBeUndefined();
    expect(cache.get('s', '/a/b')).toBeUndefined();
    expect(cache.get('s', '/a/b/c')).toBeUndefined();
    expect(cache.get('s', '/')).toBeDefined();
    expect(cache.get('s', '/ab')).toBeDefined();
    cache.invalidate('s', ['/x.txt']);
    expect(cache.get('s', '/')).toBeUndefined();
  });

  it('keeps at most 256 folders, dropping the least recently used', () => {
    const cache = createListingCache();
    for (let i = 0; i < 257; i++) cache.put('s', `/d${i}`, listing(`/d${i}`));
    expect(cache.get('s', '/d0')).toBeUndefined();
    expect(cache.get('s', '/d256')).toBeDefined();
  });
});
