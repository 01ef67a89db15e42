/**
 * Coalesces job changes into batches of at most one per interval (250 ms:
 * ≤ 4 events a second). A progress report per chunk per job would be
 * thousands of IPC messages a second with 32 transfers; a batch carries
 * every job that changed since the last one, each once, in its latest state.
 */
import { systemClock, type Clock, type TimerHandle } from './clock.js';

export const BATCH_INTERVAL_MS = 250;

export type FlushBatch = (changed: readonly string[], removed: readonly string[]) => void;

export class ProgressBatcher {
  private changed = new Set<string>();
  private removed = new Set<string>();
  private timer: TimerHandle | null = null;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly flush: FlushBatch,
    private readonly clock: Clock = systemClock,
    private readonly intervalMs = BATCH_INTERVAL_MS,
  ) {}

  /** Notes that job `id` changed. */
  change(id: string): void {
    this.changed.add(id);
    this.schedule();
  }

  /** Notes that job `id` left the queue. */
  remove(id: string): void {
    this.changed.delete(id);
    this.removed.add(id);
    this.schedule();
  }

  /** Sends what is pending now (e.g. before a snapshot or on close). */
  flushNow(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.changed.size === 0 && this.removed.size === 0) return;
    const changed = [...this.changed];
    const removed = [...this.removed];
    this.changed = new Set();
    this.removed = new Set();
    this.lastFlush = this.clock.now();
    this.flush(changed, removed);
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Leading edge after a quiet period (the first change goes out on the next
   * tick, so a burst of synchronous changes still shares one batch), then at
   * most one flush per interval.
   */
  private schedule(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.flushNow();
    }, wait);
  }
}
