/**
 * The transfer queue's public face, owned by main: add uploads and
 * downloads (folders expand recursively), steer them (pause, resume, cancel,
 * retry, reorder), read a snapshot, and listen for batched progress. It
 * composes the parts: JobTable (state), Scheduler (what runs), ConnectionPool
 * (connections per site), executeJob (one run), SpeedLimiter, ConflictGate,
 * ProgressBatcher (≤ 4 events/s) and QueueStore (`queue.json`).
 *
 * The renderer mirrors it: one `snapshot()` on start or reload, then
 * `progress` events. `close()` stops the running transfers so that they
 * resume on the next start, and writes the file.
 */
import { mkdir } from 'node:fs/promises';
import { FerryError } from '../../../shared/errors.js';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings, type QueueSnapshot, type TransferJob, type TransferProgressBatch } from '../../../shared/model/transfer.js';
import type { AddRequest, AddResult } from './add-jobs.js';
import { expandRequest, jobsFor } from './add-jobs.js';
import { systemClock, type Clock } from './clock.js';
import { ConflictGate, type AskConflict } from './conflict-gate.js';
import { ConnectionPool, type OpenConnection } from './connection-pool.js';
import { executeJob } from './job-execution.js';
import { JobTable } from './job-table.js';
import { ProgressBatcher } from './progress-batcher.js';
import { hasUnfinished, queueTotals } from './queue-totals.js';
import { settingsSchema, type StoredQueue } from './queue-schema.js';
import { QueueStore, type QueueLoad } from './queue-store.js';
import { RemoteDirs } from './remote-dirs.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from './retry-policy.js';
import type { SiteFacts } from './run-context.js';
import { Scheduler } from './scheduler.js';
import { SpeedLimiter } from './speed-limiter.js';

export interface TransferQueueOptions {
  /** Folder of `queue.json` (created when missing). */
  readonly dataDir: string;
  /** Opens one authenticated connection to a site (the pool calls it as needed). */
  readonly open: OpenConnection;
  /** Asks the user "file exists — what now?"; without it, conflicts follow the default action or are skipped. */
  readonly onConflict?: AskConflict;
  /** Overrides applied over the stored (or default) settings. */
  readonly settings?: Partial<QueueSettings>;
  /** Start processing at once (default true; false keeps a restored queue waiting for `resume()`). */
  readonly start?: boolean;
  readonly log?: (text: string) => void;
  readonly clock?: Clock;
  readonly backoff?: BackoffOptions;
  readonly saveIntervalMs?: number;
  readonly batchIntervalMs?: number;
  readonly idleConnectionMs?: number;
}

export type QueueEvent =
  | { readonly type: 'progress'; readonly batch: TransferProgressBatch }
  | { readonly type: 'settings'; readonly settings: QueueSettings }
  | { readonly type: 'notice'; readonly text: string };

export type QueueListener = (event: QueueEvent) => void;

export class TransferQueue {
  private readonly table: JobTable;
  private readonly scheduler: Scheduler;
  private readonly pool: ConnectionPool;
  private readonly limiter: SpeedLimiter;
  private readonly batcher: ProgressBatcher;
  private readonly store: QueueStore;
  private readonly gate: ConflictGate;
  private readonly listeners = new Set<QueueListener>();
  private readonly dirs = new Map<string, RemoteDirs>();
  private readonly facts = new Map<string, SiteFacts>();
  private readonly idleWaiters: (() => void)[] = [];
  private current: QueueSettings;
  private active = true;
  private closed = false;
  private seq = 0;
  /** What `create` found in `queue.json` (e.g. a corrupt file moved aside). */
  loaded: QueueLoad = { status: 'missing' };

