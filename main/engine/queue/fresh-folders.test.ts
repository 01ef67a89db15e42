import { describe, expect, it } from 'vitest';
import { FreshFolders } from './fresh-folders.js';

describe('FreshFolders', () => {
  it('knows nothing is in a folder it created, once per path', () => {
    const fresh = new FreshFolders();
    fresh.add('/new');
    expect(fresh.claim('/new', '/new/a.txt', 'job-1')).toBe(true);
    // The same job again (a retry): still its own.
    expect(fresh.claim('/new', '/new/a.txt', 'job-1')).toBe(true);
    // Another job for the same path may meet job-1's file.
    expect(fresh.claim('/new', '/new/a.txt', 'job-2')).toBe(false);
    expect(fresh.claim('/new', '/new/b.txt', 'job-2')).toBe(true);
  });

  it('claims nothing in a folder it did not create, nor after clear()', () => {
    const fresh = new FreshFolders();
    expect(fresh.claim('/old', '/old/a.txt', 'job-1')).toBe(false);
    fresh.add('/new');
    fresh.clear();
    expect(fresh.claim('/new', '/new/a.txt', 'job-1')).toBe(false);
  });
});
