/**
 * Row virtualisation arithmetic for fixed-height rows: which rows to render
 * and how to scroll a row into view. Pure so it is tested without layout; the
 * grid renders only this window (plus the focused row) whatever the folder
 * size, which is what keeps 50,000 entries smooth.
 */

/** Row height in CSS pixels; must match `--row-height` in grid.css. */
export const ROW_HEIGHT = 24;
/** Extra rows above and below the viewport so fast scrolling shows no gaps. */
export const OVERSCAN = 8;

export interface RowWindow {
  /** First row to render (inclusive). */
  readonly start: number;
  /** Last row to render (exclusive). */
  readonly end: number;
}

export function rowWindow(scrollTop: number, viewportHeight: number, count: number, rowHeight = ROW_HEIGHT, overscan = OVERSCAN): RowWindow {
  if (count <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start + 1, end) };
}

/**
 * The scrollTop that shows row `index` fully inside a viewport whose top
 * `headerHeight` pixels are covered by the sticky header; unchanged when it
 * is already visible (no jumping while arrowing through visible rows).
 */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, headerHeight: number, rowHeight = ROW_HEIGHT): number {
  if (index < 0) return scrollTop;
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  const visibleBody = Math.max(rowHeight, viewportHeight - headerHeight);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + visibleBody) return bottom - visibleBody;
  return scrollTop;
}

/** Rows one PageUp/PageDown moves: a screenful minus one, so context carries over. */
export function pageSize(viewportHeight: number, headerHeight: number, rowHeight = ROW_HEIGHT): number {
  return Math.max(1, Math.floor((viewportHeight - headerHeight) / rowHeight) - 1);
}
