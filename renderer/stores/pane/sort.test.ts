import { describe, expect, it } from 'vitest';
import { dir, file, link } from '../testing/entries.js';
import { DEFAULT_SORT, nextSort, sortEntries, visibleEntries } from './sort.js';

const names = (list: readonly { name: string }[]): string[] => list.map((e) => e.name);

describe('sortEntries', () => {
  it('puts folders first and sorts names naturally, ignoring case', () => {
    const list = [file('b.txt'), dir('zeta'), file('File10'), file('file2'), dir('Alpha'), link('a-link', '/x')];
    expect(names(sortEntries(list, DEFAULT_SORT))).toEqual(['Alpha', 'zeta', 'a-link', 'b.txt', 'file2', 'File10']);
  });

  it('keeps folders first when reversed', () => {
    const list = [file('a'), dir('d1'), file('b'), dir('d2')];
    expect(names(sortEntries(list, { key: 'name', direction: 'desc' }))).toEqual(['d2', 'd1', 'b', 'a']);
  });

  it('sorts by size with unknown sizes first ascending, name breaking ties', () => {
    const list = [file('big', { size: 5000 }), file('b-small', { size: 10 }), file('a-small', { size: 10 }), file('unknown', { size: null })];
    expect(names(sortEntries(list, { key: 'size', direction: 'asc' }))).toEqual(['unknown', 'a-small', 'b-small', 'big']);
    expect(names(sortEntries(list, { key: 'size', direction: 'desc' }))).toEqual(['big', 'a-small', 'b-small', 'unknown']);
  });

  it('sorts by date, permissions and owner', () => {
    const list = [
      file('old', { modified: 1, permissions: 'rwx------', owner: 'zed', group: 'g' }),
      file('new', { modified: 9, permissions: 'rw-r--r--', owner: 'amy', group: 'g' }),
    ];
    expect(names(sortEntries(list, { key: 'modified', direction: 'desc' }))).toEqual(['new', 'old']);
    expect(names(sortEntries(list, { key: 'permissions', direction: 'asc' }))).toEqual(['new', 'old']);
    expect(names(sortEntries(list, { key: 'owner', direction: 'asc' }))).toEqual(['new', 'old']);
  });

  it('does not mutate its input', () => {
    const list = [file('b'), file('a')];
    sortEntries(list, DEFAULT_SORT);
    expect(names(list)).toEqual(['b', 'a']);
  });

  it('sorts 50,000 entries quickly', () => {
    const list = Array.from({ length: 50_000 }, (_, i) => (i % 10 === 0 ? dir(`dir ${i}`) : file(`file ${(i * 7919) % 50_000}.dat`, { size: i })));
    const started = performance.now();
    const sorted = sortEntries(list, DEFAULT_SORT);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(sorted[0]?.name).toBe('dir 0');
  });
});

describe('nextSort', () => {
  it('reverses the same column and starts others ascending', () => {
    expect(nextSort(DEFAULT_SORT, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'desc' }, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort({ key: 'name', direction: 'desc' }, 'size')).toEqual({ key: 'size', direction: 'asc' });
  });
});

describe('visibleEntries', () => {
  it('hides dotfiles unless asked and never shows . or ..', () => {
    const list = [dir('.'), dir('..'), file('.bashrc'), file('notes')];
    expect(names(visibleEntries(list, false))).toEqual(['notes']);
    expect(names(visibleEntries(list, true))).toEqual(['.bashrc', 'notes']);
  });
});
