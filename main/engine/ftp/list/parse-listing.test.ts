import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../../shared/errors.js';
import { parseListing } from './parse-listing.js';

const utc = Date.UTC;
const now = new Date(Date.UTC(2024, 5, 15, 12, 0));

describe('parseListing: LIST', () => {
  it('parses a vsftpd listing with CRLF, total, . and ..', () => {
    const raw = [
      'total 24',
      'drwxr-xr-x    3 1000     1000         4096 Nov 21 09:37 .',
      'drwxr-xr-x    3 0        0            4096 Jan 05  2023 ..',
      '-rw-r--r--    1 1000     1000           13 Nov 21 09:37 readme.txt',
      'drwxr-xr-x    2 1000     1000         4096 Jun 16 10:00 src',
      'lrwxrwxrwx    1 1000     1000            3 Jun 01 08:00 cur -> src',
      '',
    ].join('\r\n');
    const { entries, skipped } = parseListing(raw, { now });
    expect(skipped).toEqual([]);
    expect(entries.map((e) => [e.name, e.type, e.modified, e.linkTarget])).toEqual([
      ['readme.txt', 'file', utc(2023, 10, 21, 9, 37), null],
      ['src', 'dir', utc(2024, 5, 16, 10, 0), null],
      ['cur', 'link', utc(2024, 5, 1, 8, 0), 'src'],
    ]);
  });

  it('mixes Unix, DOS and MLSD-looking lines, one parser per line', () => {
    const raw = [
      '-rw-r--r-- 1 ftp ftp 5 Nov 21 09:37 unix.txt',
      '01-31-24  01:05PM       <DIR>          dos folder',
      '12-01-2023  11:00AM  12345 dos.txt',
      'type=file;size=7;modify=20240131120000; mlsd.txt',
    ].join('\n');
    const { entries, skipped } = parseListing(raw, { now });
    expect(skipped).toEqual([]);
    expect(entries.map((e) => [e.name, e.type, e.size])).toEqual([
      ['unix.txt', 'file', 5],
      ['dos folder', 'dir', null],
      ['dos.txt', 'file', 12345],
      ['mlsd.txt', 'file', 7],
    ]);
  });

  it('reports lines it cannot read, raw and without the line break', () => {
    const raw = 'total 12K\ninsgesamt 8\n   \nsomething odd\r\n-rw-r--r-- 1 u g 13 Nov 21 09:37 ok\nAnother odd one';
    const { entries, skipped } = parseListing(raw, { now });
    expect(entries.map((e) => e.name)).toEqual(['ok']);
    expect(skipped).toEqual(['something odd', 'Another odd one']);
  });

  it('refuses names with a slash, NUL, or nothing, and link targets with NUL', () => {
    const raw = [
      '-rw-r--r-- 1 u g 5 Nov 21 09:37 ../../etc/passwd',
      '-rw-r--r-- 1 u g 5 Nov 21 09:37 a/b',
      '-rw-r--r-- 1 u g 5 Nov 21 09:37 nul\0name',
      'lrwxrwxrwx 1 u g 5 Nov 21 09:37 l -> t\0x',
      'lrwxrwxrwx 1 u g 5 Nov 21 09:37  -> target',
      '01-31-24  01:05PM  5 dos/slash',
      '-rw-r--r-- 1 u g 5 Nov 21 09:37 fine\\back',
    ];
    const { entries, skipped } = parseListing(raw.join('\n'), { now });
    expect(entries.map((e) => e.name)).toEqual(['fine\\back']);
    expect(skipped).toEqual(raw.slice(0, 6));
  });

  it('reads times in the server zone: Nov 21 09:37 in Berlin is 08:37 UTC', () => {
    const { entries } = parseListing('-rw-r--r-- 1 u g 13 Nov 21 09:37 readme.txt', { now, timezone: 'Europe/Berlin' });
    expect(entries[0]?.modified).toBe(utc(2023, 10, 21, 8, 37));
  });

  it('infers years from the injected now, across New Year', () => {
    const raw = '-rw-r--r-- 1 u g 1 Dec 31 23:00 old\n-rw-r--r-- 1 u g 1 Jan  2 10:00 today';
    const { entries } = parseListing(raw, { now: new Date(Date.UTC(2025, 0, 2, 9, 0)) });
    expect(entries.map((e) => e.modified)).toEqual([utc(2024, 11, 31, 23, 0), utc(2025, 0, 2, 10, 0)]);
    const june = parseListing('-rw-r--r-- 1 u g 1 Jun  2 10:00 soon\n-rw-r--r-- 1 u g 1 Jun  5 10:00 later', {
      now: new Date(Date.UTC(2025, 5, 1, 12, 0)),
    });
    expect(june.entries.map((e) => e.modified)).toEqual([utc(2025, 5, 2, 10, 0), utc(2024, 5, 5, 10, 0)]);
  });

  it('uses "now" in the server zone for the year', () => {
    // 23:30 UTC on Dec 31 is already Jan 1 in Berlin: "Jan 2" is tomorrow there, a year ago in UTC.
    const raw = '-rw-r--r-- 1 u g 1 Jan  2 10:00 f';
    const at = new Date(Date.UTC(2024, 11, 31, 23, 30));
    expect(parseListing(raw, { now: at, timezone: 'Europe/Berlin' }).entries[0]?.modified).toBe(utc(2025, 0, 2, 9, 0));
    expect(parseListing(raw, { now: at }).entries[0]?.modified).toBe(utc(2024, 0, 2, 10, 0));
  });

  it('throws for an unknown zone before reading, never for a bad now', () => {
    expect(() => parseListing('', { timezone: 'Nowhere/Special' })).toThrow(FerryError);
    expect(() => parseListing('-rw-r--r-- 1 u g 1 Jan  2 10:00 f', { now: new Date(Number.NaN) })).not.toThrow();
  });

  it('handles empty input and a last line without a line break', () => {
    expect(parseListing('')).toEqual({ entries: [], skipped: [] });
    expect(parseListing('\r\n\n').entries).toEqual([]);
    expect(parseListing('12-01-2023  11:00AM  1 last', { now }).entries.map((e) => e.name)).toEqual(['last']);
  });
});

