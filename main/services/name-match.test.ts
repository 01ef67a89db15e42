import { describe, expect, it } from 'vitest';
import { nameMatcher } from './name-match.js';

describe('nameMatcher', () => {
  it('matches a substring case-insensitively when there is no wildcard', () => {
    const m = nameMatcher('report');
    expect(m('Report-2024.PDF')).toBe(true);
    expect(m('my report.txt')).toBe(true);
    expect(m('repo.txt')).toBe(false);
  });
  it('matches globs against the whole name', () => {
    expect(nameMatcher('*.txt')('deep.TXT')).toBe(true);
    expect(nameMatcher('*.txt')('deep.txt.bak')).toBe(false);
    expect(nameMatcher('d??p.*')('deep.txt')).toBe(true);
    expect(nameMatcher('d?p.*')('deep.txt')).toBe(false);
  });
  it('takes regex characters literally', () => {
    expect(nameMatcher('a+b (1)*')('a+b (1) copy')).toBe(true);
    expect(nameMatcher('a.b*')('axb')).toBe(false);
    expect(nameMatcher('[x]*')('[x] y')).toBe(true);
  });
});
