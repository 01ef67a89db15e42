import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirPerTest } from '../testing/temp-dir-per-test.js';
import { LocalDirs } from './local-dirs.js';

const root = tempDirPerTest('ferry-local-dirs-');

describe('LocalDirs', () => {
  it('creates missing folders with their parents and treats all of them as empty', async () => {
    const dirs = new LocalDirs();
    await dirs.ensure(join(root(), 'a', 'b', 'c'));
    await dirs.ensure(join(root(), 'a'));
    expect(dirs.claimNew(join(root(), 'a', 'b', 'c', 'f.txt'), 'j1')).toBe(true);
    expect(dirs.claimNew(join(root(), 'a', 'b', 'g.txt'), 'j2')).toBe(true);
    expect(dirs.claimNew(join(root(), 'a', 'h.txt'), 'j3')).toBe(true);
    expect(dirs.claimNew(join(root(), 'a', 'h.txt'), 'j4')).toBe(false);
  });

  it('does not vouch for a folder that was already there', async () => {
    await mkdir(join(root(), 'old'));
    await writeFile(join(root(), 'old', 'f.txt'), 'mine');
    const dirs = new LocalDirs();
    await dirs.ensure(join(root(), 'old'));
    expect(dirs.claimNew(join(root(), 'old', 'f.txt'), 'j1')).toBe(false);
  });

  it('makes a folder again when asked to recheck (deleted meanwhile)', async () => {
    const dirs = new LocalDirs();
    await dirs.ensure(join(root(), 'gone'));
    await rm(join(root(), 'gone'), { recursive: true });
    await dirs.ensure(join(root(), 'gone'));
    await expect(stat(join(root(), 'gone'))).rejects.toMatchObject({ code: 'ENOENT' });
    await dirs.ensure(join(root(), 'gone'), true);
    expect((await stat(join(root(), 'gone'))).isDirectory()).toBe(true);
  });

  it('tries again after a failure', async () => {
    await writeFile(join(root(), 'file'), 'x');
    const dirs = new LocalDirs();
    await expect(dirs.ensure(join(root(), 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await rm(join(root(), 'file'));
    await dirs.ensure(join(root(), 'file', 'sub'));
    expect(dirs.claimNew(join(root(), 'file', 'sub', 'x'), 'j1')).toBe(true);
  });
});
