/**
 * Counts and bytes over the whole queue for the status bar. `TotalsCounter`
 * keeps them up to date per job change (O(1) each), so a progress batch does
 * not walk the queue; `queueTotals` computes them from scratch.
 */
import type { QueueTotals, TransferJob, TransferStatus } from '../../../shared/model/transfer.js';

const zeroByStatus = (): Record<TransferStatus, number> => ({ queued: 0, running: 0, paused: 0, done: 0, skipped: 0, failed: 0, cancelled: 0 });

/** Bytes a job adds to [bytesTotal, bytesDone]. */
function bytesOf(job: TransferJob): readonly [number, number] {
  if (job.kind !== 'file' || job.size === null || job.state.status === 'skipped' || job.state.status === 'cancelled') return [0, 0];
  return [job.size, Math.min(job.size, job.state.status === 'done' ? job.size : job.transferred)];
}

export function queueTotals(jobs: Iterable<TransferJob>): QueueTotals {
  const byStatus = zeroByStatus();
  let count = 0;
  let bytesTotal = 0;
  let bytesDone = 0;
  let speed = 0;
  for (const job of jobs) {
    count++;
    byStatus[job.state.status]++;
    if (job.state.status === 'running') speed += job.state.speed;
    const [total, done] = bytesOf(job);
    bytesTotal += total;
    bytesDone += done;
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

/** `queueTotals` kept incrementally: tell it every job that leaves (`remove`) and enters (`add`). */
export class TotalsCounter {
  private readonly byStatus = zeroByStatus();
  private count = 0;
  private bytesTotal = 0;
  private bytesDone = 0;
  /** Running jobs, for the speed sum (a float sum kept by +/- would drift; there are at most `concurrency`). */
  private readonly running = new Map<string, TransferJob>();

  add(job: TransferJob): void {
    this.apply(job, 1);
  }

  remove(job: TransferJob): void {
    this.apply(job, -1);
  }

  totals(): QueueTotals {
    let speed = 0;
    for (const job of this.running.values()) if (job.state.status === 'running') speed += job.state.speed;
    return { jobs: this.count, byStatus: { ...this.byStatus }, bytesTotal: this.bytesTotal, bytesDone: this.bytesDone, speed };
  }

  /** Jobs with `status` now. */
  countOf(status: TransferStatus): number {
    return this.byStatus[status];
  }

  /** Same as `hasUnfinished` over all jobs. */
  get unfinished(): boolean {
    return this.byStatus.queued + this.byStatus.running + this.byStatus.paused > 0;
  }

  private apply(job: TransferJob, sign: 1 | -1): void {
    this.count += sign;
    this.byStatus[job.state.status] += sign;
    const [total, done] = bytesOf(job);
    this.bytesTotal += sign * total;
    this.bytesDone += sign * done;
    if (job.state.status === 'running') {
      if (sign > 0) this.running.set(job.id, job);
      else this.running.delete(job.id);
    }
  }
}
