import { describe, expect, it } from 'vitest';
import { clickRow, EMPTY_SELECTION, initialSelection, moveTo, reconcile, selectAll, toggleFocused, type Selection } from './selection.js';

const NAMES = ['a', 'b', 'c', 'd', 'e'];
const sorted = (s: Selection): string[] => [...s.selected].sort();

describe('clickRow', () => {
  it('selects only the clicked row and makes it anchor and focus', () => {
    const s = clickRow(clickRow(EMPTY_SELECTION, NAMES, 0), NAMES, 2);
    expect(sorted(s)).toEqual(['c']);
    expect(s.anchor).toBe('c');
    expect(s.focus).toBe('c');
  });

  it('Shift selects the range from the anchor, in either direction', () => {
    const start = clickRow(EMPTY_SELECTION, NAMES, 3);
    expect(sorted(clickRow(start, NAMES, 1, { range: true }))).toEqual(['b', 'c', 'd']);
    const again = clickRow(clickRow(start, NAMES, 1, { range: true }), NAMES, 4, { range: true });
    expect(sorted(again)).toEqual(['d', 'e']);
    expect(again.anchor).toBe('d');
  });

  it('Ctrl toggles one row and Ctrl+Shift adds a range', () => {
    let s = clickRow(EMPTY_SELECTION, NAMES, 0);
    s = clickRow(s, NAMES, 2, { toggle: true });
    expect(sorted(s)).toEqual(['a', 'c']);
    s = clickRow(s, NAMES, 0, { toggle: true });
    expect(sorted(s)).toEqual(['c']);
    s = clickRow(s, NAMES, 3, { toggle: true });
    s = clickRow(s, NAMES, 4, { toggle: true, range: true });
    expect(sorted(s)).toEqual(['c', 'd', 'e']);
  });

  it('ignores clicks outside the list', () => {
    expect(clickRow(EMPTY_SELECTION, NAMES, 9)).toBe(EMPTY_SELECTION);
  });
});

describe('moveTo', () => {
  it('selects the row moved to, clamped to the list', () => {
    expect(moveTo(EMPTY_SELECTION, NAMES, 99).focus).toBe('e');
    expect(sorted(moveTo(EMPTY_SELECTION, NAMES, -3))).toEqual(['a']);
  });

  it('extends with Shift and moves focus alone with Ctrl', () => {
    const start = moveTo(EMPTY_SELECTION, NAMES, 1);
    expect(sorted(moveTo(start, NAMES, 3, { range: true }))).toEqual(['b', 'c', 'd']);
    const moved = moveTo(start, NAMES, 3, { toggle: true });
    expect(sorted(moved)).toEqual(['b']);
    expect(moved.focus).toBe('d');
    expect(sorted(toggleFocused(moved))).toEqual(['b', 'd']);
  });

  it('leaves an empty list alone', () => {
    expect(moveTo(EMPTY_SELECTION, [], 0)).toBe(EMPTY_SELECTION);
  });
});

describe('selectAll, reconcile, initialSelection', () => {
  it('selects every name and keeps the focus', () => {
    const s = selectAll(moveTo(EMPTY_SELECTION, NAMES, 2), NAMES);
    expect(s.selected.size).toBe(5);
    expect(s.focus).toBe('c');
  });

  it('drops vanished names and moves focus to a row that exists', () => {
    const s = reconcile({ selected: new Set(['a', 'x']), anchor: 'x', focus: 'x' }, ['a', 'b']);
    expect(sorted(s)).toEqual(['a']);
    expect(s.focus).toBe('a');
    expect(s.anchor).toBe('a');
  });

  it('focuses the requested row or the first one', () => {
    expect(initialSelection(NAMES, 'd').focus).toBe('d');
    expect(initialSelection(NAMES, 'zz').focus).toBe('a');
    expect(initialSelection([]).focus).toBeNull();
    expect(initialSelection(NAMES).selected.size).toBe(0);
  });
});
