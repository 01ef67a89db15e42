/**
 * Decides which queued jobs start: the first ones in queue order, at most
 * `concurrency` at once over all sites and at most the site's limit per site
 * (which a server's "too many connections" may have lowered). A job waiting
 * out a retry backoff is passed over until its time, without holding a slot.
 * Running jobs are stopped through their AbortSignal with a reason, so the
 * job's owner can tell a pause from a cancel from a shutdown.
 */
import type { TransferJob } from '../../../shared/model/transfer.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';

/** Why a running job was stopped: it ends paused, cancelled, back in the queue (stop), or removed. */
export type StopReason = 'pause' | 'cancel' | 'stop' | 'remove';

export interface Limits {
  readonly concurrency: number;
  readonly siteLimit: (siteKey: string) => number;
}

export interface Pick {
  readonly start: readonly TransferJob[];
  /** The earliest `retryAt` still in the future, to wake up for; null when none. */
  readonly wakeAt: number | null;
}

/** Pure selection: which of `jobs` (in queue order) may start now. */
export function pickRunnable(
  jobs: readonly TransferJob[],
  isRunning: (id: string) => boolean,
  runningPerSite: ReadonlyMap<string, number>,
  runningTotal: number,
  limits: Limits,
  now: number,
): Pick {
  const start: TransferJob[] = [];
  const perSite = new Map(runningPerSite);
  let total = runningTotal;
  let wakeAt: number | null = null;
  for (const job of jobs) {
    if (total >= limits.concurrency) break;
    if (job.state.status !== 'queued' || isRunning(job.id)) continue;
    const retryAt = job.state.retryAt;
    if (retryAt !== undefined && retryAt > now) {
      wakeAt = wakeAt === null ? retryAt : Math.min(wakeAt, retryAt);
      continue;
    }
    const onSite = perSite.get(job.siteKey) ?? 0;
    if (onSite >= limits.siteLimit(job.siteKey)) continue;
    perSite.set(job.siteKey, onSite + 1);
    total++;
    start.push(job);
  }
  return { start, wakeAt };
}

/**
 * Where the scheduler finds runnable jobs without walking the queue (see
 * RunnableIndex): `pick` answers as `pickRunnable` would over the queue in
 * order, and `ended` hears of every run that ended.
 */
export interface RunnableSource {
  pick(isRunning: (id: string) => boolean, runningPerSite: ReadonlyMap<string, number>, runningTotal: number, limits: Limits, now: number): Pick;
  ended(id: string): void;
}

export interface SchedulerOptions {
  /** The queue in order, scanned by `pickRunnable` on every pump (O(n)); used when there is no `source`. */
  readonly jobs?: () => readonly TransferJob[];
  /** Preferred over `jobs`: picks the next jobs without a scan. */
  readonly source?: RunnableSource;
  readonly limits: () => Limits;
  /** Runs one job to its end; must settle (never hang) once `signal` aborts. Errors are the owner's to handle. */
  readonly execute: (job: TransferJob, signal: AbortSignal) => Promise<void>;
  readonly clock?: Clock;
  /** Called after a job ended and the next ones were started. */
  readonly onJobEnd?: () => void;
  /** Whether to take jobs from the start (default true); the queue starts inactive until it has loaded. */
  readonly active?: boolean;
}

interface Running {
  readonly siteKey: string;
  readonly controller: AbortController;
}

export class Scheduler {
  private readonly running = new Map<string, Running>();
  private readonly perSite = new Map<string, number>();
  private readonly clock: Clock;
  private active: boolean;
  private wakeTimer: TimerHandle | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.active = options.active ?? true;
  }

  get isActive(): boolean {
    return this.active;
  }

  get runningCount(): number {
    return this.running.size;
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Starts or stops taking new jobs (running ones are not touched; see `stopAll`). */
  setActive(active: boolean): void {
    this.active = active;
    if (active) this.pump();
  }

  /** Starts every job that may start now. Cheap to call after any change. */
  pump(): void {
    if (!this.active) return;
    const now = this.clock.now();
    const isRunning = (id: string): boolean => this.running.has(id);
    const { source, jobs } = this.options;
    const limits = this.options.limits();
    const { start, wakeAt } = source
      ? source.pick(isRunning, this.perSite, this.running.size, limits, now)
      : pickRunnable(jobs?.() ?? [], isRunning, this.perSite, this.running.size, limits, now);
    for (const job of start) this.start(job);
    this.scheduleWake(wakeAt, now);
  }

  /** Stops a running job; false when it was not running. */
  stop(id: string, reason: StopReason): boolean {
    const run = this.running.get(id);
    if (!run) return false;
    run.controller.abort(reason);
    return true;
  }

  stopAll(reason: StopReason): void {
    for (const id of this.running.keys()) this.stop(id, reason);
  }

  /** Resolves once no job is running. */
  whenIdle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    if (this.wakeTimer !== null) this.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    this.active = false;
  }

  private start(job: TransferJob): void {
    const controller = new AbortController();
    this.running.set(job.id, { siteKey: job.siteKey, controller });
    this.perSite.set(job.siteKey, (this.perSite.get(job.siteKey) ?? 0) + 1);
    void Promise.resolve()
      .then(() => this.options.execute(job, controller.signal))
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(job.id);
        const onSite = (this.perSite.get(job.siteKey) ?? 1) - 1;
        if (onSite > 0) this.perSite.set(job.siteKey, onSite);
        else this.perSite.delete(job.siteKey);
        this.options.source?.ended(job.id);
        this.pump();
        if (this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        this.options.onJobEnd?.();
      });
  }

  private scheduleWake(wakeAt: number | null, now: number): void {
    if (this.wakeTimer !== null) this.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    if (wakeAt === null) return;
    this.wakeTimer = this.clock.setTimeout(() => {
      this.wakeTimer = null;
      this.pump();
    }, wakeAt - now);
  }
}
