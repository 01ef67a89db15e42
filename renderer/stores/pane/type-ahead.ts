/**
 * Type-ahead find: typing letters in a file list jumps to the first name that
 * starts with them. The buffer resets after a pause, as in Explorer and GTK.
 * The clock is injected so the timing is testable without fake timers.
 */

/** How long a pause ends a type-ahead word (Explorer uses about the same). */
export const TYPE_AHEAD_RESET_MS = 700;

export interface TypeAhead {
  /** Adds a typed character; returns the text to search for. */
  push(char: string): string;
  /** True while a word is being typed (Space then extends it instead of toggling). */
  active(): boolean;
  reset(): void;
}

export function createTypeAhead(now: () => number = () => Date.now(), resetMs = TYPE_AHEAD_RESET_MS): TypeAhead {
  let buffer = '';
  let last = -Infinity;
  return {
    push(char) {
      const t = now();
      if (t - last > resetMs) buffer = '';
      last = t;
      buffer += char;
      return buffer;
    },
    active() {
      return buffer !== '' && now() - last <= resetMs;
    },
    reset() {
      buffer = '';
      last = -Infinity;
    },
  };
}

/**
 * The index of the name to jump to, or -1. A repeated single letter (`sss`)
 * cycles through the names starting with it; a longer word searches from the
 * current row, so refining a match keeps it.
 */
export function findTypeAheadMatch(names: readonly string[], text: string, current: number): number {
  if (names.length === 0 || text === '') return -1;
  const lower = text.toLocaleLowerCase();
  const repeated = [...lower].every((c) => c === lower[0]);
  const needle = repeated ? (lower[0] as string) : lower;
  const start = repeated && current >= 0 ? current + 1 : Math.max(0, current);
  for (let step = 0; step < names.length; step++) {
    const index = (start + step) % names.length;
    if ((names[index] as string).toLocaleLowerCase().startsWith(needle)) return index;
  }
  return -1;
}
