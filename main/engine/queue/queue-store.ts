/**
 * `queue.json`: the queue as it changes, so a quit or a crash loses nothing.
 * Writes are atomic (json-file.ts: temp file, fsync, rename — a kill
 * mid-write leaves the previous file whole) and throttled: progress changes
 * the queue many times a second, the disk sees it at most once per interval,
 * and `flush` writes the last state on close.
 *
 * Resume does not trust the stored byte counts for clean stops — the runner
 * measures the partial file — but after a crash the stored count caps the
 * resume point (`interrupted`), see transfer-runner.ts.
 */
import { join } from 'node:path';
import type { TransferJob } from '../../../shared/model/transfer.js';
import { readJsonFile, writeTextFileAtomic } from '../store/json-file.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { storedQueueSchema, type StoredQueue } from './queue-schema.js';

export const QUEUE_FILE = 'queue.json';
export const SAVE_INTERVAL_MS = 1_000;
/** How soon a change of state (jobs added, a job finished) reaches the disk: a crash must not lose it. */
export const URGENT_SAVE_MS = 150;

export type QueueLoad =
  | { readonly status: 'missing' }
  | { readonly status: 'ok'; readonly queue: StoredQueue; readonly crashed: boolean }
  | { readonly status: 'corrupt'; readonly reason: string; readonly backup: string };

/**
 * Jobs as they continue after a restart: a job that was running goes back to
 * the queue with its bytes counted; after a crash it is marked `interrupted`
 * (its partial file may hold bytes beyond what was confirmed). Waiting
 * retries start over without the wait.
 */
export function reviveJobs(jobs: readonly TransferJob[], crashed: boolean): TransferJob[] {
  return jobs.map((job) => {
    if (job.state.status === 'running') return { ...job, state: { status: 'queued' }, interrupted: job.interrupted || crashed };
    if (job.state.status === 'queued' && job.state.retryAt !== undefined) return { ...job, state: { status: 'queued', lastError: job.state.lastError } };
    return job;
  });
}

export class QueueStore {
  readonly path: string;
  private timer: TimerHandle | null = null;
  private timerDelay = 0;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  /** How long the last write took: urgent saves wait at least ten times that (see `markDirty`). */
  private lastWriteMs = 0;
  /**
   * Each job's JSON from an earlier save. Jobs are immutable (the table
   * replaces a job that changes), so between two saves only the few running
   * ones need serialising again: stringifying 2,000 jobs at every save was a
   * twentieth of a small-file queue's CPU.
   */
  private readonly jobText = new WeakMap<StoredQueue['jobs'][number], string>();

  /** @param read returns the current state to save; called when a write happens, not when it is asked for. */
  constructor(
    dataDir: string,
    private readonly read: () => StoredQueue,
    private readonly clock: Clock = systemClock,
    private readonly intervalMs = SAVE_INTERVAL_MS,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.path = join(dataDir, QUEUE_FILE);
  }

  async load(): Promise<QueueLoad> {
    const result = await readJsonFile(this.path, (raw) => storedQueueSchema.parse(raw));
    if (result.status !== 'ok') return result;
    const crashed = result.value.running;
    return { status: 'ok', crashed, queue: { ...result.value, jobs: reviveJobs(result.value.jobs, crashed) } };
  }

  /**
   * Notes a change; the file is written within `intervalMs`, or within
   * `URGENT_SAVE_MS` for an urgent one (jobs added or finished: losing those
   * to a crash would re-send files or forget them). Writes stay coalesced.
   * A big queue takes longer to write (10,000 jobs: tens of ms), so urgent
   * saves come at most every ten write-times: saving never takes more than
   * about a tenth of the time, at the price of a longer window for a crash.
   */
  markDirty(urgent = false): void {
    this.dirty = true;
    const urgentMs = Math.max(URGENT_SAVE_MS, this.lastWriteMs * 10);
    const delay = urgent ? Math.min(urgentMs, this.intervalMs) : this.intervalMs;
    if (this.timer !== null) {
      if (!urgent || this.timerDelay <= delay) return;
      this.clock.clearTimeout(this.timer);
    }
    this.timerDelay = delay;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.write();
    }, delay);
  }

  /** Writes now if anything changed (waits for a write in progress first). */
  async flush(): Promise<void> {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.write();
  }

  /** `JSON.stringify(queue)`, reusing the text of jobs unchanged since an earlier save. */
  private serialise(queue: StoredQueue): string {
    const { jobs, ...rest } = queue;
    const texts = jobs.map((job) => {
      let text = this.jobText.get(job);
      if (text === undefined) this.jobText.set(job, (text = JSON.stringify(job)));
      return text;
    });
    return `${JSON.stringify(rest).slice(0, -1)},"jobs":[${texts.join(',')}]}`;
  }

  private write(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const started = this.clock.now();
      try {
        await writeTextFileAtomic(this.path, this.serialise(this.read()));
        this.lastWriteMs = this.clock.now() - started;
      } catch (error) {
        this.dirty = true;
        this.onError(error);
      }
    });
    return this.writing;
  }
}
