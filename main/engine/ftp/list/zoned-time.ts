/**
 * Wall-clock time in a named zone → epoch milliseconds, with `Intl` only.
 *
 * Why: `LIST` output (RFC 959 leaves its format to the server) prints the
 * server's *local* time with no offset, so the same text means a different
 * instant on a server in Berlin than on one in UTC. The user tells us the
 * server's IANA zone; this module applies it. MLSD (RFC 3659 §2.3) is always
 * UTC and does not need it.
 */
import { FerryError } from '../../../../shared/errors.js';

/** A calendar date and clock time as a listing prints it, with no zone. Month is 1–12. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second?: number;
  readonly millisecond?: number;
}

/** Converts between wall-clock time in one zone and epoch milliseconds. */
export interface ZonedClock {
  /** The canonical IANA name (`Europe/Berlin`, `UTC`). */
  readonly timeZone: string;
  /**
   * The instant the wall time denotes in this zone, or null when the fields do
   * not form a real date (Feb 30, hour 25, year outside 1–9999). `24:00` is
   * accepted as midnight of the next day (some `ls` builds print it).
   * A time skipped by a DST jump is read with the offset in force before the
   * jump (02:30 on a spring-forward day becomes 03:30), like `Temporal`'s
   * "compatible" choice; an hour repeated by a fall-back gives one of its two
   * instants (the text cannot tell which).
   */
  toEpochMs(wall: WallTime): number | null;
  /** The wall time in this zone at an instant (used for "today" on the server). */
  wallTimeAt(epochMs: number): Required<WallTime>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const CACHE_LIMIT = 100_000;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, or null when the date
 * does not exist (Feb 30, month 13). Plain arithmetic (H. Hinnant's
 * days_from_civil), so a million-line listing allocates no `Date`s, and years
 * 0–99 are not remapped to 1900–1999 as `Date.UTC` does.
 */
export function civilDayNumber(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const length = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > length) return null;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isInteger(value: number | undefined, min: number, max: number): boolean {
  return value === undefined || (Number.isInteger(value) && value >= min && value <= max);
}

/** The wall time read as if it were UTC, or null when its fields are out of range. */
function wallAsUtc(w: WallTime): number | null {
  if (!isInteger(w.year, 1, 9999) || !isInteger(w.hour, 0, 24) || !isInteger(w.minute, 0, 59)) return null;
  if (!isInteger(w.second, 0, 59) || !isInteger(w.millisecond, 0, 999)) return null;
  const second = w.second ?? 0;
  const millisecond = w.millisecond ?? 0;
  if (w.hour === 24 && (w.minute !== 0 || second !== 0 || millisecond !== 0)) return null;
  const days = civilDayNumber(w.year, w.month, w.day);
  if (days === null) return null;
  return days * DAY_MS + w.hour * HOUR_MS + w.minute * 60_000 + second * 1000 + millisecond;
}

function buildFormatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (cause) {
    throw new FerryError(
      'INVALID_PARAMS',
      `Unknown server time zone "${timeZone}": use an IANA name such as "Europe/Berlin" or "UTC".`,
      { cause },
    );
  }
}

class IntlZonedClock implements ZonedClock {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  readonly #utc: boolean;
  /** Offset per UTC hour, only for hours with no transition inside them. */
  readonly #offsets = new Map<number, number>();

  constructor(timeZone: string) {
    this.#format = buildFormatter(timeZone);
    this.timeZone = this.#format.resolvedOptions().timeZone;
    this.#utc = this.timeZone === 'UTC' || this.timeZone === 'Etc/UTC';
  }

  wallTimeAt(epochMs: number): Required<WallTime> {
    const wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 };
    let bc = false;
    for (const part of this.#format.formatToParts(epochMs)) {
      if (part.type === 'era') bc = part.value === 'BC';
      else if (part.type in wall) wall[part.type as keyof typeof wall] = Number(part.value);
    }
    if (bc) wall.year = 1 - wall.year;
    wall.millisecond = ((epochMs % 1000) + 1000) % 1000;
    return wall;
  }

  /** Zone offset (ms, east positive) at an instant. */
  #exactOffset(epochMs: number): number {
    const whole = Math.floor(epochMs / 1000) * 1000;
    const wall = this.wallTimeAt(whole);
    const days = civilDayNumber(wall.year, wall.month, wall.day) ?? 0;
    return days * DAY_MS + wall.hour * HOUR_MS + wall.minute * 60_000 + wall.second * 1000 - whole;
  }

  #offset(epochMs: number): number {
    if (this.#utc) return 0;
    const hour = Math.floor(epochMs / HOUR_MS);
    const cached = this.#offsets.get(hour);
    if (cached !== undefined) return cached;
    const first = this.#exactOffset(hour * HOUR_MS);
    const last = this.#exactOffset(hour * HOUR_MS + HOUR_MS - 1);
    if (first !== last) return this.#exactOffset(epochMs);
    if (this.#offsets.size >= CACHE_LIMIT) this.#offsets.clear();
    this.#offsets.set(hour, first);
    return first;
  }

  toEpochMs(wall: WallTime): number | null {
    const local = wallAsUtc(wall);
    if (local === null) return null;
    const before = this.#offset(local);
    const first = local - before;
    const after = this.#offset(first);
    if (after === before) return first;
    const second = local - after;
    if (this.#offset(second) === after) return second;
    // In a DST gap: read the time with the offset before the jump (the smaller one).
    return local - Math.min(before, after);
  }
}

const clocks = new Map<string, ZonedClock>();

/**
 * A clock for an IANA zone (default `UTC`). Throws a `FerryError`
 * (`INVALID_PARAMS`) right here for an unknown zone, so a bad setting fails
 * once when the listing starts, not on every line. Clocks are cached per name.
 */
export function createZonedClock(timeZone = 'UTC'): ZonedClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new IntlZonedClock(timeZone);
    if (clocks.size > 64) clocks.clear();
    clocks.set(timeZone, clock);
  }
  return clock;
}
