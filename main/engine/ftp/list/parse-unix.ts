/**
 * One `ls -l` style line → `Entry`.
 *
 * Why by hand: RFC 959 never specified `LIST` output; nearly every server
 * (vsftpd, proftpd, pure-ftpd, busybox, IIS "Unix" style, NetWare) imitates
 * `ls -l`, each a little differently. The parser tokenises once and tries the
 * owner/group field with 3, 2, 1 and 0 words, like FileZilla, so a missing
 * group or a Windows owner with spaces still lines up. No regex runs over the
 * whole line, so a hostile line costs linear time.
 */
import type { Entry, EntryType } from '../../../../shared/model/entry.js';
import { inferYear, type CalendarDay } from './infer-year.js';
import { createZonedClock, type ZonedClock } from './zoned-time.js';

/** What a line parser needs to turn printed local times into instants. */
export interface LineContext {
  readonly clock: ZonedClock;
  /** Today on the server's calendar, for dates printed without a year. */
  readonly today: CalendarDay;
}

type Token = { readonly text: string; readonly start: number; readonly end: number };

function isSeparator(code: number): boolean {
  return code === 32 || code === 9;
}

/** The first `max` space/tab separated tokens of `line`. */
function tokenize(line: string, max: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (tokens.length < max) {
    while (i < line.length && isSeparator(line.charCodeAt(i))) i++;
    if (i >= line.length) break;
    const start = i;
    while (i < line.length && !isSeparator(line.charCodeAt(i))) i++;
    tokens.push({ text: line.slice(start, i), start, end: i });
  }
  return tokens;
}

const MONTHS = new Map<string, number>();
[
  'jan january janv jän gen ene sty',
  'feb february févr fevr fév fev',
  'mar march mär märz mrz mars mrt',
  'apr april avr abr',
  'may mai mag mei maj',
  'jun june juni juin giu',
  'jul july juli juil lug',
  'aug august août aout ago',
  'sep sept september set',
  'oct october okt ott out',
  'nov november',
  'dec december dez déc dic',
].forEach((names, index) => names.split(' ').forEach((name) => MONTHS.set(name, index + 1)));

/** English month abbreviations plus the German, French, Italian, Spanish, Dutch and Portuguese ones FileZilla has seen. */
function monthOf(text: string): number | null {
  return MONTHS.get(text.toLowerCase().replace(/[.,]{1,2}$/, '')) ?? null;
}

