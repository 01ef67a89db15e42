/**
 * The transfer queue's public face, owned by main: add uploads and
 * downloads (folders expand recursively), steer them (pause, resume, cancel,
 * retry, reorder), read a snapshot, and listen for batched progress.
 *
 * The renderer mirrors it: one `snapshot()` on start or reload, then
 * `progress` events whose `seq` follows the snapshot's. `close()` stops the
 * running transfers so that they resume on the next start, and writes
 * `queue.json`; after a crash the next `create` finds them too.
 */
import { mkdir } from 'node:fs/promises';
import type { QueueSettings, QueueSnapshot, TransferJob } from '../../../shared/model/transfer.js';
import { expandRequest, jobsFor, type AddRequest, type AddResult } from './add-jobs.js';
import type { RefusedEntry } from './expand-folder.js';
import { QueueCore, type QueueListener, type TransferQueueOptions } from './queue-core.js';
import type { QueueLoad } from './queue-store.js';
import { queueTotals } from './queue-totals.js';

export type { AddRequest, AddResult, DownloadRequest, UploadRequest } from './add-jobs.js';
export type { QueueEvent, QueueListener, TransferQueueOptions } from './queue-core.js';

const RETRYABLE_STATUSES = new Set(['failed', 'cancelled', 'skipped']);

export class TransferQueue {
  private readonly core: QueueCore;
  /** What `create` found in `queue.json` (e.g. a corrupt file moved aside). */
  loaded: QueueLoad = { status: 'missing' };

  private constructor(options: TransferQueueOptions) {
    this.core = new QueueCore(options);
  }

  /** Loads `queue.json` from `dataDir` (unfinished jobs come back queued) and starts unless told not to. */
  static async create(options: TransferQueueOptions): Promise<TransferQueue> {
    await mkdir(options.dataDir, { recursive: true });
    const queue = new TransferQueue(options);
    const core = queue.core;
    queue.loaded = await core.store.load();
    if (queue.loaded.status === 'corrupt') core.notice(`The saved queue could not be read (${queue.loaded.reason}); it was moved to ${queue.loaded.backup}`);
    if (queue.loaded.status === 'ok') {
      const saved = queue.loaded.queue;
      core.settings = saved.settings;
      core.active = saved.active;
      Object.assign(core.gate.applyToAll, saved.applyToAll);
      core.table.load(saved.jobs);
    }
    core.applySettings({ ...core.settings, ...options.settings });
    core.active = core.active && (options.start ?? true);
    core.scheduler.setActive(core.active);
    core.store.markDirty(); // records that this queue is open (`running`), for crash detection
    return queue;
  }

  get settings(): QueueSettings {
    return this.core.settings;
  }

  /** Validates and applies new settings (concurrency 1–32, ...); throws INVALID_PARAMS. */
  updateSettings(patch: Partial<QueueSettings>): QueueSettings {
    this.core.applySettings({ ...this.core.settings, ...patch });
    this.core.emit({ type: 'settings', settings: this.core.settings });
    return this.core.settings;
  }

  /** Queues files and folders (remote folders are listed recursively first, on a pooled connection). */
  async add(requests: AddRequest | readonly AddRequest[]): Promise<AddResult> {
    const ids: string[] = [];
    const refused: RefusedEntry[] = [];
    const list: readonly AddRequest[] = Array.isArray(requests) ? requests : [requests as AddRequest];
    for (const request of list) {
      const expansion = await expandRequest(request, async (siteKey, use) => {
        const lease = await this.core.pool.acquire(siteKey);
        try {
          const result = await use(lease.fs);
          lease.release();
          return result;
        } catch (error) {
          lease.release({ discard: true });
          throw error;
        }
      });
      ids.push(...this.core.table.append(jobsFor(request, expansion, this.core.settings)).map((job) => job.id));
      refused.push(...expansion.refused);
    }
    this.core.scheduler.pump();
    return { ids, refused };
  }

