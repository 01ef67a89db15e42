/**
 * How entry fields read in the grid. Binary units (KiB, MiB) because that is
 * what file systems allocate and what FileZilla shows; the locale decides the
 * date order, the user's time zone the clock (dates arrive as UTC epochs).
 */
import type { Entry } from '../../../shared/model/entry.js';

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** `512 B`, `1.5 KiB`, `3.0 GiB`; empty when unknown. */
export function formatSize(size: number | null): string {
  if (size === null || !Number.isFinite(size) || size < 0) return '';
  if (size < 1024) return `${size} B`;
  let value = size / 1024;
  let unit = 0;
  // Round first so 1023.96 KiB reads "1.0 MiB", not "1024.0 KiB".
  while (Math.round(value * 10) / 10 >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${UNITS[unit] as string}`;
}

/** The Size column: folders and links show nothing (their "size" is meaningless). */
export function entrySize(entry: Entry): string {
  return entry.type === 'file' || entry.type === 'other' ? formatSize(entry.size) : '';
}

/** A short local date and time formatter; locale/zone are parameters for tests. */
export function createDateFormatter(locale?: string, timeZone?: string): (time: number | null) => string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
  return (time) => (time === null || !Number.isFinite(time) ? '' : format.format(time));
}

/** The formatter the grid uses: the user's locale and zone. */
export const formatModified = createDateFormatter();

/** `owner:group`, or whichever half is known. */
export function formatOwner(owner: string | null, group: string | null): string {
  if (owner && group) return `${owner}:${group}`;
  return owner ?? group ?? '';
}