function dayOf(text: string): number | null {
  const match = /^(\d{1,2})[.,]?$/.exec(text);
  const day = match ? Number(match[1]) : 0;
  return day >= 1 && day <= 31 ? day : null;
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const YEAR = /^\d{4}$/;
const ISO_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const ZONE = /^([+-])(\d{2})(\d{2})$/;
const UTC = createZonedClock('UTC');

/** `modified` is null when the fields form no real date (Feb 30); `next` indexes the token after the date. */
type ParsedDate = { modified: number | null; next: number };

function clockTime(match: RegExpExecArray): { hour: number; minute: number; second: number; millisecond: number } {
  return {
    hour: Number(match[1]),
    minute: Number(match[2]),
    second: Number(match[3] ?? 0),
    millisecond: Number((match[4] ?? '0').padEnd(3, '0').slice(0, 3)),
  };
}

/**
 * Dates `ls` and its imitators print: `Nov 21 09:37` / `Nov 21  2023`
 * (POSIX), `21 Nov 09:37` and `26. Juli, 20:10` (localised servers),
 * `Oct 08, 2002 09:47` (VShell), `2024-01-31 12:00` (`ls --time-style=long-iso`)
 * and `2024-01-31 12:00:00.000000000 +0100` (full-iso, whose offset wins over
 * the configured zone).
 */
function parseDate(tokens: Token[], i: number, ctx: LineContext): ParsedDate | null {
  const first = tokens[i]?.text;
  const second = tokens[i + 1]?.text;
  if (first === undefined || second === undefined) return null;
  const iso = ISO_DATE.exec(first);
  if (iso) {
    const date = { year: Number(iso[1]), month: Number(iso[3]), day: Number(iso[4]) };
    const time = TIME.exec(second);
    if (!time) return { modified: ctx.clock.toEpochMs({ ...date, hour: 0, minute: 0 }), next: i + 1 };
    const wall = { ...date, ...clockTime(time) };
    const zone = ZONE.exec(tokens[i + 2]?.text ?? '');
    if (!zone) return { modified: ctx.clock.toEpochMs(wall), next: i + 2 };
    const utc = UTC.toEpochMs(wall);
    const offset = (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) * 60_000;
    return { modified: utc === null ? null : utc - offset, next: i + 3 };
  }
  let month = monthOf(first);
  let day = dayOf(second);
  const monthFirst = month !== null && day !== null;
  if (!monthFirst) {
    month = monthOf(second);
    day = dayOf(first);
  }
  const third = tokens[i + 2]?.text;
  if (month === null || day === null || third === undefined) return null;
  const time = TIME.exec(third);
  if (time) {
    const year = inferYear(month, day, ctx.today);
    return { modified: ctx.clock.toEpochMs({ year, month, day, ...clockTime(time) }), next: i + 3 };
  }
  if (!YEAR.test(third)) return null;
  const year = Number(third);
  const late = monthFirst && second.endsWith(',') ? TIME.exec(tokens[i + 3]?.text ?? '') : null;
  const when = late ? clockTime(late) : { hour: 0, minute: 0 };
  return { modified: ctx.clock.toEpochMs({ year, month, day, ...when }), next: late ? i + 4 : i + 3 };
}

const PERMISSIONS = /^([-dlcbpsDnw?])([-rwxsStTlLeE]{9})[+.@]?$/;
const NETWARE_RIGHTS = /^\[[A-Za-z-]+\]$/;
const DEVICE_MAJOR = /^\d+,$/;

function typeOf(char: string): EntryType {
  return char === 'd' ? 'dir' : char === 'l' ? 'link' : char === '-' ? 'file' : 'other';
}

/** Size field, or the `major, minor` / `major,minor` pair of device files (no byte size). */
function parseSize(tokens: Token[], i: number): { size: number | null; next: number } | null {
  const text = tokens[i]?.text ?? '';
  if (/^\d+$/.test(text)) return { size: Number(text), next: i + 1 };
  if (/^\d+,\d+$/.test(text)) return { size: null, next: i + 1 };
  if (DEVICE_MAJOR.test(text) && /^\d+$/.test(tokens[i + 1]?.text ?? '')) return { size: null, next: i + 2 };
  return null;
}

/**
 * Parses one `ls -l` line, or returns null when it is not one. `.`/`..` and
 * names with `/` are returned as they are; `parseListing` filters them.
 * Leading `ls -i`/`-s` numbers are skipped. Owner and group may be 0–3 words
 * (pure-ftpd omits the group on some setups, IIS can print `domain user`).
 * The name keeps leading spaces: `ls` prints exactly one space before it.
 */
export function parseUnixLine(line: string, ctx: LineContext): Entry | null {
  const tokens = tokenize(line, 16);
  let index = 0;
  while (index < 2 && /^\d+$/.test(tokens[index]?.text ?? '') && tokens[index + 1]) index++;
  const head = tokens[index]?.text ?? '';
  let permissions: string;
  let typeChar: string;
  const unix = PERMISSIONS.exec(head);
  if (unix) {
    typeChar = unix[1] ?? '';
    permissions = unix[2] ?? '';
    index++;
  } else if ((head === 'd' || head === '-') && NETWARE_RIGHTS.test(tokens[index + 1]?.text ?? '')) {
    typeChar = head;
    permissions = tokens[index + 1]?.text ?? '';
    index += 2;
  } else {
    return null;
  }
  if (unix && /^\d+$/.test(tokens[index]?.text ?? '')) index++; // link count
  words: for (let words = 3; words >= 0; words--) {
    for (let w = index; w < index + words; w++) {
      const word = tokens[w]?.text;
      if (word === undefined || DEVICE_MAJOR.test(word)) continue words;
    }
    const size = parseSize(tokens, index + words);
    if (!size) continue;
    const date = parseDate(tokens, size.next, ctx);
    const last = date ? tokens[date.next - 1] : undefined;
    if (!date || date.modified === null || !last || !tokens[date.next]) continue;
    const type = typeOf(typeChar);
    // `ls` prints one space before the name; NetWare pads the column instead.
    let name = unix ? line.slice(last.end + 1) : line.slice(last.end).replace(/^[ \t]+/, '');
    let linkTarget: string | null = null;
    if (type === 'link') {
      const arrow = name.indexOf(' -> ');
      if (arrow >= 0) {
        linkTarget = name.slice(arrow + 4);
        name = name.slice(0, arrow);
      }
    } else if (type === 'dir' && name.length > 1 && name.endsWith('/')) {
      name = name.slice(0, -1); // `ls -F` style classifier
    }
    return {
      name,
      type,
      size: typeChar === 'c' || typeChar === 'b' ? null : size.size,
      modified: date.modified,
      permissions,
      owner: words > 0 ? (tokens[index]?.text ?? null) : null,
      group: words > 1 ? tokens.slice(index + 1, index + words).map((token) => token.text).join(' ') : null,
      linkTarget,
    };
  }
  return null;
}
