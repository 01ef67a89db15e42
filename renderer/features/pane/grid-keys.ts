/**
 * Maps a key press in a file grid to a command. Separate from the component
 * so the whole keyboard model (WAI-ARIA grid plus file-manager habits) is in
 * one readable, tested table.
 */

export interface KeyInput {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

export type MoveTarget = 'next' | 'previous' | 'first' | 'last' | 'pageDown' | 'pageUp';

export type GridCommand =
  | { readonly type: 'move'; readonly to: MoveTarget; readonly range: boolean; readonly toggle: boolean }
  | { readonly type: 'selectAll' }
  | { readonly type: 'open' }
  | { readonly type: 'up' }
  | { readonly type: 'toggle' }
  | { readonly type: 'clear' }
  | { readonly type: 'type'; readonly char: string }
  /** Tab: to the other pane's grid (FileZilla's habit). */
  | { readonly type: 'tab' };

const MOVES: Readonly<Record<string, MoveTarget>> = {
  ArrowDown: 'next',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
  PageDown: 'pageDown',
  PageUp: 'pageUp',
};

/**
 * `typing`: a type-ahead word is in progress, so Space is part of it rather
 * than a selection toggle. Returns null for keys the grid leaves alone.
 */
export function gridCommand(e: KeyInput, typing = false): GridCommand | null {
  const primary = e.ctrlKey || e.metaKey;
  // Shift+Tab is left to the browser so focus can always leave the two grids (no keyboard trap).
  if (e.key === 'Tab') return !primary && !e.altKey && !e.shiftKey ? { type: 'tab' } : null;
  if (e.altKey && e.key === 'ArrowUp') return { type: 'up' };
  if (e.altKey) return null;
  const move = MOVES[e.key];
  if (move) return { type: 'move', to: move, range: e.shiftKey, toggle: primary };
  if (primary && !e.shiftKey && e.key.toLowerCase() === 'a') return { type: 'selectAll' };
  if (e.key === 'Enter' && !primary) return { type: 'open' };
  if (e.key === 'Backspace' && !primary) return { type: 'up' };
  if (e.key === 'Escape') return { type: 'clear' };
  if (e.key === ' ' && (primary || !typing)) return { type: 'toggle' };
  // Spread, not .length: characters outside the BMP (emoji names exist) are two code units.
  if (!primary && [...e.key].length === 1) return { type: 'type', char: e.key };
  return null;
}

/** The row index a move lands on, clamped to the list. */
export function moveIndex(to: MoveTarget, current: number, count: number, page: number): number {
  if (count === 0) return -1;
  const from = current < 0 ? -1 : current;
  const target = {
    next: from + 1,
    previous: from < 0 ? 0 : from - 1,
    first: 0,
    last: count - 1,
    pageDown: from < 0 ? page : from + page,
    pageUp: from - page,
  }[to];
  return Math.max(0, Math.min(count - 1, target));
}
