import { describe, expect, it } from 'vitest';
import { nameProblem } from './names.js';

describe('nameProblem', () => {
  it('accepts ordinary names', () => {
    expect(nameProblem('report 2024.txt')).toBeNull();
    expect(nameProblem('.hidden')).toBeNull();
  });
  it('refuses empty, separators, NUL and line breaks', () => {
    expect(nameProblem('')).toMatch(/Enter a name/);
    expect(nameProblem('   ')).toMatch(/Enter a name/);
    expect(nameProblem('a/b')).toMatch(/“\/”/);
    expect(nameProblem('a\0b')).toMatch(/NUL/);
    expect(nameProblem('a\nb')).toMatch(/line breaks/);
    expect(nameProblem('a\rb')).toMatch(/line breaks/);
    expect(nameProblem('..')).not.toBeNull();
  });
});
