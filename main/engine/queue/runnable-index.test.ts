import { describe, expect, it } from 'vitest';
import type { TransferJob } from '../../../shared/model/transfer.js';
import { FakeClock, flushMicrotasks } from './fake-clock.testing.js';
import { JobTable } from './job-table.js';
import { queueTotals } from './queue-totals.js';
import { pickRunnable, Scheduler } from './scheduler.js';

const fresh = (id: string, siteKey = 's'): Omit<TransferJob, 'order'> => ({
  id, kind: 'file', direction: 'upload', siteKey, localPath: `/l/${id}`, remotePath: `/r/${id}`, size: 10, modified: null,
  transferred: 0, state: { status: 'queued' }, conflictAction: null, attempts: 0, interrupted: false, ascii: false,
});

const limits = (concurrency: number, perSite: number) => ({ concurrency, siteLimit: () => perSite });

/** A table of `n` jobs over two sites and a scheduler over it whose jobs end when the test says. */
function harness(n: number, concurrency = 4) {
  const table = new JobTable({ changed: () => {}, removed: () => {} });
  table.append(Array.from({ length: n }, (_, i) => fresh(`j${i}`, i % 2 === 0 ? 'a' : 'b')));
  const finish = new Map<string, () => void>();
  const scheduler = new Scheduler({
    clock: new FakeClock(),
    source: table.runnable,
    limits: () => limits(concurrency, 2),
    execute: (job) =>
      new Promise<void>((resolve) => {
        table.update(job.id, (j) => ({ ...j, state: { status: 'running', phase: 'transferring', speed: 1, eta: null } }));
        finish.set(job.id, () => {
          finish.delete(job.id);
          table.update(job.id, (j) => ({ ...j, state: { status: 'done', verified: 'size' } }));
          resolve();
        });
      }),
  });
  return { table, scheduler, finish };
}

describe('RunnableIndex with the scheduler', () => {
  it('starts the next job after one ends touching O(1) jobs, whatever the queue length', async () => {
    const { table, scheduler, finish } = harness(10_000);
    scheduler.pump();
    await flushMicrotasks();
    expect([...finish.keys()]).toEqual(['j0', 'j1', 'j2', 'j3']);
    for (let round = 0; round < 100; round++) {
      const before = table.runnable.visited;
      finish.get([...finish.keys()][0] as string)?.();
      await flushMicrotasks();
      // one pump: at most a couple of heap heads per site, not a walk over 10,000 jobs
      expect(table.runnable.visited - before).toBeLessThanOrEqual(8);
      expect(finish.size).toBe(4);
    }
    expect(table.countOf('done')).toBe(100);
    expect(table.totals()).toEqual(queueTotals(table.ordered()));
  });

  it('keeps ordered() in place: updates do not rebuild or copy the array', () => {
    const { table } = harness(10_000);
    const first = table.ordered();
    table.update('j5', (j) => ({ ...j, transferred: 3 }));
    expect(table.ordered()).toBe(first);
    expect(first[5]?.transferred).toBe(3);
    table.append([fresh('extra')]);
    expect(table.ordered()).toBe(first);
    expect(first.at(-1)?.id).toBe('extra');
  });

  it('picks what pickRunnable picks, through pauses, retries, moves and removals', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const table = new JobTable({ changed: () => {}, removed: () => {} });
    table.append(Array.from({ length: 60 }, (_, i) => fresh(`j${i}`, ['a', 'b', 'c'][i % 3])));
    const running = new Set<string>();
    let now = 1_000;
    for (let step = 0; step < 2_000; step++) {
      const id = `j${random(60)}`;
      const job = table.get(id);
      switch (random(7)) {
        case 0:
          table.update(id, (j) => ({ ...j, state: { status: 'paused' } }));
          break;
        case 1:
          table.update(id, (j) => ({ ...j, state: { status: 'queued', retryAt: now + random(50) } }));
          break;
        case 2:
          table.update(id, (j) => ({ ...j, state: { status: 'queued' } }));
          break;
        case 3:
          if (random(2) === 0) table.moveToTop([id]);
          else table.moveToBottom([id]);
          break;
        case 4:
          if (job && running.delete(id)) {
            table.update(id, (j) => ({ ...j, state: random(2) === 0 ? { status: 'queued' } : { status: 'done', verified: 'size' } }));
            table.runnable.ended(id);
          }
          break;
        case 5:
          if (!running.has(id) && table.remove(id)) table.append([fresh(id, ['a', 'b', 'c'][random(3)])]);
          break;
        default:
          now += random(20);
      }
      const perSite = new Map<string, number>();
      for (const r of running) {
        const site = table.get(r)?.siteKey ?? '';
        perSite.set(site, (perSite.get(site) ?? 0) + 1);
      }
      const lim = limits(6, 2);
      const expected = pickRunnable(table.ordered(), (x) => running.has(x), perSite, running.size, lim, now);
      const actual = table.runnable.pick((x) => running.has(x), perSite, running.size, lim, now);
      expect(actual.start.map((j) => j.id)).toEqual(expected.start.map((j) => j.id));
      expect(actual.start).toEqual(expected.start);
      // the index wakes for every waiting job, also ones a full queue made pickRunnable stop before: never later
      if (expected.wakeAt !== null) expect(actual.wakeAt).toBeLessThanOrEqual(expected.wakeAt);
      for (const started of actual.start) running.add(started.id);
      expect(table.totals()).toEqual(queueTotals(table.ordered()));
    }
  });
});
