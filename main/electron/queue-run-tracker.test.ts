import { describe, expect, it } from 'vitest';
import type { QueueTotals, TransferJob, TransferProgressBatch, TransferState } from '../../shared/model/transfer.js';
import { createRunTracker, finishedMessage } from './queue-run-tracker.js';

const STATUSES = { queued: 0, running: 0, paused: 0, done: 0, skipped: 0, failed: 0, cancelled: 0 };

function batch(counts: Partial<typeof STATUSES>, bytes: [number, number], changed: [string, TransferState][] = [], active = true): TransferProgressBatch {
  const totals: QueueTotals = { jobs: 0, byStatus: { ...STATUSES, ...counts }, bytesDone: bytes[0], bytesTotal: bytes[1], speed: 0 };
  const jobs = changed.map(([id, state]) => ({ id, state }) as unknown as TransferJob);
  return { seq: 1, active, changed: jobs, removed: [], totals };
}

describe('queue run tracker', () => {
  it('shows the byte fraction while busy, -1 when idle, and sums up the run once', () => {
    const tracker = createRunTracker();
    expect(tracker.update(batch({ done: 5 }, [10, 10]))).toEqual({ progress: -1 });
    expect(tracker.update(batch({ queued: 3, done: 5 }, [10, 40]))).toEqual({ progress: 0.25 });
    expect(tracker.update(batch({ running: 1, queued: 1, done: 6 }, [30, 40], [['a', { status: 'done', verified: 'size' }]]))).toEqual({ progress: 0.75 });
    const end = tracker.update(
      batch({ done: 7, failed: 1 }, [40, 40], [
        ['b', { status: 'done', verified: 'size' }],
        ['c', { status: 'failed', code: 'TIMEOUT', message: 'x', attempts: 6 }],
      ]),
    );
    expect(end).toEqual({ progress: -1, finished: { done: 2, failed: 1 } });
    expect(tracker.update(batch({ done: 7, failed: 1 }, [40, 40]))).toEqual({ progress: -1 });
    expect(finishedMessage({ done: 2, failed: 1 })).toBe('Transfers finished: 2 done, 1 failed');
  });

  it('a stopped queue counts as idle', () => {
    const tracker = createRunTracker();
    tracker.update(batch({ queued: 2 }, [0, 10]));
    expect(tracker.update(batch({ queued: 2 }, [0, 10], [], false))).toEqual({ progress: -1, finished: { done: 0, failed: 0 } });
  });
});
