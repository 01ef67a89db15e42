import { describe, expect, it } from 'vitest';
import { formatAddedAt, secretsText, serverText } from './trust-format.js';

describe('trust format', () => {
  it('formats the date the same in every locale, and an unknown one as a dash', () => {
    const ms = new Date(2026, 2, 1, 14, 5).getTime();
    expect(formatAddedAt(ms)).toBe('2026-03-01 14:05');
    expect(formatAddedAt(0)).toBe('—');
    expect(formatAddedAt(Number.NaN)).toBe('—');
  });

  it('brackets IPv6 hosts', () => {
    expect(serverText('ftp.example.com', 21)).toBe('ftp.example.com:21');
    expect(serverText('::1', 2222)).toBe('[::1]:2222');
  });

  it('says where passwords are kept', () => {
    expect(secretsText({ kind: 'os-keychain', unlocked: false })).toMatch(/system keychain/);
    expect(secretsText({ kind: 'vault', unlocked: true })).toMatch(/unlocked/);
    expect(secretsText({ kind: 'ask', unlocked: false })).toMatch(/not saved/);
  });
});
