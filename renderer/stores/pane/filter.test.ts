import { describe, expect, it } from 'vitest';
import { nameMatcher } from './filter.js';

describe('nameMatcher', () => {
  it('matches substrings case-insensitively', () => {
    const m = nameMatcher('Rep');
    expect(m('report.txt')).toBe(true);
    expect(m('PREPARE')).toBe(true);
    expect(m('notes')).toBe(false);
  });
  it('matches globs on the whole name', () => {
    expect(nameMatcher('*.TXT')('a.txt')).toBe(true);
    expect(nameMatcher('*.txt')('a.txt.bak')).toBe(false);
    expect(nameMatcher('file?.log')('file1.log')).toBe(true);
    expect(nameMatcher('file?.log')('file12.log')).toBe(false);
    expect(nameMatcher('a+b(*')('a+b(1)')).toBe(true);
  });
  it('passes everything when empty', () => {
    expect(nameMatcher('  ')('x')).toBe(true);
  });
});
