import { describe, expect, it } from 'vitest';
import { formatCertificateDate, isFuture, isPast, promptLabel, serverLabel } from './prompt-format.js';

describe('prompt formatting', () => {
  it('shows certificate dates in local time, or as given when they do not parse', () => {
    const text = formatCertificateDate('2030-01-02T03:04:05.000Z', 'en-GB');
    expect(text).toMatch(/2030/);
    expect(formatCertificateDate('someday')).toBe('someday');
  });

  it('tells past from future dates', () => {
    const now = Date.parse('2025-06-01T00:00:00Z');
    expect(isPast('2025-01-01T00:00:00Z', now)).toBe(true);
    expect(isFuture('2026-01-01T00:00:00Z', now)).toBe(true);
    expect(isPast('garbage', now)).toBe(false);
    expect(isFuture('garbage', now)).toBe(false);
  });

  it('writes servers as host:port, bracketing IPv6', () => {
    expect(serverLabel('ftp.example.com', 21)).toBe('ftp.example.com:21');
    expect(serverLabel('::1', 2222)).toBe('[::1]:2222');
  });

  it('labels keyboard-interactive inputs by their prompt', () => {
    expect(promptLabel('  Verification code: ', 0)).toBe('Verification code:');
    expect(promptLabel('', 1)).toBe('Response 2');
  });
});
