import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../../shared/errors.js';
import { createZonedClock } from './zoned-time.js';

const utc = Date.UTC;

describe('createZonedClock', () => {
  it('defaults to UTC', () => {
    const clock = createZonedClock();
    expect(clock.timeZone).toBe('UTC');
    expect(clock.toEpochMs({ year: 2024, month: 1, day: 31, hour: 12, minute: 0 })).toBe(utc(2024, 0, 31, 12, 0));
  });

  it('reads Berlin winter and summer time', () => {
    const berlin = createZonedClock('Europe/Berlin');
    expect(berlin.toEpochMs({ year: 2025, month: 11, day: 21, hour: 9, minute: 37 })).toBe(utc(2025, 10, 21, 8, 37));
    expect(berlin.toEpochMs({ year: 2024, month: 7, day: 1, hour: 12, minute: 0 })).toBe(utc(2024, 6, 1, 10, 0));
  });

  it('reads zones west of UTC and with half-hour offsets', () => {
    const ny = createZonedClock('America/New_York');
    expect(ny.toEpochMs({ year: 2024, month: 1, day: 15, hour: 12, minute: 0 })).toBe(utc(2024, 0, 15, 17, 0));
    const kolkata = createZonedClock('Asia/Kolkata');
    expect(kolkata.toEpochMs({ year: 2024, month: 1, day: 1, hour: 0, minute: 0 })).toBe(utc(2023, 11, 31, 18, 30));
  });

  it('keeps seconds and milliseconds', () => {
    const clock = createZonedClock('Europe/Berlin');
    const wall = { year: 2024, month: 1, day: 2, hour: 3, minute: 4, second: 5, millisecond: 678 };
    expect(clock.toEpochMs(wall)).toBe(utc(2024, 0, 2, 2, 4, 5, 678));
  });

  it('moves a time inside a spring-forward gap forward', () => {
    const berlin = createZonedClock('Europe/Berlin');
    // 02:30 does not exist on 2024-03-31 in Berlin; read as 03:30 CEST.
    expect(berlin.toEpochMs({ year: 2024, month: 3, day: 31, hour: 2, minute: 30 })).toBe(utc(2024, 2, 31, 1, 30));
    const ny = createZonedClock('America/New_York');
    expect(ny.toEpochMs({ year: 2024, month: 3, day: 10, hour: 2, minute: 30 })).toBe(utc(2024, 2, 10, 7, 30));
  });

  it('reads a repeated fall-back hour as one of its two instants', () => {
    const berlin = createZonedClock('Europe/Berlin');
    const result = berlin.toEpochMs({ year: 2024, month: 10, day: 27, hour: 2, minute: 30 });
    expect([utc(2024, 9, 27, 0, 30), utc(2024, 9, 27, 1, 30)]).toContain(result);
  });

  it('round-trips many instants through wall time', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC']) {
      const clock = createZonedClock(zone);
      for (let t = utc(1995, 0, 1); t < utc(2030, 0, 1); t += 7_919_993_117) {
        const wall = clock.wallTimeAt(t);
        const back = clock.toEpochMs(wall);
        expect(back).not.toBeNull();
        expect(clock.wallTimeAt(back ?? 0)).toEqual(wall);
      }
    }
  });

  it('rejects dates that do not exist and accepts 24:00', () => {
    const clock = createZonedClock('UTC');
    expect(clock.toEpochMs({ year: 2023, month: 2, day: 29, hour: 0, minute: 0 })).toBeNull();
    expect(clock.toEpochMs({ year: 2024, month: 2, day: 30, hour: 0, minute: 0 })).toBeNull();
    expect(clock.toEpochMs({ year: 2024, month: 13, day: 1, hour: 0, minute: 0 })).toBeNull();
    expect(clock.toEpochMs({ year: 2024, month: 1, day: 1, hour: 25, minute: 0 })).toBeNull();
    expect(clock.toEpochMs({ year: 2024, month: 1, day: 1, hour: 24, minute: 1 })).toBeNull();
    expect(clock.toEpochMs({ year: 0, month: 1, day: 1, hour: 0, minute: 0 })).toBeNull();
    expect(clock.toEpochMs({ year: 2024, month: 1, day: 1, hour: 1.5, minute: 0 })).toBeNull();
    expect(clock.toEpochMs({ year: 2024, month: 4, day: 4, hour: 24, minute: 0 })).toBe(utc(2024, 3, 5, 0, 0));
    expect(clock.toEpochMs({ year: 2024, month: 2, day: 29, hour: 0, minute: 0 })).toBe(utc(2024, 1, 29));
  });

  it('does not remap two-digit years to the 1900s', () => {
    const clock = createZonedClock('UTC');
    const epoch = clock.toEpochMs({ year: 50, month: 6, day: 1, hour: 0, minute: 0 });
    expect(new Date(epoch ?? 0).getUTCFullYear()).toBe(50);
  });

  it('gives the wall time at an instant', () => {
    const berlin = createZonedClock('Europe/Berlin');
    expect(berlin.wallTimeAt(utc(2024, 0, 1, 23, 30, 15, 250))).toEqual({
      year: 2024,
      month: 1,
      day: 2,
      hour: 0,
      minute: 30,
      second: 15,
      millisecond: 250,
    });
  });

  it('canonicalises zone names', () => {
    expect(createZonedClock('europe/berlin').timeZone).toBe('Europe/Berlin');
  });

  it('throws a clear FerryError for an unknown zone at construction', () => {
    let caught: unknown;
    try {
      createZonedClock('Mars/Olympus_Mons');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FerryError);
    expect((caught as FerryError).code).toBe('INVALID_PARAMS');
    expect((caught as FerryError).message).toContain('"Mars/Olympus_Mons"');
  });
});
