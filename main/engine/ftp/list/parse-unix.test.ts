import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../../shared/model/entry.js';
import { parseUnixLine, type LineContext } from './parse-unix.js';
import { createZonedClock } from './zoned-time.js';

const utc = Date.UTC;
const ctx: LineContext = { clock: createZonedClock('UTC'), today: { year: 2024, month: 6, day: 15 } };

function entry(partial: Partial<Entry> & Pick<Entry, 'name'>): Entry {
  return {
    type: 'file',
    size: null,
    modified: null,
    permissions: null,
    owner: null,
    group: null,
    linkTarget: null,
    ...partial,
  };
}

describe('parseUnixLine: real servers', () => {
  it('vsftpd file with numeric ids and a recent date', () => {
    expect(parseUnixLine('-rw-r--r--    1 1000     1000           13 Nov 21 09:37 readme.txt', ctx)).toEqual(
      entry({
        name: 'readme.txt',
        size: 13,
        modified: utc(2023, 10, 21, 9, 37),
        permissions: 'rw-r--r--',
        owner: '1000',
        group: '1000',
      }),
    );
  });

  it('vsftpd folder with a year', () => {
    expect(parseUnixLine('drwxr-xr-x    2 ftp      ftp          4096 Jan 05  2023 pub', ctx)).toEqual(
      entry({ name: 'pub', type: 'dir', size: 4096, modified: utc(2023, 0, 5), permissions: 'rwxr-xr-x', owner: 'ftp', group: 'ftp' }),
    );
  });

  it('proftpd file whose name has spaces', () => {
    expect(parseUnixLine('-rw-r--r--   1 alice    staff     1048576 Mar  3 14:02 big  file v2.bin', ctx)).toEqual(
      entry({
        name: 'big  file v2.bin',
        size: 1048576,
        modified: utc(2024, 2, 3, 14, 2),
        permissions: 'rw-r--r--',
        owner: 'alice',
        group: 'staff',
      }),
    );
  });

  it('proftpd symlink with target, dated Feb 29', () => {
    expect(parseUnixLine('lrwxrwxrwx   1 root     root           11 Feb 29 10:00 latest -> release-1.2/bin', ctx)).toEqual(
      entry({
        name: 'latest',
        type: 'link',
        size: 11,
        modified: utc(2024, 1, 29, 10, 0),
        permissions: 'rwxrwxrwx',
        owner: 'root',
        group: 'root',
        linkTarget: 'release-1.2/bin',
      }),
    );
  });

  it('pure-ftpd wide columns', () => {
    const parsed = parseUnixLine('-rw-r--r--    1 1000       1000             13 Jun 16 23:59 notes.md', ctx);
    expect(parsed?.modified).toBe(utc(2024, 5, 16, 23, 59));
    expect(parsed?.size).toBe(13);
  });

  it('IIS in Unix mode', () => {
    expect(parseUnixLine('drwxrwxrwx   1 owner    group               0 Dec 31  2023 archive', ctx)).toEqual(
      entry({ name: 'archive', type: 'dir', size: 0, modified: utc(2023, 11, 31), permissions: 'rwxrwxrwx', owner: 'owner', group: 'group' }),
    );
    expect(parseUnixLine('-rwxrwxrwx   1 owner    group         1234567 Jan 15 10:30 report.pdf', ctx)?.modified).toBe(
      utc(2024, 0, 15, 10, 30),
    );
  });

  it('busybox', () => {
    expect(parseUnixLine('-rw-r--r--    1 0        0             1234 Jan  1 00:00 busybox.conf', ctx)).toEqual(
      entry({ name: 'busybox.conf', size: 1234, modified: utc(2024, 0, 1), permissions: 'rw-r--r--', owner: '0', group: '0' }),
    );
  });

  it('Windows domain owner (three words)', () => {
    const parsed = parseUnixLine('-rw-r--r--   1 group domain user 531 Jan 29 03:26 unix-domain file', ctx);
    expect(parsed).toMatchObject({ name: 'unix-domain file', owner: 'group', group: 'domain user', size: 531 });
  });
});

