import { describe, expect, it } from 'vitest';
import { joinPath, parentPath } from './path.js';

describe('path helpers', () => {
  it('joins and climbs posix paths', () => {
    expect(joinPath('posix', '/', 'pub')).toBe('/pub');
    expect(joinPath('posix', '/pub', 'a b')).toBe('/pub/a b');
    expect(parentPath('posix', '/pub/a b')).toBe('/pub');
    expect(parentPath('posix', '/pub/')).toBe('/');
    expect(parentPath('posix', '/')).toBeNull();
  });

  it('joins and climbs win32 paths, stopping at the drive root', () => {
    expect(joinPath('win32', 'C:\\', 'Users')).toBe('C:\\Users');
    expect(joinPath('win32', 'C:\\Users', 'me')).toBe('C:\\Users\\me');
    expect(parentPath('win32', 'C:\\Users\\me')).toBe('C:\\Users');
    expect(parentPath('win32', 'C:\\Users')).toBe('C:\\');
    expect(parentPath('win32', 'C:\\')).toBeNull();
  });
});
