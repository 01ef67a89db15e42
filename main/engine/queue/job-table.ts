/**
 * The queue's jobs, in order, with one place where a job changes — so every
 * change reaches the progress batcher and the store, and nothing else holds
 * a stale copy. Jobs are immutable values; `update` replaces one.
 */
import type { TransferJob } from '../../../shared/model/transfer.js';

export interface JobTableEvents {
  readonly changed: (job: TransferJob) => void;
  readonly removed: (id: string) => void;
}

export class JobTable {
  private readonly jobs = new Map<string, TransferJob>();
  private sorted: TransferJob[] | null = null;
  private lowest = 0;
  private highest = 0;

  constructor(private readonly events: JobTableEvents) {}

  get size(): number {
    return this.jobs.size;
  }

  get(id: string): TransferJob | undefined {
    return this.jobs.get(id);
  }

  /** All jobs, first to run first (cached until the order changes). */
  ordered(): readonly TransferJob[] {
    if (!this.sorted) this.sorted = [...this.jobs.values()].sort((a, b) => a.order - b.order);
    else this.sorted = this.sorted.map((job) => this.jobs.get(job.id) ?? job);
    return this.sorted;
  }

  /** Order value for a job appended at the end. */
  nextOrder(): number {
    return ++this.highest;
  }

  /** Adds jobs as they are (used when loading); later jobs keep their stored order. */
  load(jobs: readonly TransferJob[]): void {
    for (const job of jobs) {
      this.jobs.set(job.id, job);
      this.lowest = Math.min(this.lowest, job.order);
      this.highest = Math.max(this.highest, job.order);
    }
    this.sorted = null;
  }

  /** Appends new jobs at the end, in the given order. */
  append(jobs: readonly Omit<TransferJob, 'order'>[]): TransferJob[] {
    const added = jobs.map((job) => ({ ...job, order: this.nextOrder() }));
    for (const job of added) {
      this.jobs.set(job.id, job);
      this.events.changed(job);
    }
    this.sorted = null;
    return added;
  }

  /** Replaces a job by `change(job)`; returns the new value (undefined when the job is gone). */
  update(id: string, change: (job: TransferJob) => TransferJob): TransferJob | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    const next = change(job);
    if (next === job) return job;
    this.jobs.set(id, next);
    if (next.order !== job.order) this.sorted = null;
    this.events.changed(next);
    return next;
  }

  remove(id: string): boolean {
    if (!this.jobs.delete(id)) return false;
    this.sorted = null;
    this.events.removed(id);
    return true;
  }

  /** Moves jobs before all others, keeping their relative order. */
  moveToTop(ids: readonly string[]): void {
    const picked = this.pick(ids);
    let order = this.lowest - picked.length;
    this.lowest = order;
    for (const job of picked) this.update(job.id, (j) => ({ ...j, order: order++ }));
  }

  /** Moves jobs after all others, keeping their relative order. */
  moveToBottom(ids: readonly string[]): void {
    for (const job of this.pick(ids)) this.update(job.id, (j) => ({ ...j, order: this.nextOrder() }));
  }

  private pick(ids: readonly string[]): TransferJob[] {
    const wanted = new Set(ids);
    return this.ordered().filter((job) => wanted.has(job.id));
  }
}
