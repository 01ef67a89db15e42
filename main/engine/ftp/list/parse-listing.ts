/**
 * Raw FTP listing text → `Entry[]`: the one entry point the FTP adapter calls.
 *
 * Why per line: `LIST` output has no declared format (RFC 959 §4.1.3), and
 * some servers mix styles (a Unix listing with an IIS DOS line, a `LIST` that
 * answers in MLSD). basic-ftp picks one parser from the last line; we try each
 * parser on every line and keep what parses, so one odd line costs one line.
 *
 * Safety: whatever the server sends, this never throws and never lets a name
 * that could escape the folder (`/`, NUL, empty, `.`, `..`) reach the panes.
 * Work is linear in the input size: lines are cut with `indexOf` and each
 * parser scans its line a bounded number of times.
 */
import type { Entry } from '../../../../shared/model/entry.js';
import { todayIn } from './infer-year.js';
import { parseDosLine } from './parse-dos.js';
import { MLSD_DIR_MARKER, parseMlsdLine } from './parse-mlsd.js';
import { parseUnixLine, type LineContext } from './parse-unix.js';
import { createZonedClock } from './zoned-time.js';

export interface ListingParseOptions {
  /** The server's IANA zone for `LIST` times (default `UTC`). MLSD times are UTC by definition and ignore it. */
  timezone?: string;
  /** "Now", for the missing year of recent `ls` dates (default: the current time). */
  now?: Date;
  /** `mlsd` for an MLSD reply, `list` (default) for `LIST` output of any style. */
  format?: 'mlsd' | 'list';
}

export interface ParsedListing {
  entries: Entry[];
  /** Raw lines (without their line break) that did not parse or named something unsafe. */
  skipped: string[];
}

/** `total 123` from `ls -l`, also `total 12K` (`ls -h`) and German `insgesamt 8`: a summary, not an entry. */
const TOTAL = /^[ \t]*(?:total|insgesamt)[ \t]+\d+(?:[.,]\d+)?[KMGTP]?[ \t]*$/i;

type LineResult = Entry | typeof MLSD_DIR_MARKER | null;

function parseListLine(line: string, ctx: LineContext): LineResult {
  const trimmed = line.replace(/^[ \t]+/, '');
  const first = trimmed.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const dos = parseDosLine(trimmed, ctx.clock);
    if (dos) return dos;
  }
  return parseUnixLine(line, ctx) ?? (line.includes('=') ? parseMlsdLine(line) : null);
}

function validDate(date: Date | undefined): Date | null {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date : null;
}

function isSafeName(entry: Entry): boolean {
  return entry.name !== '' && !entry.name.includes('/') && !entry.name.includes('\0') && !(entry.linkTarget ?? '').includes('\0');
}

/**
 * Parses a whole listing. Empty lines and `total N` are ignored; `.`/`..`
 * and MLSD `cdir`/`pdir` are dropped; every other line that does not parse,
 * or whose name is empty or contains `/` or NUL, goes to `skipped`.
 * Throws only for an unknown `timezone` (a `FerryError`, `INVALID_PARAMS`),
 * before reading any line.
 */
export function parseListing(raw: string, options: ListingParseOptions = {}): ParsedListing {
  const clock = createZonedClock(options.timezone ?? 'UTC');
  const ctx: LineContext = { clock, today: todayIn(clock, validDate(options.now) ?? new Date()) };
  const mlsd = options.format === 'mlsd';
  const entries: Entry[] = [];
  const skipped: string[] = [];
  let start = 0;
  while (start < raw.length) {
    const newline = raw.indexOf('\n', start);
    const end = newline < 0 ? raw.length : newline;
    const line = raw.charCodeAt(end - 1) === 13 && end > start ? raw.slice(start, end - 1) : raw.slice(start, end);
    start = end + 1;
    if (/^[ \t]*$/.test(line) || (!mlsd && TOTAL.test(line))) continue;
    let result: LineResult = null;
    try {
      result = mlsd ? parseMlsdLine(line) : parseListLine(line, ctx);
    } catch {
      result = null; // a parser bug must cost one line, not the listing
    }
    if (result === MLSD_DIR_MARKER) continue;
    if (result !== null && (result.name === '.' || result.name === '..')) continue;
    if (result === null || !isSafeName(result)) skipped.push(line);
    else entries.push(result);
  }
  return { entries, skipped };
}
