/**
 * The missing year of `ls -l` dates.
 *
 * Why: POSIX `ls -l` (and every FTP server that imitates it: vsftpd, proftpd,
 * pure-ftpd, busybox, IIS in Unix mode) prints `Nov 21 09:37` — month, day and
 * time, no year — for files modified within about six months, and
 * `Nov 21  2023` otherwise. The client has to supply the year.
 */
import { civilDayNumber, type ZonedClock } from './zoned-time.js';

/** A date on the server's calendar. Month is 1–12. */
export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * The most recent year in which `month`/`day` is at most one day after
 * `today` (FileZilla's rule: the one day of slack covers a server clock or
 * zone that is ahead of ours). So with today = Jan 2, `Dec 31` is last year;
 * with today = Jun 1, `Jun 2` is this year and `Jun 5` last year; with today =
 * Dec 31, `Jan 1` is next year. `Feb 29` goes back to the latest leap year
 * that fits. Returns `today.year` for a month/day that exists in no year.
 */
export function inferYear(month: number, day: number, today: CalendarDay): number {
  const todayNumber = civilDayNumber(today.year, today.month, today.day);
  if (todayNumber === null) return today.year;
  for (let year = today.year + 1; year >= today.year - 8; year--) {
    const candidate = civilDayNumber(year, month, day);
    if (candidate !== null && candidate <= todayNumber + 1) return year;
  }
  return today.year;
}

/** Today's date on the server's calendar: `now` (injectable for tests) seen through the server's zone. */
export function todayIn(clock: ZonedClock, now: Date = new Date()): CalendarDay {
  const wall = clock.wallTimeAt(now.getTime());
  return { year: wall.year, month: wall.month, day: wall.day };
}