describe('parseUnixLine: fields', () => {
  it('missing group', () => {
    expect(parseUnixLine('dr-xr-xr-x   2 root                  512 Apr  8  1994 nogroup dir', ctx)).toEqual(
      entry({ name: 'nogroup dir', type: 'dir', size: 512, modified: utc(1994, 3, 8), permissions: 'r-xr-xr-x', owner: 'root' }),
    );
  });

  it('missing owner and group', () => {
    expect(parseUnixLine('-r--r--r-- 0125039 12 Nov 11 2005 noownergroup file', ctx)).toMatchObject({
      name: 'noownergroup file',
      size: 12,
      owner: null,
      group: null,
      modified: utc(2005, 10, 11),
    });
  });

  it('NetPresenz: no link count, numeric owner', () => {
    expect(parseUnixLine('-------r--         326  1391972  1392298 Nov 22  1995 netpresenz file', ctx)).toMatchObject({
      name: 'netpresenz file',
      size: 1392298,
      owner: '1391972',
      permissions: '------r--',
    });
    expect(parseUnixLine('drwxrwxr-x               folder        2 May 10  1996 netpresenz dir', ctx)).toMatchObject({
      name: 'netpresenz dir',
      type: 'dir',
      size: 2,
      owner: 'folder',
    });
  });

  it('NetWare rights and padded name column', () => {
    expect(parseUnixLine('d [R----F--] supervisor            512       Jan 16 18:53    netware dir', ctx)).toEqual(
      entry({ name: 'netware dir', type: 'dir', size: 512, modified: utc(2024, 0, 16, 18, 53), permissions: '[R----F--]', owner: 'supervisor' }),
    );
  });

  it.each([
    ['-rw-r--r--+   1 patrick  staff   1057 Dec 11 14:35 acl.txt', 'rw-r--r--'],
    ['drwxr-xr-x.  2 root     root        6 Apr 11  2018 selinux', 'rwxr-xr-x'],
    ['-rw-r--r--@  1 me       staff     10 Apr 11  2018 xattr', 'rw-r--r--'],
    ['-rwsr-sr-t   1 root     root      10 Apr 11  2018 special', 'rwsr-sr-t'],
    ['-rwSr-Sr-T   1 root     root      10 Apr 11  2018 special2', 'rwSr-Sr-T'],
  ])('permission suffixes and special bits: %s', (line, permissions) => {
    expect(parseUnixLine(line, ctx)?.permissions).toBe(permissions);
  });

  it('device files have no byte size', () => {
    expect(parseUnixLine('crw-rw-rw-   1 root     root       1,   3 Nov 21 09:37 null', ctx)).toEqual(
      entry({ name: 'null', type: 'other', modified: utc(2023, 10, 21, 9, 37), permissions: 'rw-rw-rw-', owner: 'root', group: 'root' }),
    );
    expect(parseUnixLine('brw-rw----   1 root     disk       8,0 Nov 21 09:37 sda', ctx)).toMatchObject({
      type: 'other',
      size: null,
      group: 'disk',
    });
  });

  it('pipes and sockets are "other"', () => {
    expect(parseUnixLine('prw-r--r--   1 root root 0 Nov 21 09:37 fifo', ctx)).toMatchObject({ type: 'other', size: 0 });
    expect(parseUnixLine('srwxrwxrwx   1 root root 0 Nov 21 09:37 sock', ctx)).toMatchObject({ type: 'other', name: 'sock' });
  });

  it('keeps leading and trailing spaces and unicode in names', () => {
    expect(parseUnixLine('-rw-r--r-- 1 u g 5 Nov 21 09:37  two leading', ctx)?.name).toBe(' two leading');
    expect(parseUnixLine('-rw-r--r-- 1 u g 5 Nov 21 09:37 trailing  ', ctx)?.name).toBe('trailing  ');
    expect(parseUnixLine('-rw-r--r-- 1 u g 5 Nov 21 09:37 Ünïcödé 文件 📁.txt', ctx)?.name).toBe('Ünïcödé 文件 📁.txt');
  });

  it('a link without an arrow has no target; an arrow in a file name stays', () => {
    expect(parseUnixLine('lrwxrwxrwx 1 u g 5 Nov 21 09:37 dangling', ctx)).toMatchObject({ name: 'dangling', linkTarget: null });
    expect(parseUnixLine('-rw-r--r-- 1 u g 5 Nov 21 09:37 a -> b', ctx)).toMatchObject({ name: 'a -> b', linkTarget: null });
  });

  it('skips ls -i / -s numbers before the permissions', () => {
    expect(parseUnixLine(' 1234567  8 -rw-r--r-- 1 u g 5 Nov 21 09:37 inode', ctx)).toMatchObject({ name: 'inode', size: 5 });
  });

  it('drops an ls -F slash after a folder name', () => {
    expect(parseUnixLine('drwxr-xr-x 2 u g 4096 Nov 21 09:37 folder/', ctx)?.name).toBe('folder');
  });

  it('keeps size precision up to 2^53', () => {
    expect(parseUnixLine('-rw-r--r-- 1 u g 9007199254740991 Nov 21 09:37 huge', ctx)?.size).toBe(9007199254740991);
  });
});

