import { describe, expect, it } from 'vitest';
import { relativeParts, resolveParts, syncTarget } from './sync-path.js';

describe('sync path', () => {
  it('computes relative parts', () => {
    expect(relativeParts('posix', '/home/a', '/home/a/x/y')).toEqual(['x', 'y']);
    expect(relativeParts('posix', '/home/a', '/home/a')).toEqual([]);
    expect(relativeParts('posix', '/home/a', '/home/b')).toBeNull();
    expect(relativeParts('posix', '/', '/srv')).toEqual(['srv']);
    expect(relativeParts('win32', 'C:\\Users\\A', 'c:\\users\\a\\Docs')).toEqual(['Docs']);
  });
  it('resolves on the other side', () => {
    expect(resolveParts('posix', '/', ['a', 'b'])).toBe('/a/b');
    expect(syncTarget({ style: 'win32', base: 'C:\\site', path: 'C:\\site\\img' }, { style: 'posix', base: '/var/www' })).toBe('/var/www/img');
    expect(syncTarget({ style: 'posix', base: '/var/www', path: '/var' }, { style: 'posix', base: '/x' })).toBeNull();
  });
});
