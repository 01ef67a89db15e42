/**
 * Follows the queue's progress batches for the OS integration (no Electron
 * here, so it is unit-tested): the fraction to show on the taskbar or dock
 * while transfers run, and one summary when a run ends — counting only the
 * jobs that finished during that run, not what was already in the list.
 */
import type { TransferProgressBatch } from '../../shared/model/transfer.js';

export interface RunUpdate {
  /** 0–1 while the queue works; -1 when it is idle (the progress bar is removed). */
  readonly progress: number;
  /** Set once, when a run ended: how its jobs finished. */
  readonly finished?: { readonly done: number; readonly failed: number };
}

export interface RunTracker {
  update(batch: TransferProgressBatch): RunUpdate;
}

export function createRunTracker(): RunTracker {
  let running = false;
  const done = new Set<string>();
  const failed = new Set<string>();
  return {
    update(batch) {
      const { byStatus, bytesDone, bytesTotal } = batch.totals;
      const busy = batch.active && byStatus.running + byStatus.queued > 0;
      if (busy && !running) {
        running = true;
        done.clear();
        failed.clear();
      }
      if (running) {
        for (const job of batch.changed) {
          done.delete(job.id);
          failed.delete(job.id);
          if (job.state.status === 'done') done.add(job.id);
          else if (job.state.status === 'failed') failed.add(job.id);
        }
      }
      if (busy) return { progress: bytesTotal > 0 ? Math.min(1, bytesDone / bytesTotal) : 0 };
      if (!running) return { progress: -1 };
      running = false;
      return { progress: -1, finished: { done: done.size, failed: failed.size } };
    },
  };
}

/** "Transfers finished: 12 done, 1 failed". */
export function finishedMessage(finished: { readonly done: number; readonly failed: number }): string {
  return `Transfers finished: ${finished.done} done, ${finished.failed} failed`;
}