describe('parseUnixLine: dates', () => {
  it('applies the server zone: 09:37 in Berlin is 08:37 UTC', () => {
    const berlin: LineContext = { clock: createZonedClock('Europe/Berlin'), today: ctx.today };
    expect(parseUnixLine('-rw-r--r-- 1 u g 13 Nov 21 09:37 readme.txt', berlin)?.modified).toBe(utc(2023, 10, 21, 8, 37));
    expect(parseUnixLine('-rw-r--r-- 1 u g 13 Jun 14 09:37 summer.txt', berlin)?.modified).toBe(utc(2024, 5, 14, 7, 37));
  });

  it('infers the year from today', () => {
    const january: LineContext = { clock: ctx.clock, today: { year: 2025, month: 1, day: 2 } };
    expect(parseUnixLine('-rw-r--r-- 1 u g 1 Dec 31 23:00 late', january)?.modified).toBe(utc(2024, 11, 31, 23, 0));
    expect(parseUnixLine('-rw-r--r-- 1 u g 1 Jan  3 08:00 tomorrow', january)?.modified).toBe(utc(2025, 0, 3, 8, 0));
  });

  it('ISO dates (ls --time-style=long-iso and full-iso)', () => {
    expect(parseUnixLine('-rw-r--r-- 1 root root 531 2024-01-31 12:00 iso file', ctx)?.modified).toBe(utc(2024, 0, 31, 12, 0));
    const berlin: LineContext = { clock: createZonedClock('Europe/Berlin'), today: ctx.today };
    expect(parseUnixLine('-rw-r--r-- 1 root root 531 2024-01-31 12:00 iso file', berlin)?.modified).toBe(utc(2024, 0, 31, 11, 0));
    const full = '-rw-r--r-- 1 root root 531 2024-01-31 12:00:00.123456789 +0530 full iso';
    expect(parseUnixLine(full, berlin)).toMatchObject({ name: 'full iso', modified: utc(2024, 0, 31, 6, 30, 0, 123) });
    expect(parseUnixLine('-r-xr-xr-x 2 root root 96 2004.07.15 dotted', ctx)).toMatchObject({ name: 'dotted', modified: utc(2004, 6, 15) });
  });

  it('day before month, localised months, VShell year-and-time', () => {
    expect(parseUnixLine('drwxrwxrwx   1 0        0               0 29 Jul 02:27 2014 Invoices', ctx)).toMatchObject({
      name: '2014 Invoices',
      modified: utc(2023, 6, 29, 2, 27),
    });
    expect(parseUnixLine('drwxr-xr-x 3 user group 512 01 oct 2004 swapped', ctx)?.modified).toBe(utc(2004, 9, 1));
    expect(parseUnixLine('dr-xr-xr-x   2 root     other      2235 26. Juli, 20:10 ger dir', ctx)).toMatchObject({
      name: 'ger dir',
      modified: utc(2023, 6, 26, 20, 10),
    });
    expect(parseUnixLine('-r-xr-xr-x   2 root     other      2235 2.   Okt.  2003 ger file', ctx)?.modified).toBe(utc(2003, 9, 2));
    expect(parseUnixLine('drwxr-xr-x 6 user sys 1024 30. Jan., 12:40 localized', ctx)?.modified).toBe(utc(2024, 0, 30, 12, 40));
    expect(parseUnixLine('-rwxr-xr-x    1 user group        9 Oct 08, 2002 09:47 vshell file', ctx)).toMatchObject({
      name: 'vshell file',
      modified: utc(2002, 9, 8, 9, 47),
    });
  });

  it('reads 24:00 as next midnight', () => {
    expect(parseUnixLine('-rw-------      1  99999999 0              3 Apr   4 24:00 alternate_midnight', ctx)).toMatchObject({
      name: 'alternate_midnight',
      owner: '99999999',
      group: '0',
      modified: utc(2024, 3, 5, 0, 0),
    });
  });
});

describe('parseUnixLine: not Unix', () => {
  it.each([
    '',
    'hello world',
    '-rw-r--r-- 1 u g 13 Nov 21 09:37',
    '-rw-r--r-- 1 u g 13 Nov 21 09:37 ',
    '-rw-r--r-- 1 u g abc Nov 21 09:37 x',
    '-rw-r--r-- 1 u g 13 Foo 21 09:37 x',
    '-rw-r--r-- 1 u g 13 Feb 30 09:37 x',
    '-rw-r--r-- 1 u g 13 Nov 32 09:37 x',
    '-rw-r--r-- 1 u g 13 Nov 21 25:10 x',
    '-rw-r--r-- 1 u g 13 Nov 21 9.37 x',
    'xrw-r--r-- 1 u g 13 Nov 21 09:37 x',
    '-rw-r--r-x-x 1 u g 13 Nov 21 09:37 x',
    '-rw-r--r-- 1 a b c d 13 Nov 21 09:37 x',
    'drwxr-xr-x 3 slopri devlab 512 no-date',
    '01-31-24  01:05PM       <DIR>          folder',
    'type=file;size=1; name',
  ])('rejects %j', (line) => {
    expect(parseUnixLine(line, ctx)).toBeNull();
  });
});
