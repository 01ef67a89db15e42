import { describe, expect, it } from 'vitest';
import { createTypeAhead, findTypeAheadMatch, TYPE_AHEAD_RESET_MS } from './type-ahead.js';

const NAMES = ['Alpha', 'beta', 'Bin', 'boot', 'readme.md', 'report.pdf'];

describe('createTypeAhead', () => {
  it('builds a word and resets after a pause', () => {
    let t = 0;
    const ta = createTypeAhead(() => t);
    expect(ta.push('r')).toBe('r');
    t += 200;
    expect(ta.push('e')).toBe('re');
    expect(ta.active()).toBe(true);
    t += TYPE_AHEAD_RESET_MS + 1;
    expect(ta.active()).toBe(false);
    expect(ta.push('b')).toBe('b');
    ta.reset();
    expect(ta.active()).toBe(false);
  });
});

describe('findTypeAheadMatch', () => {
  it('finds the first name with the typed prefix, ignoring case', () => {
    expect(findTypeAheadMatch(NAMES, 'rep', 0)).toBe(5);
    expect(findTypeAheadMatch(NAMES, 'a', 3)).toBe(0);
    expect(findTypeAheadMatch(NAMES, 'zz', 0)).toBe(-1);
    expect(findTypeAheadMatch([], 'a', -1)).toBe(-1);
  });

  it('keeps the current row while a longer word still matches it', () => {
    expect(findTypeAheadMatch(NAMES, 're', 4)).toBe(4);
    expect(findTypeAheadMatch(NAMES, 'rea', 4)).toBe(4);
  });

  it('cycles through names when one letter is repeated', () => {
    expect(findTypeAheadMatch(NAMES, 'b', 0)).toBe(1);
    expect(findTypeAheadMatch(NAMES, 'bb', 1)).toBe(2);
    expect(findTypeAheadMatch(NAMES, 'bbb', 3)).toBe(1);
  });
});
