import { describe, expect, it } from 'vitest';
import type { TransferJob } from '../../../shared/model/transfer.js';
import { FakeClock, flushMicrotasks } from './fake-clock.testing.js';
import { pickRunnable, Scheduler } from './scheduler.js';

function job(id: string, siteKey = 'a', order = Number(id.replace(/\D/g, '')) || 0, state: TransferJob['state'] = { status: 'queued' }): TransferJob {
  return { id, kind: 'file', direction: 'upload', siteKey, localPath: `/l/${id}`, remotePath: `/r/${id}`, size: 1, modified: null, transferred: 0, state, order, conflictAction: null, attempts: 0, interrupted: false, ascii: false };
}

const limits = (concurrency: number, perSite: number) => ({ concurrency, siteLimit: () => perSite });

describe('pickRunnable', () => {
  it('takes queued jobs in order up to the global limit', () => {
    const jobs = ['j1', 'j2', 'j3', 'j4', 'j5'].map((id) => job(id));
    const { start } = pickRunnable(jobs, () => false, new Map(), 0, limits(3, 10), 0);
    expect(start.map((j) => j.id)).toEqual(['j1', 'j2', 'j3']);
  });

  it('respects the per-site limit and fills the rest from other sites', () => {
    const jobs = [job('j1', 'a'), job('j2', 'a'), job('j3', 'a'), job('j4', 'b'), job('j5', 'b')];
    const { start } = pickRunnable(jobs, () => false, new Map([['a', 1]]), 1, limits(4, 2), 0);
    expect(start.map((j) => j.id)).toEqual(['j1', 'j4', 'j5']);
  });

  it('passes over paused, finished and running jobs, and jobs waiting for a retry', () => {
    const jobs = [
      job('j1', 'a', 1, { status: 'paused' }),
      job('j2', 'a', 2, { status: 'done', verified: 'size' }),
      job('j3', 'a', 3, { status: 'queued', retryAt: 5_000 }),
      job('j4', 'a', 4),
      job('j5', 'a', 5),
    ];
    const picked = pickRunnable(jobs, (id) => id === 'j4', new Map([['a', 1]]), 1, limits(4, 4), 1_000);
    expect(picked.start.map((j) => j.id)).toEqual(['j5']);
    expect(picked.wakeAt).toBe(5_000);
  });
});

describe('Scheduler', () => {
  function harness(concurrency: number, perSite: number, jobs: TransferJob[]) {
    const clock = new FakeClock();
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    let peak = 0;
    let running = 0;
    const scheduler = new Scheduler({
      clock,
      jobs: () => jobs.filter((j) => j.state.status === 'queued').sort((a, b) => a.order - b.order),
      limits: () => limits(concurrency, perSite),
      execute: (j, signal) =>
        new Promise<void>((resolve) => {
          started.push(j.id);
          running++;
          peak = Math.max(peak, running);
          const end = (): void => {
            running--;
            const index = jobs.findIndex((x) => x.id === j.id);
            jobs[index] = { ...j, state: { status: 'done', verified: 'size' } };
            resolve();
          };
          finish.set(j.id, end);
          signal.addEventListener('abort', end);
        }),
    });
    return { clock, scheduler, started, finish, peak: () => peak };
  }

  it('runs at most `concurrency` at once and starts the next as one ends', async () => {
    const jobs = Array.from({ length: 10 }, (_, i) => job(`j${i + 1}`));
    const h = harness(4, 10, jobs);
    h.scheduler.pump();
    await flushMicrotasks();
    expect(h.started).toEqual(['j1', 'j2', 'j3', 'j4']);
    h.finish.get('j2')?.();
    await flushMicrotasks();
    expect(h.started).toEqual(['j1', 'j2', 'j3', 'j4', 'j5']);
    for (let i = 0; i < 20; i++) {
      for (const end of h.finish.values()) end();
      await flushMicrotasks();
    }
    expect(h.started).toHaveLength(10);
    expect(h.peak()).toBe(4);
    await h.scheduler.whenIdle();
  });

  it('starts nothing while inactive, and stops a running job with a reason', async () => {
    const jobs = [job('j1'), job('j2')];
    const h = harness(1, 1, jobs);
    h.scheduler.setActive(false);
    h.scheduler.pump();
    await flushMicrotasks();
    expect(h.started).toEqual([]);
    h.scheduler.setActive(true);
    await flushMicrotasks();
    expect(h.started).toEqual(['j1']);
    expect(h.scheduler.stop('j1', 'pause')).toBe(true);
    expect(h.scheduler.stop('nope', 'pause')).toBe(false);
    await flushMicrotasks();
    expect(h.started).toEqual(['j1', 'j2']);
  });

  it('wakes up for a job whose retry time comes', async () => {
    const clock = new FakeClock();
    const jobs = [job('j1', 'a', 1, { status: 'queued', retryAt: clock.now() + 4_000 })];
    const started: string[] = [];
    const execute = async (j: TransferJob): Promise<void> => {
      started.push(j.id);
      jobs[0] = { ...j, state: { status: 'done', verified: 'size' } };
    };
    const scheduler = new Scheduler({ clock, jobs: () => jobs, limits: () => limits(2, 2), execute });
    scheduler.pump();
    await clock.advance(3_999);
    expect(started).toEqual([]);
    await clock.advance(2);
    expect(started).toEqual(['j1']);
  });
});
