/**
 * Progress reporting for one transfer: counts bytes as they reach the disk
 * (download) or leave it (upload) and tells the caller at most every
 * `intervalMs` (4 times a second by default), plus once at the end with the
 * exact total. The queue and the UI redraw on each call; a callback per
 * 64 KiB chunk would be thousands a second on a fast link.
 */
export const PROGRESS_INTERVAL_MS = 250;

export class TransferProgress {
  /** Bytes moved so far by this transfer. */
  bytes = 0;
  private lastReport = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly onProgress?: (bytes: number) => void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts `n` more bytes; reports when the last report is at least one interval old (so the first chunk reports at once). */
  add(n: number): void {
    this.bytes += n;
    if (!this.onProgress) return;
    const t = this.now();
    if (t - this.lastReport < this.intervalMs) return;
    this.lastReport = t;
    this.onProgress(this.bytes);
  }

  /** The final report, with the exact total. */
  finish(): void {
    this.onProgress?.(this.bytes);
  }
}
