import { describe, expect, it } from 'vitest';
import { createOperations } from './operations.js';
import { createReporter } from './operation-progress.js';
import type { FsOperationEvent } from '../../shared/model/file-ops.js';

describe('operations', () => {
  it('cancels a running operation by id and frees the id afterwards', async () => {
    const ops = createOperations();
    let seen: AbortSignal | null = null;
    const running = ops.run('op-1', (signal) => {
      seen = signal;
      return new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('stopped')));
    });
    await expect(ops.run('op-1', async () => 1)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect(ops.cancel('op-1')).toBe(true);
    await expect(running).resolves.toBe('stopped');
    expect((seen as AbortSignal | null)?.aborted).toBe(true);
    expect(ops.cancel('op-1')).toBe(false);
    await expect(ops.run('op-1', async () => 2)).resolves.toBe(2);
  });
  it('unknown ids cancel nothing', () => {
    expect(createOperations().cancel('nope')).toBe(false);
  });
});

describe('operation progress', () => {
  it('throttles progress events but reports every failure and a final count', () => {
    const events: FsOperationEvent[] = [];
    let t = 1000;
    const r = createReporter('op', (e) => events.push(e), 200, () => t);
    for (let i = 0; i < 100; i++) {
      r.step(`/f${i}`);
      t += 10; // 100 items in 1 s
    }
    r.fail('/bad', 'Permission denied');
    r.finish(false);
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress.length).toBeLessThanOrEqual(5 + 1 + 1);
    expect(events.filter((e) => e.kind === 'item-failed')).toEqual([{ operationId: 'op', kind: 'item-failed', path: '/bad', reason: 'Permission denied' }]);
    expect(progress.at(-1)).toMatchObject({ done: 100, total: 101 });
    expect(events.at(-1)).toEqual({ operationId: 'op', kind: 'finished', cancelled: false });
  });
});
