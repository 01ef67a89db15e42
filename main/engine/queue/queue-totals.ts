/** Counts and bytes over the whole queue for the status bar, recomputed per batch (linear, a few times a second). */
import type { QueueTotals, TransferJob, TransferStatus } from '../../../shared/model/transfer.js';

export function queueTotals(jobs: Iterable<TransferJob>): QueueTotals {
  const byStatus: Record<TransferStatus, number> = { queued: 0, running: 0, paused: 0, done: 0, skipped: 0, failed: 0, cancelled: 0 };
  let count = 0;
  let bytesTotal = 0;
  let bytesDone = 0;
  let speed = 0;
  for (const job of jobs) {
    count++;
    byStatus[job.state.status]++;
    if (job.state.status === 'running') speed += job.state.speed;
    if (job.kind === 'file' && job.size !== null && job.state.status !== 'skipped' && job.state.status !== 'cancelled') {
      bytesTotal += job.size;
      bytesDone += Math.min(job.size, job.state.status === 'done' ? job.size : job.transferred);
    }
  }
  return { jobs: count, byStatus, bytesTotal, bytesDone, speed };
}

/** True while some job still has work: queued (perhaps waiting for a retry), running or paused. */
export function hasUnfinished(jobs: Iterable<TransferJob>): boolean {
  for (const job of jobs) {
    const status = job.state.status;
    if (status === 'queued' || status === 'running' || status === 'paused') return true;
  }
  return false;
}
