import { describe, expect, it } from 'vitest';
import { TransferProgress } from './transfer-progress.js';

describe('TransferProgress', () => {
  it('reports the first chunk at once, then at most once per interval, then the exact total', () => {
    let t = 0;
    const calls: number[] = [];
    const progress = new TransferProgress((b) => calls.push(b), 250, () => t);
    for (let i = 0; i < 1000; i++) {
      progress.add(100);
      t += 1; // 1000 chunks over one second
    }
    progress.finish();
    expect(calls[0]).toBe(100);
    expect(calls.length).toBeLessThanOrEqual(6); // 4 per second + the first + the final
    expect(calls.at(-1)).toBe(100_000);
    expect(progress.bytes).toBe(100_000);
  });

  it('counts without a callback', () => {
    const progress = new TransferProgress();
    progress.add(5);
    progress.finish();
    expect(progress.bytes).toBe(5);
  });
});
