import { describe, expect, it } from 'vitest';
import { stagingSegments } from './staging-paths.js';

describe('staging path validation', () => {
  it('accepts plain relative paths, keeping their folders', () => {
    expect(stagingSegments('photo.jpg')).toEqual({ segments: ['photo.jpg'] });
    expect(stagingSegments('album/2024/a b.jpg')).toEqual({ segments: ['album', '2024', 'a b.jpg'] });
    expect(stagingSegments('..hidden/.x')).toEqual({ segments: ['..hidden', '.x'] });
  });

  it.each([
    ['', 'empty'],
    ['/etc/passwd', 'absolute'],
    ['C:/Windows/x', 'drive'],
    ['c:x', 'drive'],
    ['a//b', 'empty segment'],
    ['a/', 'empty segment'],
    ['./a', '"."'],
    ['a/../../b', '".."'],
    ['..', '".."'],
    ['a\\..\\b', '\\'],
    ['a/b\0c', 'NUL'],
    [`${'x'.repeat(256)}`, 'longer'],
    [Array.from({ length: 65 }, () => 'd').join('/'), 'deeper'],
  ])('refuses %j (%s)', (path, why) => {
    const result = stagingSegments(path);
    expect(result).toHaveProperty('refused');
    expect((result as { refused: string }).refused).toContain(why);
  });

  it('refuses names Windows cannot hold, on Windows only', () => {
    expect(stagingSegments('a.txt:stream', 'win32')).toHaveProperty('refused');
    expect(stagingSegments('what?.txt', 'win32')).toHaveProperty('refused');
    expect(stagingSegments('a.txt:stream', 'linux')).toEqual({ segments: ['a.txt:stream'] });
  });
});
