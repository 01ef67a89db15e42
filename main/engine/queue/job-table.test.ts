import { describe, expect, it } from 'vitest';
import type { TransferJob } from '../../../shared/model/transfer.js';
import { JobTable } from './job-table.js';
import { RateMeter } from './rate-meter.js';
import { queueTotals } from './queue-totals.js';

const fresh = (id: string, size = 10): Omit<TransferJob, 'order'> => ({
  id, kind: 'file', direction: 'upload', siteKey: 's', localPath: `/l/${id}`, remotePath: `/r/${id}`, size, modified: null,
  transferred: 0, state: { status: 'queued' }, conflictAction: null, attempts: 0, interrupted: false, ascii: false,
});

describe('JobTable', () => {
  it('keeps queue order through appends and moves, and reports every change', () => {
    const changed: string[] = [];
    const removed: string[] = [];
    const table = new JobTable({ changed: (job) => changed.push(job.id), removed: (id) => removed.push(id) });
    table.append(['a', 'b', 'c', 'd'].map((id) => fresh(id)));
    table.moveToTop(['c', 'd']);
    expect(table.ordered().map((job) => job.id)).toEqual(['c', 'd', 'a', 'b']);
    table.moveToBottom(['c']);
    expect(table.ordered().map((job) => job.id)).toEqual(['d', 'a', 'b', 'c']);
    table.update('a', (job) => ({ ...job, transferred: 5 }));
    expect(table.ordered()[1]?.transferred).toBe(5);
    table.remove('b');
    expect(table.ordered().map((job) => job.id)).toEqual(['d', 'a', 'c']);
    expect(removed).toEqual(['b']);
    expect(changed.filter((id) => id === 'a')).toHaveLength(2);
  });
});

describe('queueTotals', () => {
  it('counts statuses and bytes', () => {
    const table = new JobTable({ changed: () => {}, removed: () => {} });
    table.append([fresh('a', 100), fresh('b', 50), fresh('c', 30)]);
    table.update('a', (job) => ({ ...job, state: { status: 'done', verified: 'size' } }));
    table.update('b', (job) => ({ ...job, transferred: 20, state: { status: 'running', phase: 'transferring', speed: 7, eta: 4 } }));
    table.update('c', (job) => ({ ...job, state: { status: 'skipped', reason: 'same size' } }));
    const totals = queueTotals(table.ordered());
    expect(totals).toMatchObject({ jobs: 3, bytesTotal: 150, bytesDone: 120, speed: 7 });
    expect(totals.byStatus).toMatchObject({ done: 1, running: 1, skipped: 1, queued: 0 });
  });
});

describe('RateMeter', () => {
  it('measures over a sliding window and estimates the time left', () => {
    const meter = new RateMeter();
    expect(meter.speed()).toBe(0);
    expect(meter.eta(100)).toBeNull();
    for (let t = 0; t <= 10_000; t += 250) meter.add(t, t * 100); // 100 kB/s
    expect(meter.speed()).toBeCloseTo(100_000, -2);
    expect(meter.eta(1_000_000)).toBe(10);
  });
});