describe('parseListing: MLSD', () => {
  it('drops cdir/pdir, keeps UTC times whatever the zone', () => {
    const raw = [
      'type=cdir;modify=20240131120000;UNIX.mode=0755; /home/alice',
      'type=pdir;modify=20240131120000; ..',
      'type=file;size=13;modify=20240131120000;UNIX.mode=0644;UNIX.owner=1000;UNIX.group=1000; readme.txt',
      'type=OS.unix=slink:/etc/hosts;modify=20240131120000; hosts',
      'type=dir;modify=20240131120000; sub dir',
      'not mlsd at all',
      'type=file;size=1; /abs/path',
      '',
    ].join('\r\n');
    const { entries, skipped } = parseListing(raw, { format: 'mlsd', timezone: 'Asia/Tokyo' });
    expect(entries.map((e) => [e.name, e.type, e.modified, e.linkTarget])).toEqual([
      ['readme.txt', 'file', utc(2024, 0, 31, 12, 0), null],
      ['hosts', 'link', utc(2024, 0, 31, 12, 0), '/etc/hosts'],
      ['sub dir', 'dir', utc(2024, 0, 31, 12, 0), null],
    ]);
    expect(skipped).toEqual(['not mlsd at all', 'type=file;size=1; /abs/path']);
  });

  it('does not treat Unix lines or total lines as MLSD', () => {
    const { entries, skipped } = parseListing('total 4\n-rw-r--r-- 1 u g 1 Nov 21 09:37 x', { format: 'mlsd' });
    expect(entries).toEqual([]);
    expect(skipped).toEqual(['total 4', '-rw-r--r-- 1 u g 1 Nov 21 09:37 x']);
  });
});

/** Deterministic PRNG (mulberry32) so a failing fuzz case can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  '-rw-r--r--', 'drwxr-xr-x', 'lrwxrwxrwx', 'crw-rw-rw-', ' ', '  ', '\t', '1', '1000', 'root', '13', '1,', '3',
  'Nov', '21', '09:37', '2023', '24:00', 'Feb', '29', '2024-01-31', '12:00:00.5', '+0100', '->', '/', '\0', '\r', '\n',
  '01-31-24', '01:05PM', 'PM', '<DIR>', '<JUNCTION>', '[x]', '9,730', 'type=', 'file', 'cdir', ';', '=', 'OS.unix=slink:',
  'UNIX.mode=', '0755', 'modify=', '20240131120000', 'size=', 'total', '.', '..', 'é', '文件', '📁', '\u0085', '\uFFFF', '\uD800',
];

describe('parseListing: robustness', () => {
  it('never throws and never emits an unsafe name (fuzz)', () => {
    const next = random(20240615);
    for (let round = 0; round < 3000; round++) {
      let raw = '';
      const parts = Math.floor(next() * 40);
      for (let i = 0; i < parts; i++) {
        raw += next() < 0.75
          ? (FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] ?? '')
          : String.fromCharCode(Math.floor(next() * 0x3000));
      }
      for (const format of ['list', 'mlsd'] as const) {
        const { entries, skipped } = parseListing(raw, { format, now, timezone: 'Europe/Berlin' });
        for (const entry of entries) {
          expect(entry.name).not.toBe('');
          expect(entry.name).not.toMatch(/[/\0]/);
          expect(['.', '..']).not.toContain(entry.name);
          expect(entry.modified === null || Number.isFinite(entry.modified)).toBe(true);
        }
        expect(entries.length + skipped.length).toBeLessThanOrEqual(raw.split('\n').length);
      }
    }
  });

  it('parses a 100,000-line listing completely (speed belongs in npm run bench, not here)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      lines.push(`-rw-r--r--    1 1000     1000     ${i} Nov ${(i % 28) + 1} ${String(i % 24).padStart(2, '0')}:37 file-${i}.txt`);
    }
    const { entries, skipped } = parseListing(lines.join('\n'), { now, timezone: 'Europe/Berlin' });
    expect(entries).toHaveLength(100_000);
    expect(skipped).toHaveLength(0);
    expect(entries[99_999]?.name).toBe('file-99999.txt');
  });

  it.each([
    ['spaces', ' '.repeat(2_000_000) + 'x'],
    ['one long token', 'a'.repeat(2_000_000)],
    ['many short tokens', '-rw-r--r-- ' + '1 '.repeat(1_000_000)],
    ['many date-like tokens', '-rw-r--r-- 1 u g 5 ' + 'Nov 21 '.repeat(300_000)],
    ['mlsd without end', 'type=' + 'x='.repeat(1_000_000)],
    ['mlsd many facts', 'a=b;'.repeat(500_000)],
    ['dos prefix', '01-31-24  01:05PM  ' + '9'.repeat(2_000_000)],
  ])('a hostile 2 MB line (%s) is skipped or parsed, never thrown on', (_label, line) => {
    for (const format of ['list', 'mlsd'] as const) {
      const { entries, skipped } = parseListing(line, { format, now });
      expect(entries.length + skipped.length).toBe(1);
    }
  });
});