  private constructor(private readonly options: TransferQueueOptions) {
    const clock = options.clock ?? systemClock;
    const log = options.log ?? (() => {});
    this.current = DEFAULT_QUEUE_SETTINGS;
    this.table = new JobTable({
      changed: (job) => this.changed(job.id),
      removed: (id) => {
        this.batcher.remove(id);
        this.store.markDirty();
      },
    });
    this.batcher = new ProgressBatcher((changed, removed) => this.emitBatch(changed, removed), clock, options.batchIntervalMs);
    this.store = new QueueStore(options.dataDir, () => this.stored(), clock, options.saveIntervalMs, (error) => log(`Cannot save the queue: ${String(error)}`));
    this.gate = new ConflictGate(options.onConflict ?? null, () => this.current.defaultConflictAction, {}, () => this.store.markDirty());
    this.limiter = new SpeedLimiter(clock);
    this.pool = new ConnectionPool({
      open: options.open,
      clock,
      limit: (siteKey) => this.current.sites[siteKey]?.maxConnections ?? this.current.perSiteLimit,
      idleMs: options.idleConnectionMs,
      backoff: options.backoff,
      onLimitLowered: (siteKey, limit, reason) => this.notice(`${siteKey}: the server refused another connection (${reason}); using ${limit} from now on`),
    });
    const fresh = new Set<string>();
    this.scheduler = new Scheduler({
      clock,
      jobs: () => this.table.ordered(),
      limits: () => ({ concurrency: this.current.concurrency, siteLimit: (siteKey) => this.pool.limit(siteKey) }),
      execute: async (job, signal) => {
        await executeJob(
          {
            table: this.table,
            pool: this.pool,
            gate: this.gate,
            limiter: this.limiter,
            clock,
            backoff: options.backoff ?? DEFAULT_BACKOFF,
            fresh,
            retries: () => this.current.retries,
            runSettings: (siteKey) => ({ ...this.current, tempNames: this.current.sites[siteKey]?.tempNames ?? this.current.tempNames }),
            dirs: (siteKey) => this.siteDirs(siteKey),
            facts: (siteKey) => this.siteFacts(siteKey),
            log,
          },
          job,
          signal,
        );
      },
      onJobEnd: () => this.checkIdle(),
    });
  }

  /** Loads `queue.json` from `dataDir` (unfinished jobs come back queued) and starts unless told not to. */
  static async create(options: TransferQueueOptions): Promise<TransferQueue> {
    await mkdir(options.dataDir, { recursive: true });
    const queue = new TransferQueue(options);
    queue.loaded = await queue.store.load();
    if (queue.loaded.status === 'corrupt') queue.notice(`The saved queue could not be read (${queue.loaded.reason}); it was moved to ${queue.loaded.backup}`);
    if (queue.loaded.status === 'ok') {
      const saved = queue.loaded.queue;
      queue.current = saved.settings;
      queue.active = saved.active;
      Object.assign(queue.gate.applyToAll, saved.applyToAll);
      queue.table.load(saved.jobs);
    }
    queue.applySettings({ ...queue.current, ...options.settings });
    queue.active = queue.active && (options.start ?? true);
    queue.scheduler.setActive(queue.active);
    queue.store.markDirty(); // records that this queue is open (`running`), for crash detection
    return queue;
  }

  get settings(): QueueSettings {
    return this.current;
  }

  /** Validates and applies new settings (concurrency 1–32, ...); rejects with INVALID_PARAMS. */
  updateSettings(patch: Partial<QueueSettings>): QueueSettings {
    this.applySettings({ ...this.current, ...patch });
    this.emit({ type: 'settings', settings: this.current });
    return this.current;
  }

  /** Queues files and folders (folders are listed recursively first). */
  async add(requests: AddRequest | readonly AddRequest[]): Promise<AddResult> {
    const ids: string[] = [];
    const refused: AddResult['refused'][number][] = [];
    for (const request of Array.isArray(requests) ? requests : [requests as AddRequest]) {
      const expansion = await expandRequest(request, async (siteKey, use) => {
        const lease = await this.pool.acquire(siteKey);
        try {
          const result = await use(lease.fs);
          lease.release();
          return result;
        } catch (error) {
          lease.release({ discard: true });
          throw error;
        }
      });
      ids.push(...this.table.append(jobsFor(request, expansion)).map((job) => job.id));
      refused.push(...expansion.refused);
    }
    this.scheduler.pump();
    return { ids, refused };
  }

  /** Without ids: stops the whole queue (running transfers go back to the queue, resumable). With ids: pauses those jobs. */
  pause(ids?: readonly string[]): void {
    if (!ids) {
      this.active = false;
      this.scheduler.setActive(false);
      this.scheduler.stopAll('stop');
      this.changedQueue();
      return;
    }
    for (const id of ids) {
      if (this.scheduler.stop(id, 'pause')) continue;
      this.table.update(id, (job) => (job.state.status === 'queued' ? { ...job, state: { status: 'paused' } } : job));
    }
  }

  /** Without ids: starts processing again. With ids: paused jobs go back to the queue. */
  resume(ids?: readonly string[]): void {
    if (!ids) {
      this.active = true;
      this.changedQueue();
    } else {
      for (const id of ids) this.table.update(id, (job) => (job.state.status === 'paused' ? { ...job, state: { status: 'queued' } } : job));
    }
    this.scheduler.setActive(this.active);
  }

