import { describe, expect, it } from 'vitest';
import { assertSafeName, assertSafeTarget, lastSegment } from './safe-name.js';

describe('assertSafeName', () => {
  it.each([
    ['', /cannot be empty/],
    ['.', /folder itself or its parent/],
    ['..', /folder itself or its parent/],
    ['a/b', /slash/],
    ['a\\b', /backslash/],
    ['a\0b', /NUL/],
    ['a\rb', /carriage return/],
    ['a\nb', /line feed/],
    ['evil\r\nDELE x', /carriage return/],
  ])('refuses %j with a clear message', (name, message) => {
    expect(() => assertSafeName(name)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS', message: expect.stringMatching(message) }));
  });

  it.each(['a [b] c.txt', 'ünïcødé-名前.txt', '...', '.hidden', 'a..b', ' leading space', 'tab\there', '"quoted"'])('accepts %j', (name) => {
    expect(() => assertSafeName(name)).not.toThrow();
  });
});

describe('lastSegment / assertSafeTarget', () => {
  it('checks only the last segment of a path', () => {
    expect(lastSegment('/srv/a b/new folder')).toBe('new folder');
    expect(lastSegment('/srv/dir/')).toBe('dir');
    expect(lastSegment('name')).toBe('name');
    expect(lastSegment('C:\\Users\\me\\new', 'win32')).toBe('new');
    expect(lastSegment('C:\\Users\\me\\back\\slash', 'posix')).toBe('C:\\Users\\me\\back\\slash');
    expect(() => assertSafeTarget('/srv/a/b/ok.txt')).not.toThrow();
    expect(() => assertSafeTarget('/srv/..')).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
    expect(() => assertSafeTarget('/srv/x\\y')).toThrow(/backslash/);
    expect(() => assertSafeTarget('/')).toThrow(/empty/);
  });

  it('refuses a NUL anywhere in the path', () => {
    expect(() => assertSafeTarget('/sr\0v/ok')).toThrow(/NUL/);
  });
});
