/**
 * One DOS/Windows style line → `Entry`.
 *
 * Why: Microsoft IIS FTP answers `LIST` in "MS-DOS" style by default
 * (`01-31-24  01:05PM       <DIR>          folder name`), and other Windows
 * servers copy `dir`: 24-hour clocks, four-digit or ISO years, thousands
 * separators in sizes. None of it carries permissions or owners.
 */
import type { Entry, EntryType } from '../../../../shared/model/entry.js';
import type { ZonedClock } from './zoned-time.js';

/** `MM-DD-YY`, `MM/DD/YYYY`, `DD.MM.YYYY` (European locales) or `YYYY-MM-DD`. */
const SHORT_DATE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/;
const LONG_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?([AaPp][Mm])?$/;
const MERIDIEM = /^[AaPp][Mm]$/;
const SIZE = /^(?:\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+)$/;
const LINK_KINDS = new Set(['<junction>', '<symlinkd>', '<symlink>']);

/** Two-digit years as POSIX `strptime` reads them: 69–99 → 19xx, 00–68 → 20xx. */
function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? (year >= 69 ? 1900 + year : 2000 + year) : year;
}

function parseDate(text: string): { year: number; month: number; day: number } | null {
  const long = LONG_DATE.exec(text);
  if (long) return { year: Number(long[1]), month: Number(long[3]), day: Number(long[4]) };
  const short = SHORT_DATE.exec(text);
  if (!short) return null;
  const first = Number(short[1]);
  const second = Number(short[3]);
  const year = fullYear(short[4] ?? '');
  // Dots mean day first (German/Russian Windows); otherwise US order unless the first field cannot be a month.
  const dayFirst = short[2] === '.' || first > 12;
  return dayFirst ? { year, month: second, day: first } : { year, month: first, day: second };
}

function to24Hour(hour: number, meridiem: string | undefined): number | null {
  if (meridiem === undefined) return hour;
  if (hour < 1 || hour > 12) return null;
  const pm = meridiem.toLowerCase() === 'pm';
  return (hour % 12) + (pm ? 12 : 0);
}

interface Cursor {
  readonly line: string;
  pos: number;
}

/** Next space/tab separated word, advancing the cursor; null at the end. */
function nextWord(cursor: Cursor): string | null {
  const { line } = cursor;
  while (cursor.pos < line.length && (line[cursor.pos] === ' ' || line[cursor.pos] === '\t')) cursor.pos++;
  const start = cursor.pos;
  while (cursor.pos < line.length && line[cursor.pos] !== ' ' && line[cursor.pos] !== '\t') cursor.pos++;
  return cursor.pos > start ? line.slice(start, cursor.pos) : null;
}

/**
 * Parses one DOS/IIS line, or returns null when it is not one. AM/PM may be
 * glued to the time (IIS) or a separate word. `<DIR>` gives a folder with no
 * size; `<JUNCTION>`/`<SYMLINKD>` (Windows `dir`) give a link, with the
 * `[target]` suffix as its target. The name is everything after the size
 * column with leading blanks dropped (the column is space-padded, so a
 * leading space in a name cannot be told apart).
 */
export function parseDosLine(line: string, clock: ZonedClock): Entry | null {
  const cursor: Cursor = { line, pos: 0 };
  const date = parseDate(nextWord(cursor) ?? '');
  const time = TIME.exec(nextWord(cursor) ?? '');
  if (!date || !time) return null;
  let meridiem = time[4];
  let kind = nextWord(cursor);
  if (meridiem === undefined && kind !== null && MERIDIEM.test(kind)) {
    meridiem = kind;
    kind = nextWord(cursor);
  }
  const hour = to24Hour(Number(time[1]), meridiem);
  if (hour === null || kind === null) return null;
  let type: EntryType;
  let size: number | null = null;
  const lowerKind = kind.toLowerCase();
  if (lowerKind === '<dir>') type = 'dir';
  else if (LINK_KINDS.has(lowerKind)) type = 'link';
  else if (SIZE.test(kind)) {
    type = 'file';
    size = Number(kind.replace(/[,.]/g, ''));
  } else return null;
  let name = line.slice(cursor.pos).replace(/^[ \t]+/, '');
  if (name === '') return null;
  let linkTarget: string | null = null;
  if (type === 'link' && name.endsWith(']')) {
    const open = name.lastIndexOf(' [');
    if (open > 0) {
      linkTarget = name.slice(open + 2, -1);
      name = name.slice(0, open);
    }
  }
  const modified = clock.toEpochMs({ ...date, hour, minute: Number(time[2]), second: Number(time[3] ?? 0) });
  if (modified === null) return null; // 13-45-24 is not a date: not a DOS line
  return { name, type, size, modified, permissions: null, owner: null, group: null, linkTarget };
}
