import { describe, expect, it } from 'vitest';
import { mapLimited } from './map-limited.js';

describe('mapLimited', () => {
  it('returns results in the order of the items whatever order the calls finish in', async () => {
    const delays = [30, 5, 20, 0, 10];
    const out = await mapLimited(delays, 3, (ms) => new Promise<number>((resolve) => setTimeout(() => resolve(ms * 2), ms)));
    expect(out).toEqual([60, 10, 40, 0, 20]);
  });

  it('never has more than `limit` calls in flight, and uses that many', async () => {
    let inFlight = 0;
    let peak = 0;
    await mapLimited(Array.from({ length: 40 }, (_, i) => i), 6, async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
    });
    expect(peak).toBe(6);
  });

  it('maps nothing to nothing and rejects with the first failure', async () => {
    expect(await mapLimited([], 4, async () => 1)).toEqual([]);
    await expect(mapLimited([1, 2, 3], 2, async (n) => (n === 2 ? Promise.reject(new Error('two')) : n))).rejects.toThrow('two');
  });
});
