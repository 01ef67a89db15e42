import { describe, expect, it } from 'vitest';
import { parseDosLine } from './parse-dos.js';
import { createZonedClock } from './zoned-time.js';

const utc = Date.UTC;
const clock = createZonedClock('UTC');

describe('parseDosLine: IIS and Windows servers', () => {
  it('IIS folder with 12-hour clock', () => {
    expect(parseDosLine('01-31-24  01:05PM       <DIR>          folder name', clock)).toEqual({
      name: 'folder name',
      type: 'dir',
      size: null,
      modified: utc(2024, 0, 31, 13, 5),
      permissions: null,
      owner: null,
      group: null,
      linkTarget: null,
    });
  });

  it('IIS file with four-digit year', () => {
    expect(parseDosLine('12-01-2023  11:00AM  12345 file.txt', clock)).toEqual({
      name: 'file.txt',
      type: 'file',
      size: 12345,
      modified: utc(2023, 11, 1, 11, 0),
      permissions: null,
      owner: null,
      group: null,
      linkTarget: null,
    });
  });

  it('12 AM is midnight, 12 PM is noon', () => {
    expect(parseDosLine('04-27-00  12:09PM       <DIR>          noon', clock)?.modified).toBe(utc(2000, 3, 27, 12, 9));
    expect(parseDosLine('04-06-00  12:15AM                  589 midnight', clock)?.modified).toBe(utc(2000, 3, 6, 0, 15));
    expect(parseDosLine('04-06-00  11:59pm                  589 lower', clock)?.modified).toBe(utc(2000, 3, 6, 23, 59));
  });

  it('24-hour clock with ISO date and thousands separators', () => {
    expect(parseDosLine('2002-09-02  18:48       <DIR>          longyear dir', clock)).toMatchObject({
      type: 'dir',
      name: 'longyear dir',
      modified: utc(2002, 8, 2, 18, 48),
    });
    expect(parseDosLine('2002-09-02  19:06                9,730 longyear file', clock)).toMatchObject({
      size: 9730,
      modified: utc(2002, 8, 2, 19, 6),
    });
  });

  it('European dotted date is day first', () => {
    expect(parseDosLine('31.01.2024  13:05         1.234.567 datei mit leerzeichen.txt', clock)).toMatchObject({
      name: 'datei mit leerzeichen.txt',
      size: 1234567,
      modified: utc(2024, 0, 31, 13, 5),
    });
    expect(parseDosLine('05.04.2024  13:05  1 april', clock)?.modified).toBe(utc(2024, 3, 5, 13, 5));
  });

  it('day-first dashes when the first field cannot be a month', () => {
    expect(parseDosLine('31-01-24  10:00  5 f', clock)?.modified).toBe(utc(2024, 0, 31, 10, 0));
  });

  it('AM/PM as a separate word, seconds, slashes', () => {
    expect(parseDosLine('01/31/2024 01:05 PM 100 spaced.txt', clock)).toMatchObject({ name: 'spaced.txt', modified: utc(2024, 0, 31, 13, 5) });
    expect(parseDosLine('01-31-24  13:05:07  5 secs', clock)?.modified).toBe(utc(2024, 0, 31, 13, 5, 7));
  });

  it('two-digit years pivot at 69 like POSIX strptime', () => {
    expect(parseDosLine('01-01-69  10:00  5 f', clock)?.modified).toBe(utc(1969, 0, 1, 10, 0));
    expect(parseDosLine('01-01-68  10:00  5 f', clock)?.modified).toBe(utc(2068, 0, 1, 10, 0));
  });

  it('junctions and directory symlinks from Windows dir', () => {
    expect(parseDosLine('01-31-24  01:05PM    <JUNCTION>     Application Data [C:\\Users\\me\\AppData\\Roaming]', clock)).toMatchObject({
      type: 'link',
      name: 'Application Data',
      linkTarget: 'C:\\Users\\me\\AppData\\Roaming',
    });
    expect(parseDosLine('01-31-24  13:05    <SYMLINKD>     docs', clock)).toMatchObject({ type: 'link', name: 'docs', linkTarget: null });
  });

  it('applies the server zone', () => {
    expect(parseDosLine('01-31-24  01:05PM  5 f', createZonedClock('Europe/Berlin'))?.modified).toBe(utc(2024, 0, 31, 12, 5));
  });

  it('keeps unicode and trailing spaces, drops the padding before the name', () => {
    expect(parseDosLine('01-31-24  01:05PM  5      Ünïcödé 文件.txt ', clock)?.name).toBe('Ünïcödé 文件.txt ');
  });
});

describe('parseDosLine: not DOS', () => {
  it.each([
    '',
    'hello',
    '01-31-24  01:05PM',
    '01-31-24  01:05PM       <DIR>',
    '01-31-24  01:05PM       <DIR>          ',
    '13-13-24  01:05PM  5 f',
    '02-30-24  01:05PM  5 f',
    '01-31-24  13:05PM  5 f',
    '01-31-24  00:05AM  5 f',
    '01-31-24  xx  5 f',
    '01-31-24  01:05PM  12a f',
    '01-31-24  01:05PM  1,23 f',
    '01-31-24  01:05PM  <FILE> f',
    '1-2-3  01:05  5 f',
    '-rw-r--r-- 1 u g 13 Nov 21 09:37 x',
  ])('rejects %j', (line) => {
    expect(parseDosLine(line, clock)).toBeNull();
  });
});
