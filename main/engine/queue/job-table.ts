/**
 * The queue's jobs, in order, with one place where a job changes — so every
 * change reaches the progress batcher and the store, and nothing else holds
 * a stale copy. Jobs are immutable values; `update` replaces one.
 */
import type { QueueTotals, TransferJob } from '../../../shared/model/transfer.js';
import { TotalsCounter } from './queue-totals.js';
import { RunnableIndex } from './runnable-index.js';

export interface JobTableEvents {
  readonly changed: (job: TransferJob) => void;
  readonly removed: (id: string) => void;
}

export class JobTable {
  private readonly jobs = new Map<string, TransferJob>();
  /** `ordered()`'s array, kept current in place (`slot` maps id → index); null until the order next matters. */
  private sorted: TransferJob[] | null = null;
  private readonly slot = new Map<string, number>();
  private readonly counter = new TotalsCounter();
  /** The queued jobs, for the scheduler (see RunnableIndex). */
  readonly runnable = new RunnableIndex((id) => this.jobs.get(id));
  private lowest = 0;
  private highest = 0;

  constructor(private readonly events: JobTableEvents) {}

  get size(): number {
    return this.jobs.size;
  }

  get(id: string): TransferJob | undefined {
    return this.jobs.get(id);
  }

  /**
   * All jobs, first to run first. The same array is returned (and updated in
   * place) until the order changes or a job leaves: copy it to keep a snapshot.
   */
  ordered(): readonly TransferJob[] {
    if (!this.sorted) {
      this.sorted = [...this.jobs.values()].sort((a, b) => a.order - b.order);
      this.slot.clear();
      this.sorted.forEach((job, index) => this.slot.set(job.id, index));
    }
    return this.sorted;
  }

  /** Queue totals, kept up to date per change (no walk over the queue). */
  totals(): QueueTotals {
    return this.counter.totals();
  }

  /** Number of jobs with that status now. */
  countOf(status: TransferJob['state']['status']): number {
    return this.counter.countOf(status);
  }

  /** Whether some job is queued, running or paused (see `hasUnfinished`). */
  get hasUnfinished(): boolean {
    return this.counter.unfinished;
  }

  /** Order value for a job appended at the end. */
  nextOrder(): number {
    return ++this.highest;
  }

  /** Adds jobs as they are (used when loading); later jobs keep their stored order. */
  load(jobs: readonly TransferJob[]): void {
    for (const job of jobs) {
      this.put(job);
      this.lowest = Math.min(this.lowest, job.order);
      this.highest = Math.max(this.highest, job.order);
    }
    this.invalidate();
  }

  /** Appends new jobs at the end, in the given order. */
  append(jobs: readonly Omit<TransferJob, 'order'>[]): TransferJob[] {
    const added = jobs.map((job) => ({ ...job, order: this.nextOrder() }));
    for (const job of added) {
      if (this.jobs.has(job.id)) this.invalidate();
      this.put(job);
      // new jobs have the highest order: they go at the end of the cached order
      if (this.sorted) {
        this.slot.set(job.id, this.sorted.length);
        this.sorted.push(job);
      }
      this.events.changed(job);
    }
    return added;
  }

  /** Replaces a job by `change(job)`; returns the new value (undefined when the job is gone). */
  update(id: string, change: (job: TransferJob) => TransferJob): TransferJob | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    const next = change(job);
    if (next === job) return job;
    this.put(next);
    if (next.order !== job.order) this.invalidate();
    else if (this.sorted) {
      const index = this.slot.get(id);
      if (index !== undefined) this.sorted[index] = next;
    }
    this.events.changed(next);
    return next;
  }

  remove(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    this.jobs.delete(id);
    this.counter.remove(job);
    this.runnable.sync(id, undefined);
    this.invalidate();
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

  /** Stores a job's new value and keeps the totals and the runnable index in step. */
  private put(job: TransferJob): void {
    const old = this.jobs.get(job.id);
    if (old) this.counter.remove(old);
    this.jobs.set(job.id, job);
    this.counter.add(job);
    this.runnable.sync(job.id, job);
  }

  private invalidate(): void {
    this.sorted = null;
    this.slot.clear();
  }

  private pick(ids: readonly string[]): TransferJob[] {
    const wanted = new Set(ids);
    return this.ordered().filter((job) => wanted.has(job.id));
  }
}
