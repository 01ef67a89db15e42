import { describe, expect, it } from 'vitest';
import { formatUnixMode } from './unix-mode.js';

describe('formatUnixMode', () => {
  it.each([
    [0o644, 'rw-r--r--'],
    [0o755, 'rwxr-xr-x'],
    [0o000, '---------'],
    [0o4755, 'rwsr-xr-x'],
    [0o2745, 'rwxr-Sr-x'],
    [0o1777, 'rwxrwxrwt'],
    [0o1776, 'rwxrwxrwT'],
  ])('formats %o as %s', (mode, text) => {
    expect(formatUnixMode(mode)).toBe(text);
  });
});
