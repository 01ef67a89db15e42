import { describe, expect, it } from 'vitest';
import { baseName } from './base-name.js';

describe('baseName', () => {
  it('returns the last posix segment', () => {
    expect(baseName('posix', '/home/ann/docs')).toBe('docs');
    expect(baseName('posix', '/home/ann/docs/')).toBe('docs');
    expect(baseName('posix', '/')).toBeNull();
  });

  it('returns the last win32 segment and nothing for a drive root', () => {
    expect(baseName('win32', 'C:\\Users\\Ann')).toBe('Ann');
    expect(baseName('win32', 'C:\\')).toBeNull();
  });
});
