import { describe, expect, it } from 'vitest';
import { pageSize, rowWindow, scrollToReveal } from './virtual-window.js';

describe('rowWindow', () => {
  it('renders the visible rows plus overscan, clamped to the list', () => {
    expect(rowWindow(0, 240, 1000, 24, 5)).toEqual({ start: 0, end: 16 });
    expect(rowWindow(2400, 240, 1000, 24, 5)).toEqual({ start: 95, end: 116 });
    expect(rowWindow(24 * 995, 240, 1000, 24, 5)).toEqual({ start: 990, end: 1000 });
  });

  it('stays small for huge lists', () => {
    const w = rowWindow(24 * 25_000, 600, 50_000);
    expect(w.end - w.start).toBeLessThan(60);
  });

  it('handles empty lists and a zero-height viewport', () => {
    expect(rowWindow(0, 600, 0)).toEqual({ start: 0, end: 0 });
    expect(rowWindow(0, 0, 10, 24, 0)).toEqual({ start: 0, end: 1 });
  });
});

describe('scrollToReveal', () => {
  const header = 28;
  it('leaves visible rows alone', () => {
    expect(scrollToReveal(3, 0, 300, header, 24)).toBe(0);
  });
  it('scrolls up to a row above the view', () => {
    expect(scrollToReveal(2, 240, 300, header, 24)).toBe(48);
  });
  it('scrolls down just enough to show a row below the view, under the sticky header', () => {
    // body is 272px tall; row 20 ends at 504.
    expect(scrollToReveal(20, 0, 300, header, 24)).toBe(504 - 272);
  });
  it('ignores "no row"', () => {
    expect(scrollToReveal(-1, 17, 300, header)).toBe(17);
  });
});

describe('pageSize', () => {
  it('is a screenful minus one, at least one', () => {
    expect(pageSize(300, 28, 24)).toBe(10);
    expect(pageSize(10, 28, 24)).toBe(1);
  });
});