  cancel(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.scheduler.stop(id, 'cancel')) continue;
      this.table.update(id, (job) => (job.state.status === 'queued' || job.state.status === 'paused' ? { ...job, transferred: 0, state: { status: 'cancelled' } } : job));
    }
    this.checkIdle();
  }

  /** Failed, cancelled and skipped jobs go back to the queue with their retry count reset. */
  retry(ids: readonly string[]): void {
    for (const id of ids) {
      this.table.update(id, (job) =>
        ['failed', 'cancelled', 'skipped'].includes(job.state.status) ? { ...job, attempts: 0, state: { status: 'queued' } } : job,
      );
    }
    this.scheduler.pump();
  }

  /** Removes jobs (running ones are stopped and their partial files deleted). */
  remove(ids: readonly string[]): void {
    for (const id of ids) {
      this.scheduler.stop(id, 'remove');
      this.table.remove(id);
    }
    this.checkIdle();
  }

  moveToTop(ids: readonly string[]): void {
    this.table.moveToTop(ids);
    this.scheduler.pump();
  }

  moveToBottom(ids: readonly string[]): void {
    this.table.moveToBottom(ids);
  }

  /** Removes finished jobs that need no attention (done and skipped). */
  clearDone(): void {
    for (const job of [...this.table.ordered()]) if (job.state.status === 'done' || job.state.status === 'skipped') this.table.remove(job.id);
  }

  snapshot(): QueueSnapshot {
    this.batcher.flushNow();
    const jobs = [...this.table.ordered()];
    return { seq: this.seq, active: this.active, jobs, settings: this.current, totals: queueTotals(jobs) };
  }

  get(id: string): TransferJob | undefined {
    return this.table.get(id);
  }

  /** Subscribes to events; returns the unsubscribe function. */
  subscribe(listener: QueueListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when no job is queued or running (or the queue is stopped and nothing runs). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  /** Stops running transfers (they resume on the next start), saves the queue, closes connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.scheduler.setActive(false);
    this.scheduler.stopAll('stop');
    await this.scheduler.whenIdle();
    this.closed = true;
    this.scheduler.dispose();
    this.store.markDirty();
    await this.store.flush();
    this.batcher.flushNow();
    this.batcher.dispose();
    await this.pool.close();
  }

  private applySettings(next: QueueSettings): void {
    const parsed = settingsSchema.safeParse(next);
    if (!parsed.success) throw new FerryError('INVALID_PARAMS', `Invalid queue settings: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    this.current = parsed.data;
    this.limiter.setLimit('download', this.current.downloadLimit);
    this.limiter.setLimit('upload', this.current.uploadLimit);
    this.pool.limitsChanged();
    this.store.markDirty();
    this.scheduler.pump();
  }

  private stored(): StoredQueue {
    return { version: 1, active: this.active, running: !this.closed, settings: this.current, applyToAll: { ...this.gate.applyToAll }, jobs: [...this.table.ordered()] };
  }

  private changed(id: string): void {
    this.batcher.change(id);
    this.store.markDirty();
  }

  /** Queue-level change (active flag): an empty batch carries it. */
  private changedQueue(): void {
    this.store.markDirty();
    this.emitBatch([], []);
  }

  private emitBatch(changed: readonly string[], removed: readonly string[]): void {
    const jobs = changed.map((id) => this.table.get(id)).filter((job): job is TransferJob => job !== undefined);
    const batch: TransferProgressBatch = { seq: ++this.seq, active: this.active, changed: jobs, removed, totals: queueTotals(this.table.ordered()) };
    this.emit({ type: 'progress', batch });
  }

  private emit(event: QueueEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private notice(text: string): void {
    this.options.log?.(text);
    this.emit({ type: 'notice', text });
  }

  private checkIdle(): void {
    if (this.idleWaiters.length === 0 && this.scheduler.runningCount > 0) return;
    const busy = this.scheduler.runningCount > 0 || (this.active && this.table.ordered().some((job) => job.state.status === 'queued'));
    if (busy) return;
    if (!hasUnfinished(this.table.ordered())) {
      this.gate.reset();
      for (const dirs of this.dirs.values()) dirs.clear();
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private siteDirs(siteKey: string): RemoteDirs {
    let dirs = this.dirs.get(siteKey);
    if (!dirs) this.dirs.set(siteKey, (dirs = new RemoteDirs()));
    return dirs;
  }

  private siteFacts(siteKey: string): SiteFacts {
    let facts = this.facts.get(siteKey);
    if (!facts) this.facts.set(siteKey, (facts = { noModifiedTime: null }));
    return facts;
  }
}
