import { describe, expect, it } from 'vitest';
import { gridCommand, moveIndex, type KeyInput } from './grid-keys.js';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('gridCommand', () => {
  it('maps movement keys with Shift (range) and Ctrl (focus only)', () => {
    expect(gridCommand(key('ArrowDown'))).toEqual({ type: 'move', to: 'next', range: false, toggle: false });
    expect(gridCommand(key('End', { shiftKey: true }))).toEqual({ type: 'move', to: 'last', range: true, toggle: false });
    expect(gridCommand(key('PageUp', { ctrlKey: true }))).toEqual({ type: 'move', to: 'pageUp', range: false, toggle: true });
    expect(gridCommand(key('Home'))).toMatchObject({ to: 'first' });
  });

  it('maps Ctrl/Cmd+A, Enter, Backspace, Alt+Up, Escape', () => {
    expect(gridCommand(key('a', { ctrlKey: true }))).toEqual({ type: 'selectAll' });
    expect(gridCommand(key('A', { metaKey: true }))).toEqual({ type: 'selectAll' });
    expect(gridCommand(key('Enter'))).toEqual({ type: 'open' });
    expect(gridCommand(key('Backspace'))).toEqual({ type: 'up' });
    expect(gridCommand(key('ArrowUp', { altKey: true }))).toEqual({ type: 'up' });
    expect(gridCommand(key('Escape'))).toEqual({ type: 'clear' });
  });

  it('sends Tab to the other grid and leaves Shift+Tab to the browser', () => {
    expect(gridCommand(key('Tab'))).toEqual({ type: 'tab' });
    expect(gridCommand(key('Tab', { shiftKey: true }))).toBeNull();
    expect(gridCommand(key('Tab', { ctrlKey: true }))).toBeNull();
  });

  it('types printable characters, Space toggles unless a word is being typed', () => {
    expect(gridCommand(key('r'))).toEqual({ type: 'type', char: 'r' });
    expect(gridCommand(key('R', { shiftKey: true }))).toEqual({ type: 'type', char: 'R' });
    expect(gridCommand(key('😀'))).toEqual({ type: 'type', char: '😀' });
    expect(gridCommand(key(' '))).toEqual({ type: 'toggle' });
    expect(gridCommand(key(' '), true)).toEqual({ type: 'type', char: ' ' });
    expect(gridCommand(key(' ', { ctrlKey: true }), true)).toEqual({ type: 'toggle' });
  });

  it('leaves other keys and shortcuts alone', () => {
    expect(gridCommand(key('c', { ctrlKey: true }))).toBeNull();
    expect(gridCommand(key('F5'))).toBeNull();
    expect(gridCommand(key('Shift', { shiftKey: true }))).toBeNull();
    expect(gridCommand(key('x', { altKey: true }))).toBeNull();
  });
});

describe('moveIndex', () => {
  it('moves and clamps', () => {
    expect(moveIndex('next', 0, 10, 5)).toBe(1);
    expect(moveIndex('next', 9, 10, 5)).toBe(9);
    expect(moveIndex('previous', 0, 10, 5)).toBe(0);
    expect(moveIndex('pageDown', 7, 10, 5)).toBe(9);
    expect(moveIndex('pageUp', 3, 10, 5)).toBe(0);
    expect(moveIndex('last', 0, 10, 5)).toBe(9);
    expect(moveIndex('first', 6, 10, 5)).toBe(0);
  });
  it('starts at the top when nothing is focused and returns -1 for empty lists', () => {
    expect(moveIndex('next', -1, 10, 5)).toBe(0);
    expect(moveIndex('previous', -1, 10, 5)).toBe(0);
    expect(moveIndex('next', -1, 0, 5)).toBe(-1);
  });
});
