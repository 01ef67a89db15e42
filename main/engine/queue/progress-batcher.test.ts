import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.testing.js';
import { ProgressBatcher } from './progress-batcher.js';

describe('ProgressBatcher', () => {
  it('sends a burst of changes as one batch, each job once', async () => {
    const clock = new FakeClock();
    const batches: (readonly string[])[] = [];
    const batcher = new ProgressBatcher((changed) => batches.push(changed), clock);
    for (let i = 0; i < 10_000; i++) batcher.change(`job${i % 100}`);
    await clock.advance(0);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(100);
  });

  it('flushes at most four times a second under constant change', async () => {
    const clock = new FakeClock();
    let count = 0;
    const batcher = new ProgressBatcher(() => count++, clock);
    for (let t = 0; t < 10_000; t += 10) {
      batcher.change('a');
      await clock.advance(10);
    }
    expect(count).toBeGreaterThanOrEqual(39);
    expect(count).toBeLessThanOrEqual(41);
  });

  it('reports removals and drops pending changes of removed jobs', async () => {
    const clock = new FakeClock();
    const seen: [readonly string[], readonly string[]][] = [];
    const batcher = new ProgressBatcher((changed, removed) => seen.push([changed, removed]), clock);
    batcher.change('a');
    batcher.change('b');
    batcher.remove('a');
    batcher.flushNow();
    expect(seen).toEqual([[['b'], ['a']]]);
    batcher.flushNow();
    expect(seen).toHaveLength(1);
  });
});
