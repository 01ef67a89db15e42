import { describe, expect, it } from 'vitest';
import { dir, file, link } from '../../stores/testing/entries.js';
import { createDateFormatter, entrySize, formatOwner, formatSize } from './format.js';

describe('formatSize', () => {
  it('uses bytes below 1 KiB and binary units with one decimal above', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1023)).toBe('1023 B');
    expect(formatSize(1024)).toBe('1.0 KiB');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(5 * 1024 ** 2 + 300 * 1024)).toBe('5.3 MiB');
    expect(formatSize(3 * 1024 ** 3)).toBe('3.0 GiB');
    expect(formatSize(2 * 1024 ** 4)).toBe('2.0 TiB');
  });

  it('rolls over instead of showing 1024.0 of a unit', () => {
    expect(formatSize(1024 * 1024 - 1)).toBe('1.0 MiB');
  });

  it('is empty when unknown', () => {
    expect(formatSize(null)).toBe('');
    expect(formatSize(-1)).toBe('');
    expect(formatSize(Number.NaN)).toBe('');
  });

  it('shows nothing for folders and links', () => {
    expect(entrySize(dir('d', { size: 4096 }))).toBe('');
    expect(entrySize(link('l', '/x', { size: 7 }))).toBe('');
    expect(entrySize(file('f', { size: 2048 }))).toBe('2.0 KiB');
  });
});

describe('createDateFormatter', () => {
  it('shows a short date and time in the given zone, empty when unknown', () => {
    const format = createDateFormatter('en-GB', 'UTC');
    expect(format(Date.UTC(2024, 2, 5, 14, 7))).toBe('05/03/2024, 14:07');
    expect(format(null)).toBe('');
    expect(createDateFormatter('en-GB', 'Europe/Berlin')(Date.UTC(2024, 2, 5, 14, 7))).toBe('05/03/2024, 15:07');
  });
});

describe('formatOwner', () => {
  it('joins owner and group when both are known', () => {
    expect(formatOwner('ann', 'staff')).toBe('ann:staff');
    expect(formatOwner('ann', null)).toBe('ann');
    expect(formatOwner(null, 'staff')).toBe('staff');
    expect(formatOwner(null, null)).toBe('');
  });
});
