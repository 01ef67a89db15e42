import { describe, expect, it } from 'vitest';
import { bitOf, formatOctal, hasBit, modeFromString, parseOctal, withBit } from './permissions.js';

describe('permissions', () => {
  it('maps checkboxes to bits', () => {
    expect(bitOf('Owner', 'read')).toBe(0o400);
    expect(bitOf('Group', 'write')).toBe(0o020);
    expect(bitOf('Others', 'execute')).toBe(0o001);
    expect(hasBit(0o755, 'Group', 'write')).toBe(false);
    expect(hasBit(0o755, 'Group', 'execute')).toBe(true);
  });
  it('toggles bits and keeps the octal text in step', () => {
    let mode = 0o644;
    mode = withBit(mode, 'Owner', 'execute', true);
    expect(formatOctal(mode)).toBe('744');
    mode = withBit(mode, 'Group', 'read', false);
    expect(formatOctal(mode)).toBe('704');
    expect(formatOctal(0o4755)).toBe('4755');
    expect(formatOctal(0o7)).toBe('007');
  });
  it('parses octal text', () => {
    expect(parseOctal('755')).toBe(0o755);
    expect(parseOctal('0644')).toBe(0o644);
    expect(parseOctal('4755')).toBe(0o4755);
    expect(parseOctal('79')).toBeNull();
    expect(parseOctal('888')).toBeNull();
    expect(parseOctal('')).toBeNull();
    expect(parseOctal('12345')).toBeNull();
  });
  it('reads listing permission strings', () => {
    expect(modeFromString('drwxr-xr-x')).toBe(0o755);
    expect(modeFromString('rw-r--r--')).toBe(0o644);
    expect(modeFromString('-rwsr-x--T')).toBe(0o5750);
    expect(modeFromString(null)).toBeNull();
    expect(modeFromString('<DIR>')).toBeNull();
  });
});
