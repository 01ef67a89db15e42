/**
 * Selection rules of a file list, as in Explorer/Finder/FileZilla, as pure
 * functions over the names in view order. Names (not indices) are stored so a
 * selection survives re-sorting, toggling hidden files and refreshes.
 */

export interface Selection {
  readonly selected: ReadonlySet<string>;
  /** Where a Shift range starts: the last row clicked or moved to without Shift. */
  readonly anchor: string | null;
  /** The row keyboard commands act on (rendered as the active descendant). */
  readonly focus: string | null;
}

export const EMPTY_SELECTION: Selection = { selected: new Set(), anchor: null, focus: null };

/** How a click or move changes the selection. */
export interface Modifiers {
  /** Shift: select the range from the anchor. */
  readonly range?: boolean;
  /** Ctrl/Cmd: toggle (click) or move without selecting (keys). */
  readonly toggle?: boolean;
}

function rangeNames(names: readonly string[], from: number, to: number): string[] {
  const start = Math.min(from, to);
  const end = Math.max(from, to);
  return names.slice(start, end + 1);
}

/** A click (or tap) on the row at `index`. */
export function clickRow(sel: Selection, names: readonly string[], index: number, mods: Modifiers = {}): Selection {
  const name = names[index];
  if (name === undefined) return sel;
  if (mods.range) {
    const anchorIndex = sel.anchor === null ? -1 : names.indexOf(sel.anchor);
    const from = anchorIndex < 0 ? index : anchorIndex;
    const range = rangeNames(names, from, index);
    const selected = mods.toggle ? new Set([...sel.selected, ...range]) : new Set(range);
    return { selected, anchor: names[from] ?? name, focus: name };
  }
  if (mods.toggle) {
    const selected = new Set(sel.selected);
    if (selected.has(name)) selected.delete(name);
    else selected.add(name);
    return { selected, anchor: name, focus: name };
  }
  return { selected: new Set([name]), anchor: name, focus: name };
}

/**
 * Keyboard movement to `index`: plain moves select only the new row, Shift
 * extends from the anchor, Ctrl moves the focus alone (then Space toggles).
 */
export function moveTo(sel: Selection, names: readonly string[], index: number, mods: Modifiers = {}): Selection {
  if (names.length === 0) return sel;
  const clamped = Math.max(0, Math.min(names.length - 1, index));
  const name = names[clamped] as string;
  if (mods.range) return clickRow(sel, names, clamped, { range: true });
  if (mods.toggle) return { ...sel, focus: name };
  return { selected: new Set([name]), anchor: name, focus: name };
}

/** Space / Ctrl+Space on the focused row. */
export function toggleFocused(sel: Selection): Selection {
  if (sel.focus === null) return sel;
  const selected = new Set(sel.selected);
  if (selected.has(sel.focus)) selected.delete(sel.focus);
  else selected.add(sel.focus);
  return { ...sel, selected, anchor: sel.focus };
}

/** Ctrl/Cmd+A. */
export function selectAll(sel: Selection, names: readonly string[]): Selection {
  return { ...sel, selected: new Set(names), focus: sel.focus ?? names[0] ?? null };
}

/**
 * After the list changed (refresh, sort, hidden files toggled): drop names no
 * longer shown and keep the focus on a row that exists, so keyboard users are
 * never left on an invisible row.
 */
export function reconcile(sel: Selection, names: readonly string[]): Selection {
  const present = new Set(names);
  const selected = new Set([...sel.selected].filter((n) => present.has(n)));
  const focus = sel.focus !== null && present.has(sel.focus) ? sel.focus : (names[0] ?? null);
  const anchor = sel.anchor !== null && present.has(sel.anchor) ? sel.anchor : focus;
  return { selected, anchor, focus };
}

/** A fresh listing: nothing selected, focus on `focus` when present, else on the first row. */
export function initialSelection(names: readonly string[], focus?: string | null): Selection {
  const target = focus != null && names.includes(focus) ? focus : (names[0] ?? null);
  return { selected: new Set(), anchor: target, focus: target };
}
