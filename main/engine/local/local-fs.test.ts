import { mkdir, mkdtemp, rm, symlink, utimes, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFs } from './local-fs.js';

let root = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-local-'));
  await writeFile(join(root, 'readme.txt'), 'hello ferry\n');
  await chmod(join(root, 'readme.txt'), 0o640);
  await utimes(join(root, 'readme.txt'), new Date('2024-05-06T07:08:09Z'), new Date('2024-05-06T07:08:09Z'));
  await mkdir(join(root, 'folder with spaces'));
  await writeFile(join(root, 'ünïcødé.txt'), '');
  await symlink('readme.txt', join(root, 'link'));
  await symlink('missing-target', join(root, 'dangling'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('LocalFs', () => {
  it('lists files, folders and links with size, mtime and permissions', async () => {
    const listing = await new LocalFs().list(root);
    const byName = new Map(listing.entries.map((entry) => [entry.name, entry]));
    expect(listing.path).toBe(root);
    expect([...byName.keys()].sort()).toEqual(['dangling', 'folder with spaces', 'link', 'readme.txt', 'ünïcødé.txt']);
    expect(byName.get('readme.txt')).toMatchObject({ type: 'file', size: 12, modified: Date.parse('2024-05-06T07:08:09Z'), permissions: 'rw-r-----' });
    expect(byName.get('folder with spaces')).toMatchObject({ type: 'dir', size: null });
    expect(byName.get('link')).toMatchObject({ type: 'link', linkTarget: 'readme.txt' });
    expect(byName.get('dangling')).toMatchObject({ type: 'link', linkTarget: 'missing-target' });
  });

  it('follows a symlinked folder when listing through it', async () => {
    await symlink('folder with spaces', join(root, 'linkdir'));
    await writeFile(join(root, 'folder with spaces', 'inner.txt'), 'x');
    const listing = await new LocalFs().list(join(root, 'linkdir'));
    expect(listing.path).toBe(join(root, 'linkdir'));
    expect(listing.entries.map((entry) => entry.name)).toEqual(['inner.txt']);
  });

  it('fails with a clear typed error for a missing folder and for a file', async () => {
    await expect(new LocalFs().list(join(root, 'nope'))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no such folder') });
    await expect(new LocalFs().list(join(root, 'readme.txt'))).rejects.toMatchObject({ code: 'NOT_A_DIRECTORY' });
  });
});
