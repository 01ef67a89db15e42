import { describe, expect, it } from 'vitest';
import { entriesFromRaw, entryFromAttrs, joinRemote, parseLongname } from './sftp-list.js';

const FILE = 0o100644;
const DIR = 0o040755;
const LINK = 0o120777;

describe('parseLongname', () => {
  it('reads OpenSSH and proftpd ls -l lines', () => {
    expect(parseLongname('-rw-r--r--    1 ferrytest ferrytest       47 Jan  1 12:00 readme.txt')).toEqual({
      type: 'file',
      permissions: 'rw-r--r--',
      owner: 'ferrytest',
      group: 'ferrytest',
    });
    expect(parseLongname('drwxr-sr-x+   2 alice    staff        4096 Mar 14  2024 folder with spaces')).toMatchObject({ type: 'dir', owner: 'alice', group: 'staff' });
    expect(parseLongname('lrwxrwxrwx    1 0        0              10 Jan  1 12:00 link -> readme.txt')).toMatchObject({ type: 'link', owner: '0' });
  });

  it('ignores anything that is not an ls line', () => {
    expect(parseLongname('')).toBeNull();
    expect(parseLongname('readme.txt')).toBeNull();
    expect(parseLongname('12/01/2024  10:00 AM    <DIR>          folder')).toBeNull();
  });
});

describe('entryFromAttrs', () => {
  it('takes type, size, mtime and permissions from the attributes', () => {
    const entry = entryFromAttrs('a.txt', '-rw-r--r-- 1 bob users 5 Jan 1 12:00 a.txt', { mode: FILE, size: 5, mtime: 1_700_000_000, uid: 1000, gid: 100 });
    expect(entry).toEqual({ name: 'a.txt', type: 'file', size: 5, modified: 1_700_000_000_000, permissions: 'rw-r--r--', owner: 'bob', group: 'users', linkTarget: null });
    expect(entryFromAttrs('d', '', { mode: DIR }).type).toBe('dir');
    expect(entryFromAttrs('l', '', { mode: LINK }).type).toBe('link');
    expect(entryFromAttrs('fifo', '', { mode: 0o010644 }).type).toBe('other');
  });

  it('falls back to uid/gid and to the ls line when attributes are missing', () => {
    expect(entryFromAttrs('x', 'no ls line', { mode: FILE, uid: 7, gid: 8 })).toMatchObject({ owner: '7', group: '8' });
    expect(entryFromAttrs('x', 'drwxr-xr-x 2 a b 0 Jan 1 12:00 x', { mode: 0o755 })).toMatchObject({ type: 'dir', permissions: 'rwxr-xr-x' });
    expect(entryFromAttrs('x', '', {})).toEqual({ name: 'x', type: 'file', size: null, modified: null, permissions: null, owner: null, group: null, linkTarget: null });
  });
});

describe('entriesFromRaw', () => {
  it('drops . and .., skips names no path could hold', () => {
    const raw = ['.', '..', 'ok', 'a/b', 'nul\0byte', ''].map((filename) => ({ filename, longname: '', attrs: { mode: FILE, uid: 0, gid: 0, size: 0, atime: 0, mtime: 0 } }));
    const { entries, skipped } = entriesFromRaw(raw);
    expect(entries.map((e) => e.name)).toEqual(['ok']);
    expect(skipped).toEqual(['a/b', 'nul\0byte', '']);
  });
});

describe('joinRemote', () => {
  it('joins posix paths', () => {
    expect(joinRemote('/', 'a')).toBe('/a');
    expect(joinRemote('/srv/x', 'a b')).toBe('/srv/x/a b');
  });
});