  /** Without ids: stops the whole queue (running transfers go back to the queue, resumable). With ids: pauses those jobs. */
  pause(ids?: readonly string[]): void {
    const { scheduler, table } = this.core;
    if (!ids) {
      this.core.active = false;
      scheduler.setActive(false);
      scheduler.stopAll('stop');
      this.core.queueChanged();
      return;
    }
    for (const id of ids) {
      if (scheduler.stop(id, 'pause')) continue;
      table.update(id, (job) => (job.state.status === 'queued' ? { ...job, state: { status: 'paused' } } : job));
    }
  }

  /** Without ids: processes the queue again. With ids: paused jobs go back to the queue. */
  resume(ids?: readonly string[]): void {
    if (!ids) {
      this.core.active = true;
      this.core.queueChanged();
    } else {
      for (const id of ids) this.core.table.update(id, (job) => (job.state.status === 'paused' ? { ...job, state: { status: 'queued' } } : job));
    }
    this.core.scheduler.setActive(this.core.active);
  }

  /** Cancels jobs; a running one stops and its partial file is deleted. */
  cancel(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.core.scheduler.stop(id, 'cancel')) continue;
      this.core.table.update(id, (job) =>
        job.state.status === 'queued' || job.state.status === 'paused' ? { ...job, transferred: 0, state: { status: 'cancelled' } } : job,
      );
    }
    this.core.checkIdle();
  }

  /** Failed, cancelled and skipped jobs go back to the queue with their retry count reset. */
  retry(ids: readonly string[]): void {
    for (const id of ids) {
      const job = this.core.table.update(id, (j) => (RETRYABLE_STATUSES.has(j.state.status) ? { ...j, attempts: 0, state: { status: 'queued' } } : j));
      if (job) this.core.pool.forget(job.siteKey); // the user may have fixed the password or trusted the key
    }
    this.core.scheduler.pump();
  }

  /** Removes jobs from the queue (running ones are stopped and their partial files deleted). */
  remove(ids: readonly string[]): void {
    for (const id of ids) {
      this.core.scheduler.stop(id, 'remove');
      this.core.table.remove(id);
    }
    this.core.checkIdle();
  }

  moveToTop(ids: readonly string[]): void {
    this.core.table.moveToTop(ids);
    this.core.scheduler.pump();
  }

  moveToBottom(ids: readonly string[]): void {
    this.core.table.moveToBottom(ids);
  }

  /** Removes finished jobs that need no attention (done and skipped); failed ones stay for the user. */
  clearDone(): void {
    for (const job of [...this.core.table.ordered()]) {
      if (job.state.status === 'done' || job.state.status === 'skipped') this.core.table.remove(job.id);
    }
  }

  /** The whole queue; pending changes are sent as a batch first, so `seq` lines up with later batches. */
  snapshot(): QueueSnapshot {
    this.core.batcher.flushNow();
    const jobs = [...this.core.table.ordered()];
    return { seq: this.core.seq, active: this.core.active, jobs, settings: this.core.settings, totals: queueTotals(jobs) };
  }

  get(id: string): TransferJob | undefined {
    return this.core.table.get(id);
  }

  /** Subscribes to progress batches, settings changes and notices; returns the unsubscribe function. */
  subscribe(listener: QueueListener): () => void {
    this.core.listeners.add(listener);
    return () => this.core.listeners.delete(listener);
  }

  /** Resolves when nothing runs and nothing can start (all finished or paused, or the queue is stopped). */
  whenIdle(): Promise<void> {
    return this.core.whenIdle();
  }

  /** Stops running transfers (they resume on the next start), saves the queue, closes connections. */
  async close(): Promise<void> {
    const core = this.core;
    if (core.closed) return;
    core.scheduler.setActive(false);
    core.scheduler.stopAll('stop');
    await core.scheduler.whenIdle();
    core.closed = true;
    core.scheduler.dispose();
    core.store.markDirty();
    await core.store.flush();
    core.batcher.flushNow();
    core.batcher.dispose();
    await core.pool.close();
  }
}
