import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../../shared/model/entry.js';
import { MLSD_DIR_MARKER, parseMlsdLine, parseMlsdTime, unixModeToString } from './parse-mlsd.js';

const utc = Date.UTC;

function entryOf(line: string): Entry {
  const result = parseMlsdLine(line);
  if (result === null || result === MLSD_DIR_MARKER) throw new Error(`not an entry: ${line}`);
  return result;
}

describe('parseMlsdLine', () => {
  it('pure-ftpd file with UNIX facts', () => {
    const line = 'type=file;size=1024;modify=20240131120000;UNIX.mode=0644;UNIX.uid=1000;UNIX.gid=100;unique=803g1; readme.txt';
    expect(parseMlsdLine(line)).toEqual({
      name: 'readme.txt',
      type: 'file',
      size: 1024,
      modified: utc(2024, 0, 31, 12, 0, 0),
      permissions: 'rw-r--r--',
      owner: '1000',
      group: '100',
      linkTarget: null,
    });
  });

  it('proftpd names win over ids', () => {
    const line = 'modify=20240131120000;perm=adfr;size=1;type=file;UNIX.group=100;UNIX.groupname=users;UNIX.mode=0640;UNIX.owner=1000;UNIX.ownername=alice; a';
    expect(parseMlsdLine(line)).toMatchObject({ owner: 'alice', group: 'users', permissions: 'rw-r-----' });
  });

  it('folders, with fractional seconds and sizd', () => {
    expect(parseMlsdLine('type=dir;sizd=4096;modify=20240131120000.5;perm=flcdmpe; docs')).toEqual({
      name: 'docs',
      type: 'dir',
      size: 4096,
      modified: utc(2024, 0, 31, 12, 0, 0, 500),
      permissions: null,
      owner: null,
      group: null,
      linkTarget: null,
    });
  });

  it('cdir and pdir are markers, not entries', () => {
    expect(parseMlsdLine('type=cdir;modify=20240131120000;UNIX.mode=0755; /home/alice')).toBe(MLSD_DIR_MARKER);
    expect(parseMlsdLine('type=pdir;modify=20240131120000; ..')).toBe(MLSD_DIR_MARKER);
    expect(parseMlsdLine('Type=CDir; .')).toBe(MLSD_DIR_MARKER);
  });

  it('proftpd slink with target, also with spaces in the target', () => {
    expect(parseMlsdLine('type=OS.unix=slink:/var/www/html;modify=20240131120000;UNIX.mode=0777; www')).toMatchObject({
      name: 'www',
      type: 'link',
      linkTarget: '/var/www/html',
      permissions: 'rwxrwxrwx',
    });
    expect(parseMlsdLine('type=OS.unix=slink:/srv/my files;size=10; my link')).toMatchObject({
      name: 'my link',
      linkTarget: '/srv/my files',
      size: 10,
    });
    expect(parseMlsdLine('type=OS.unix=slink; no target')).toMatchObject({ type: 'link', linkTarget: null });
  });

  it('OS.unix=symlink (RFC 3659 errata style) and unknown OS types', () => {
    expect(parseMlsdLine('type=OS.UNIX=symlink; 76b MLSD symlink')).toMatchObject({ name: '76b MLSD symlink', type: 'link', linkTarget: null });
    expect(parseMlsdLine('type=OS.unix=chr-1/3; tty')).toMatchObject({ type: 'other' });
  });

  it('fact names and type values are case-insensitive', () => {
    expect(parseMlsdLine('Type=File;mOdIfY=20081105165215;SIZE=1234; 72-MLSD-file')).toMatchObject({
      type: 'file',
      size: 1234,
      modified: utc(2008, 10, 5, 16, 52, 15),
    });
  });

  it('a name with semicolons, equals signs and spaces', () => {
    expect(entryOf('type=file;size=5; weird; name =x.txt ').name).toBe('weird; name =x.txt ');
  });

  it('keeps a leading space in the name and reads a fact-less line', () => {
    expect(entryOf('type=file;  lead').name).toBe(' lead');
    expect(parseMlsdLine(' only name')).toMatchObject({ name: 'only name', type: 'file', size: null });
  });

  it('accepts old drafts without a final semicolon and a tab separator', () => {
    expect(entryOf('type=file 77 MLSD file').name).toBe('77 MLSD file');
    expect(parseMlsdLine('size=1365694195;type=file;modify=20090722092510;\tadsl TV 2009-07-22')).toMatchObject({
      name: 'adsl TV 2009-07-22',
      size: 1365694195,
    });
  });

  it('missing or broken values become null, not a failure', () => {
    expect(parseMlsdLine('type=file;size=abc;modify=20241340000000;UNIX.mode=9z; f')).toMatchObject({
      size: null,
      modified: null,
      permissions: null,
    });
    expect(parseMlsdLine('modify=20240101000000; no type')).toMatchObject({ type: 'file' });
  });

  it('pre-epoch dates', () => {
    expect(entryOf('Type=file;mOdIfY=19681105165215;size=1234; old').modified).toBe(utc(1968, 10, 5, 16, 52, 15));
  });

  it.each(['', 'garbage', 'type=file;', 'type=file;size=1', '=x; name', 'type=file;;x', ';type=file; a', 'type file; a', '-rw-r--r-- 1 u g 1 Nov 21 09:37 x'])(
    'rejects %j',
    (line) => {
      expect(parseMlsdLine(line)).toBeNull();
    },
  );
});

describe('parseMlsdTime', () => {
  it('reads RFC 3659 times as UTC', () => {
    expect(parseMlsdTime('19980615100045.014')).toBe(utc(1998, 5, 15, 10, 0, 45, 14));
    expect(parseMlsdTime('20240229235959')).toBe(utc(2024, 1, 29, 23, 59, 59));
    expect(parseMlsdTime('202402291230')).toBe(utc(2024, 1, 29, 12, 30));
    expect(parseMlsdTime('20240229')).toBe(utc(2024, 1, 29));
  });

  it('rejects impossible times', () => {
    expect(parseMlsdTime('20230229000000')).toBeNull();
    expect(parseMlsdTime('2024013112000')).toBeNull();
    expect(parseMlsdTime('20240131250000')).toBeNull();
    expect(parseMlsdTime('')).toBeNull();
  });
});

describe('unixModeToString', () => {
  it.each([
    ['0644', 'rw-r--r--'],
    ['755', 'rwxr-xr-x'],
    ['100644', 'rw-r--r--'],
    ['4755', 'rwsr-xr-x'],
    ['4644', 'rwSr--r--'],
    ['2750', 'rwxr-s---'],
    ['2740', 'rwxr-S---'],
    ['1777', 'rwxrwxrwt'],
    ['1666', 'rw-rw-rwT'],
    ['00', '---------'],
  ])('%s → %s', (mode, expected) => {
    expect(unixModeToString(mode)).toBe(expected);
  });

  it.each(['', '0x12', '8', 'rwx', '12345678'])('rejects %j', (mode) => {
    expect(unixModeToString(mode)).toBeNull();
  });
});
