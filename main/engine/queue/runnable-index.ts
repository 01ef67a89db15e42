/**
 * The queued jobs, kept ready for the scheduler: per site, a min-heap by
 * queue order; jobs waiting out a retry backoff sit in a heap by `retryAt`
 * until their time. `pick` then merges the site heads in queue order, so
 * starting the next job costs O(sites · log n) instead of a scan of the
 * whole queue. Entries are dropped lazily: an entry counts only while it is
 * the one `entries` holds for its id.
 */
import type { TransferJob } from '../../../shared/model/transfer.js';
import type { Limits, Pick } from './scheduler.js';

interface Entry {
  readonly id: string;
  readonly siteKey: string;
  readonly order: number;
  readonly seq: number;
  readonly retryAt: number | undefined;
  job: TransferJob;
}

class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i] as T, items[parent] as T)) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(items[l] as T, items[m] as T)) m = l;
        if (r < items.length && this.less(items[r] as T, items[m] as T)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m] as T, items[i] as T];
        i = m;
      }
    }
    return top;
  }
}

const byOrder = (a: Entry, b: Entry): boolean => a.order < b.order || (a.order === b.order && a.seq < b.seq);
const byRetry = (a: Entry, b: Entry): boolean => (a.retryAt ?? 0) < (b.retryAt ?? 0);

export class RunnableIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly sites = new Map<string, Heap<Entry>>();
  private waiting = new Heap<Entry>(byRetry);
  private seq = 0;
  private heaped = 0;
  /** Heap entries looked at by `pick` (live or stale): what the complexity tests count. */
  visited = 0;

  /** @param lookup the current value of a job, to re-check one whose run ended */
  constructor(private readonly lookup: (id: string) => TransferJob | undefined) {}

  /** Number of queued jobs known (including those waiting for a retry). */
  get size(): number {
    return this.entries.size;
  }

  /** Brings job `id` up to date: in when queued, out otherwise (`job` undefined: removed). */
  sync(id: string, job: TransferJob | undefined): void {
    const existing = this.entries.get(id);
    if (!job || job.state.status !== 'queued') {
      if (existing) this.entries.delete(id);
      return;
    }
    const retryAt = job.state.retryAt;
    if (existing && existing.order === job.order && existing.siteKey === job.siteKey && existing.retryAt === retryAt) {
      existing.job = job;
      return;
    }
    const entry: Entry = { id, siteKey: job.siteKey, order: job.order, seq: this.seq++, retryAt, job };
    this.entries.set(id, entry);
    this.heaped++;
    if (retryAt !== undefined) this.waiting.push(entry);
    else this.siteHeap(job.siteKey).push(entry);
    if (this.heaped > 2 * this.entries.size + 1024) this.rebuild();
  }

  /** A job's run ended: whatever state it was left in decides whether it can start again. */
  ended(id: string): void {
    this.entries.delete(id);
    this.sync(id, this.lookup(id));
  }

  /** Same result as `pickRunnable` over the queue in order; the started jobs leave the index until `ended`. */
  pick(isRunning: (id: string) => boolean, runningPerSite: ReadonlyMap<string, number>, runningTotal: number, limits: Limits, now: number): Pick {
    this.release(now);
    const start: TransferJob[] = [];
    const perSite = new Map(runningPerSite);
    let total = runningTotal;
    while (total < limits.concurrency) {
      let best: Entry | undefined;
      for (const [siteKey, heap] of this.sites) {
        if ((perSite.get(siteKey) ?? 0) >= limits.siteLimit(siteKey)) continue;
        const head = this.head(heap, isRunning);
        if (!head) {
          this.sites.delete(siteKey);
          continue;
        }
        if (!best || byOrder(head, best)) best = head;
      }
      if (!best) break;
      this.siteHeap(best.siteKey).pop();
      this.heaped--;
      this.entries.delete(best.id);
      perSite.set(best.siteKey, (perSite.get(best.siteKey) ?? 0) + 1);
      total++;
      start.push(best.job);
    }
    const next = this.liveTop(this.waiting);
    return { start, wakeAt: next?.retryAt ?? null };
  }

  /** Moves jobs whose retry time has come into their site's heap. */
  private release(now: number): void {
    for (let top = this.liveTop(this.waiting); top && (top.retryAt ?? 0) <= now; top = this.liveTop(this.waiting)) {
      this.waiting.pop();
      // the job still carries its (now past) retryAt: the entry keeps it, so `sync` sees no change
      const live: Entry = { ...top, seq: this.seq++ };
      this.entries.set(top.id, live);
      this.siteHeap(top.siteKey).push(live);
    }
  }

  /** The first live entry of a site heap, dropping stale ones and ones already running (they come back through `ended`). */
  private head(heap: Heap<Entry>, isRunning: (id: string) => boolean): Entry | undefined {
    for (let top = heap.peek(); top; top = heap.peek()) {
      this.visited++;
      if (this.entries.get(top.id) === top && !isRunning(top.id)) return top;
      heap.pop();
      this.heaped--;
      if (this.entries.get(top.id) === top) this.entries.delete(top.id);
    }
    return undefined;
  }

  private liveTop(heap: Heap<Entry>): Entry | undefined {
    for (let top = heap.peek(); top; top = heap.peek()) {
      this.visited++;
      if (this.entries.get(top.id) === top) return top;
      heap.pop();
      this.heaped--;
    }
    return undefined;
  }

  private siteHeap(siteKey: string): Heap<Entry> {
    let heap = this.sites.get(siteKey);
    if (!heap) this.sites.set(siteKey, (heap = new Heap(byOrder)));
    return heap;
  }

  /** Drops stale entries once they outnumber live ones (amortised O(1) per change). */
  private rebuild(): void {
    const live = [...this.entries.values()];
    this.sites.clear();
    this.waiting = new Heap(byRetry);
    this.heaped = 0;
    for (const entry of live) {
      this.heaped++;
      if (entry.retryAt !== undefined) this.waiting.push(entry);
      else this.siteHeap(entry.siteKey).push(entry);
    }
  }
}
