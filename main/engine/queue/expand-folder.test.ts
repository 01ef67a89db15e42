import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry, Listing } from '../../../shared/model/entry.js';
import type { RemoteFs } from '../remote-fs.js';
import { expandLocal, expandRemote, isInside } from './expand-folder.js';
import { partPath, unsafeNameReason } from './paths.js';

const entry = (name: string, type: Entry['type'], size: number | null = 1): Entry => ({ name, type, size, modified: 1000, permissions: null, owner: null, group: null, linkTarget: null });

/** A server whose listings are given verbatim (hostile names included). */
function listingFs(tree: Record<string, Entry[]>): RemoteFs {
  return {
    pathStyle: 'posix',
    list: async (path: string): Promise<Listing> => ({ path, entries: tree[path] ?? [], skipped: 0 }),
    close: async () => {},
  };
}

describe('unsafeNameReason', () => {
  it.each(['..', '.', 'a/b', '../x', 'a\\b', '..\\..\\x', 'nul\0byte', ''])('refuses %j', (name) => {
    expect(unsafeNameReason(name)).not.toBeNull();
  });

  it.each(['file.txt', '..hidden', 'a..b', 'ünïcødé 名前', '.bashrc'])('accepts %j', (name) => {
    expect(unsafeNameReason(name)).toBeNull();
  });
});

describe('expandRemote', () => {
  it('lists folders recursively, each folder before its contents, keeping empty ones', async () => {
    const fs = listingFs({
      '/pub/tree': [entry('b.txt', 'file', 5), entry('sub', 'dir', null), entry('empty', 'dir', null)],
      '/pub/tree/sub': [entry('c.txt', 'file', 7)],
      '/pub/tree/empty': [],
    });
    const { items, refused } = await expandRemote(fs, { path: '/pub/tree', type: 'dir' }, '/home/me');
    expect(refused).toEqual([]);
    expect(items.map((i) => [i.kind, i.remotePath, i.localPath])).toEqual([
      ['folder', '/pub/tree', '/home/me/tree'],
      ['file', '/pub/tree/b.txt', '/home/me/tree/b.txt'],
      ['folder', '/pub/tree/empty', '/home/me/tree/empty'],
      ['folder', '/pub/tree/sub', '/home/me/tree/sub'],
      ['file', '/pub/tree/sub/c.txt', '/home/me/tree/sub/c.txt'],
    ]);
  });

  it('refuses hostile names from a server and never targets outside the chosen folder', async () => {
    const fs = listingFs({
      '/evil': [entry('..', 'dir'), entry('.', 'dir'), entry('../../etc/passwd', 'file'), entry('..\\..\\boot.ini', 'file'), entry('a\0b', 'file'), entry('ok.txt', 'file'), entry('dev', 'other')],
    });
    const { items, refused } = await expandRemote(fs, { path: '/evil', type: 'dir' }, '/home/me/dl');
    expect(items.map((i) => i.localPath)).toEqual(['/home/me/dl/evil', '/home/me/dl/evil/ok.txt']);
    expect(refused).toHaveLength(6);
    for (const item of items) expect(isInside('/home/me/dl', item.localPath)).toBe(true);
  });

  it('refuses a hostile name given as the source itself', async () => {
    const { items, refused } = await expandRemote(listingFs({}), { path: '/x/..', type: 'file' }, '/home/me');
    expect(items).toEqual([]);
    expect(refused).toHaveLength(1);
  });

  it('stops a server that fakes endless nesting', async () => {
    const fs: RemoteFs = { pathStyle: 'posix', list: async (path) => ({ path, entries: [entry('d', 'dir', null)], skipped: 0 }), close: async () => {} };
    await expect(expandRemote(fs, { path: '/deep', type: 'dir' }, '/tmp/x')).rejects.toThrow(/nested more than/);
  });
});

describe('expandLocal', () => {
  it('walks a local tree, keeps empty folders, skips links to folders', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ferry-expand-'));
    const tree = join(root, 'tree');
    await mkdir(join(tree, 'sub', 'deeper'), { recursive: true });
    await mkdir(join(tree, 'empty'));
    await writeFile(join(tree, 'a.txt'), 'a');
    await writeFile(join(tree, 'sub', 'deeper', 'z.txt'), 'zz');
    await symlink(join(tree, 'a.txt'), join(tree, 'link-to-a'));
    await symlink(tree, join(tree, 'loop'));
    const { items, refused } = await expandLocal(tree, '/up');
    expect(items.map((i) => [i.kind, i.remotePath, i.size])).toEqual([
      ['folder', '/up/tree', null],
      ['file', '/up/tree/a.txt', 1],
      ['file', '/up/tree/link-to-a', 1],
      ['folder', '/up/tree/empty', null],
      ['folder', '/up/tree/sub', null],
      ['folder', '/up/tree/sub/deeper', null],
      ['file', '/up/tree/sub/deeper/z.txt', 2],
    ]);
    expect(refused.map((r) => r.reason)).toEqual(['symbolic link to a folder (not followed)']);
  });
});

describe('partPath', () => {
  it('adds the suffix beside the target', () => {
    expect(partPath('/up/a.txt')).toBe('/up/a.txt.ferrypart');
  });

  it('keeps a long name within 255 bytes, stable and distinct', () => {
    const long = '名'.repeat(84); // 252 bytes
    const part = partPath(`/up/${long}`);
    const name = part.slice('/up/'.length);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('.ferrypart')).toBe(true);
    expect(partPath(`/up/${long}`)).toBe(part);
    expect(partPath(`/up/${long.slice(1)}x`)).not.toBe(part);
  });
});
