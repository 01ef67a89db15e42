/**
 * The queue's parts wired together — JobTable (state), Scheduler (what
 * runs), ConnectionPool, executeJob (one run), SpeedLimiter, ConflictGate,
 * ProgressBatcher (≤ 4 events/s) and QueueStore (`queue.json`) — plus the
 * event plumbing. `TransferQueue` is the public face over it; this file keeps
 * that face free of wiring.
 */
import { FerryError } from '../../../shared/errors.js';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings, type TransferJob, type TransferProgressBatch } from '../../../shared/model/transfer.js';
import { systemClock, type Clock } from './clock.js';
import { ConflictGate, type AskConflict } from './conflict-gate.js';
import { ConnectionPool, type OpenConnection } from './connection-pool.js';
import { executeJob } from './job-execution.js';
import { JobTable } from './job-table.js';
import { ProgressBatcher } from './progress-batcher.js';
import { settingsSchema, type StoredQueue } from './queue-schema.js';
import { QueueStore } from './queue-store.js';
import { LocalDirs } from './local-dirs.js';
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
  /**
   * Start processing at once (default true). False opens the queue stopped,
   * exactly as if `pause()` had been called (and saved so): e.g. to ask the
   * user before continuing a restored queue; `resume()` starts it.
   */
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

export class QueueCore {
  readonly table: JobTable;
  readonly scheduler: Scheduler;
  readonly pool: ConnectionPool;
  readonly batcher: ProgressBatcher;
  readonly store: QueueStore;
  readonly gate: ConflictGate;
  readonly listeners = new Set<QueueListener>();
  private readonly limiter: SpeedLimiter;
  private readonly dirs = new Map<string, RemoteDirs>();
  private readonly localDirs = new LocalDirs();
  private readonly facts = new Map<string, SiteFacts>();
  private readonly idleWaiters: (() => void)[] = [];
  settings: QueueSettings = DEFAULT_QUEUE_SETTINGS;
  active = true;
  closed = false;
  seq = 0;

  constructor(private readonly options: TransferQueueOptions) {
    const clock = options.clock ?? systemClock;
    const log = options.log ?? (() => {});
    this.table = new JobTable({
      changed: (job) => {
        this.batcher.change(job.id);
        // progress of a running job can wait for the next regular save; anything else is a state change
        this.store.markDirty(job.state.status !== 'running');
      },
      removed: (id) => {
        this.batcher.remove(id);
        this.store.markDirty();
      },
    });
    this.batcher = new ProgressBatcher((changed, removed) => this.emitBatch(changed, removed), clock, options.batchIntervalMs);
    this.store = new QueueStore(options.dataDir, () => this.stored(), clock, options.saveIntervalMs, (error) => log(`Cannot save the queue: ${String(error)}`));
    this.gate = new ConflictGate(options.onConflict ?? null, () => this.settings.defaultConflictAction, {}, () => this.store.markDirty());
    this.limiter = new SpeedLimiter(clock);
    this.pool = new ConnectionPool({
      open: options.open,
      clock,
      limit: (siteKey) => this.settings.sites[siteKey]?.maxConnections ?? this.settings.perSiteLimit,
      idleMs: options.idleConnectionMs,
      backoff: options.backoff,
      onLimitLowered: (siteKey, limit, reason) => this.notice(`${siteKey}: the server refused another connection (${reason}); using ${limit} from now on`),
    });
    const fresh = new Set<string>();
    const deps = {
      table: this.table,
      pool: this.pool,
      gate: this.gate,
      limiter: this.limiter,
      clock,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      fresh,
      retries: () => this.settings.retries,
      runSettings: (siteKey: string) => ({ ...this.settings, tempNames: this.settings.sites[siteKey]?.tempNames ?? this.settings.tempNames }),
      dirs: (siteKey: string) => this.siteDirs(siteKey),
      localDirs: this.localDirs,
      facts: (siteKey: string) => this.siteFacts(siteKey),
      log,
    };
    this.scheduler = new Scheduler({
      clock,
      active: false, // `TransferQueue.create` starts it once the saved queue is loaded
      source: this.table.runnable,
      limits: () => ({ concurrency: this.settings.concurrency, siteLimit: (siteKey) => this.pool.limit(siteKey) }),
      execute: (job, signal) => executeJob(deps, job, signal),
      onJobEnd: () => this.checkIdle(),
    });
  }

  /** Validates (concurrency 1–32, ...) and applies settings; rejects with INVALID_PARAMS. */
  applySettings(next: QueueSettings): void {
    const parsed = settingsSchema.safeParse(next);
    if (!parsed.success) throw new FerryError('INVALID_PARAMS', `Invalid queue settings: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    this.settings = parsed.data;
    this.limiter.setLimit('download', this.settings.downloadLimit);
    this.limiter.setLimit('upload', this.settings.uploadLimit);
    this.pool.limitsChanged();
    this.store.markDirty();
    this.scheduler.pump();
  }

  /** A queue-level change (the active flag): saved, and an empty batch carries it. */
  queueChanged(): void {
    this.store.markDirty();
    this.emitBatch([], []);
  }

  emit(event: QueueEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  notice(text: string): void {
    this.options.log?.(text);
    this.emit({ type: 'notice', text });
  }

  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  /**
   * Wakes `whenIdle` callers once nothing runs and nothing can start; when no
   * job has work left, forgets "apply to all" and the folders known to exist.
   */
  checkIdle(): void {
    if (this.idleWaiters.length === 0 && this.scheduler.runningCount > 0) return;
    const busy = this.scheduler.runningCount > 0 || (this.active && this.table.countOf('queued') > 0);
    if (busy) return;
    if (!this.table.hasUnfinished) {
      this.gate.reset();
      for (const dirs of this.dirs.values()) dirs.clear();
      this.localDirs.clear();
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private stored(): StoredQueue {
    return { version: 1, active: this.active, running: !this.closed, settings: this.settings, applyToAll: { ...this.gate.applyToAll }, jobs: [...this.table.ordered()] };
  }

  private emitBatch(changed: readonly string[], removed: readonly string[]): void {
    const jobs = changed.map((id) => this.table.get(id)).filter((job): job is TransferJob => job !== undefined);
    this.emit({ type: 'progress', batch: { seq: ++this.seq, active: this.active, changed: jobs, removed, totals: this.table.totals() } });
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
