/**
 * Ordering and filtering of a listing as a pane shows it. Kept pure so the
 * pane store can derive its view once per change (not per render) and the
 * rules are unit-tested without a DOM.
 */
import type { Entry } from '../../../shared/model/entry.js';

/** The columns a pane can sort by; they match the grid's header buttons. */
export const SORT_KEYS = ['name', 'size', 'modified', 'permissions', 'owner'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

/** Name ascending, like every file manager opens a folder. */
export const DEFAULT_SORT: SortSpec = { key: 'name', direction: 'asc' };

/**
 * Clicking the sorted column reverses it; clicking another column sorts it
 * ascending (newest-first for dates would surprise users switching columns).
 */
export function nextSort(current: SortSpec, key: SortKey): SortSpec {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: 'asc' };
}

/**
 * Numeric-aware and case-insensitive: `file2` before `file10`, `a` next to
 * `A`. (A hand-written ASCII fast path was measured: no faster than this once
 * the sort's own overhead is counted, so the collator stays.)
 */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Total order: distinct names never tie, so refreshes keep rows in place. */
function compareNames(a: Entry, b: Entry): number {
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function compareNullable<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return compare(a, b);
}

const byNumber = (x: number, y: number): number => x - y;
const byText = (x: string, y: string): number => collator.compare(x, y);

function ownerText(entry: Entry): string | null {
  if (entry.owner === null && entry.group === null) return null;
  return `${entry.owner ?? ''}:${entry.group ?? ''}`;
}

function compareBy(key: SortKey, a: Entry, b: Entry): number {
  switch (key) {
    case 'name':
      return 0;
    case 'size':
      return compareNullable(a.size, b.size, byNumber);
    case 'modified':
      return compareNullable(a.modified, b.modified, byNumber);
    case 'permissions':
      return compareNullable(a.permissions, b.permissions, byText);
    case 'owner':
      return compareNullable(ownerText(a), ownerText(b), byText);
  }
}

/**
 * Folders first whatever the direction (users look for folders at the top);
 * within each group the chosen column decides and the name breaks ties, so
 * the order is stable between refreshes.
 */
export function sortEntries(entries: readonly Entry[], sort: SortSpec): Entry[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...entries].sort((a, b) => {
    const folderA = a.type === 'dir' ? 0 : 1;
    const folderB = b.type === 'dir' ? 0 : 1;
    if (folderA !== folderB) return folderA - folderB;
    const primary = compareBy(sort.key, a, b);
    if (primary !== 0) return sign * primary;
    return sort.key === 'name' ? sign * compareNames(a, b) : compareNames(a, b);
  });
}

/** Dotfiles are hidden unless asked for, as in `ls`; `.` and `..` are never rows. */
export function visibleEntries(entries: readonly Entry[], showHidden: boolean): Entry[] {
  return entries.filter((e) => e.name !== '.' && e.name !== '..' && (showHidden || !e.name.startsWith('.')));
}
