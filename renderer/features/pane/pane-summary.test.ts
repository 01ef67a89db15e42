import { describe, expect, it } from 'vitest';
import { dir, file, link } from '../../stores/testing/entries.js';
import { paneSummary } from './pane-summary.js';

describe('paneSummary', () => {
  it('counts folders and files, totals file sizes, and mentions the selection', () => {
    const view = [dir('a'), dir('b'), file('x', { size: 1024 }), file('y', { size: 512 }), link('l', '/t')];
    expect(paneSummary(view, 0)).toBe('2 folders, 3 files (1.5 KiB)');
    expect(paneSummary(view, 2)).toBe('2 folders, 3 files (1.5 KiB) · 2 selected');
    expect(paneSummary([dir('only')], 0)).toBe('1 folder, 0 files');
  });
});
