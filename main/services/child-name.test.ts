import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertNewTarget, isUsableChildName, localChildPath } from './child-name.js';
import { assertOpenable } from './local-open.js';

describe('names from a server never leave the chosen folder', () => {
  const dir = resolve('/tmp/ferry-edit-x');
  it.each(['..', '.', '', 'a/b', '../etc/passwd', 'a\\b', '..\\..\\x', 'nul\0byte'])('refuses %j', (name) => {
    expect(isUsableChildName(name)).toBe(false);
    expect(() => localChildPath(dir, name)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
  });
  it.each(['file.txt', 'ünïcödé 文件.txt', 'with spaces [1] (2).txt', '...', '..a'])('keeps %j inside the folder', (name) => {
    expect(localChildPath(dir, name)).toBe(join(dir, name));
  });
});

describe('new names are validated before anything reaches a server', () => {
  it.each([
    ['/home/u/', 'empty'],
    ['/home/u/a\nb', 'line feed'],
    ['/home/u/a\rb', 'carriage return'],
    ['/home/u/a\0b', 'NUL'],
    ['/home/u/..', 'parent'],
    ['/home/u/a/b\\c', 'backslash'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (path) => {
    expect(() => assertNewTarget(path, 'posix')).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
  });
});

it('accepts ordinary, unicode and bracketed names', () => {
  for (const path of ['/h/new folder', '/h/ünï 文件', '/h/a [1] (2).txt']) expect(() => assertNewTarget(path, 'posix')).not.toThrow();
});

describe('files the OS would run are not opened', () => {
  it('refuses launchers per platform and allows documents', () => {
    expect(() => assertOpenable('/x/evil.desktop', 'linux')).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
    expect(() => assertOpenable('C:\\x\\setup.EXE', 'win32')).toThrow();
    expect(() => assertOpenable('C:\\x\\a.js', 'win32')).toThrow();
    expect(() => assertOpenable('/x/a.js', 'linux')).not.toThrow();
    expect(() => assertOpenable('/x/readme.txt', 'win32')).not.toThrow();
  });
});
