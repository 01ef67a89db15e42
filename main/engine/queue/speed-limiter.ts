/**
 * Global speed limits, one token bucket per direction shared by every
 * transfer on every connection: eight parallel downloads under a 1 MB/s
 * limit get 1 MB/s together, not 8.
 *
 * Transfers ask before moving each chunk (`take`). Tokens may go negative:
 * a taker that overdraws waits until the debt is paid back at the limit's
 * rate, so concurrent takers queue up fairly by arrival without a waiter
 * list, and chunks larger than the burst still pass.
 */
import type { TransferDirection } from '../../../shared/model/transfer.js';
import { sleep, systemClock, type Clock } from './clock.js';

/** How much unused allowance may accumulate: a short burst after an idle moment, not seconds of it. */
const BURST_SECONDS = 0.25;

interface Bucket {
  rate: number | null;
  tokens: number;
  last: number;
}

export class SpeedLimiter {
  private readonly buckets: Record<TransferDirection, Bucket>;

  constructor(private readonly clock: Clock = systemClock) {
    const now = clock.now();
    this.buckets = { download: { rate: null, tokens: 0, last: now }, upload: { rate: null, tokens: 0, last: now } };
  }

  /** Bytes per second for `direction`; null removes the limit (waiting takers finish their current wait). */
  setLimit(direction: TransferDirection, bytesPerSecond: number | null): void {
    const bucket = this.buckets[direction];
    const rate = bytesPerSecond !== null && bytesPerSecond > 0 ? bytesPerSecond : null;
    if (rate === bucket.rate) return;
    this.refill(bucket);
    bucket.rate = rate;
    bucket.tokens = rate === null ? 0 : Math.min(bucket.tokens, rate * BURST_SECONDS);
  }

  limit(direction: TransferDirection): number | null {
    return this.buckets[direction].rate;
  }

  /** Resolves when `bytes` more may be moved in `direction`; rejects with the signal's reason when aborted. */
  async take(direction: TransferDirection, bytes: number, signal?: AbortSignal): Promise<void> {
    const bucket = this.buckets[direction];
    if (bucket.rate === null || bytes <= 0) return;
    this.refill(bucket);
    bucket.tokens -= bytes;
    if (bucket.tokens >= 0) return;
    const waitMs = (-bucket.tokens / bucket.rate) * 1000;
    try {
      await sleep(this.clock, waitMs, signal);
    } catch (error) {
      bucket.tokens += bytes; // not moved: give the allowance back
      throw error;
    }
  }

  private refill(bucket: Bucket): void {
    const now = this.clock.now();
    if (bucket.rate !== null) bucket.tokens = Math.min(bucket.rate * BURST_SECONDS, bucket.tokens + ((now - bucket.last) / 1000) * bucket.rate);
    bucket.last = now;
  }
}
