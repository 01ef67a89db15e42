import { describe, expect, it } from 'vitest';
import { inferYear, todayIn } from './infer-year.js';
import { createZonedClock } from './zoned-time.js';

describe('inferYear', () => {
  it('puts a late-December date seen in early January in the previous year', () => {
    expect(inferYear(12, 31, { year: 2025, month: 1, day: 2 })).toBe(2024);
  });

  it('allows one day in the future (server clock or zone ahead)', () => {
    const today = { year: 2025, month: 6, day: 1 };
    expect(inferYear(6, 1, today)).toBe(2025);
    expect(inferYear(6, 2, today)).toBe(2025);
    expect(inferYear(6, 3, today)).toBe(2024);
    expect(inferYear(6, 5, today)).toBe(2024);
    expect(inferYear(5, 31, today)).toBe(2025);
    expect(inferYear(1, 1, today)).toBe(2025);
  });

  it('counts real month lengths, not 31-day months', () => {
    expect(inferYear(3, 1, { year: 2025, month: 2, day: 28 })).toBe(2025);
    expect(inferYear(3, 2, { year: 2025, month: 2, day: 28 })).toBe(2024);
    expect(inferYear(2, 1, { year: 2025, month: 1, day: 31 })).toBe(2025);
  });

  it('puts Jan 1 seen on Dec 31 in the next year', () => {
    expect(inferYear(1, 1, { year: 2024, month: 12, day: 31 })).toBe(2025);
    expect(inferYear(1, 2, { year: 2024, month: 12, day: 31 })).toBe(2024);
  });

  it('sends Feb 29 back to the latest leap year that fits', () => {
    expect(inferYear(2, 29, { year: 2025, month: 3, day: 1 })).toBe(2024);
    expect(inferYear(2, 29, { year: 2024, month: 2, day: 28 })).toBe(2024);
    expect(inferYear(2, 29, { year: 2024, month: 2, day: 27 })).toBe(2020);
  });

  it('falls back to this year for a day that never exists', () => {
    expect(inferYear(2, 30, { year: 2025, month: 6, day: 1 })).toBe(2025);
  });
});

describe('todayIn', () => {
  it('reads today on the server calendar', () => {
    const now = new Date(Date.UTC(2024, 11, 31, 23, 30));
    expect(todayIn(createZonedClock('UTC'), now)).toEqual({ year: 2024, month: 12, day: 31 });
    expect(todayIn(createZonedClock('Europe/Berlin'), now)).toEqual({ year: 2025, month: 1, day: 1 });
  });

  it('changes the inferred year with the server zone', () => {
    const now = new Date(Date.UTC(2024, 11, 31, 23, 30));
    expect(inferYear(1, 2, todayIn(createZonedClock('UTC'), now))).toBe(2024);
    expect(inferYear(1, 2, todayIn(createZonedClock('Europe/Berlin'), now))).toBe(2025);
  });
});
