/**
 * Speed and time left for one running job, from its progress reports.
 * A sliding window (not the average since start) so the number reacts when
 * a limit changes or the link slows, yet does not jump with every report.
 */
const WINDOW_MS = 3_000;

export class RateMeter {
  private samples: { t: number; bytes: number }[] = [];

  /** Records that `bytes` (a running total) were reached at time `t` (ms). */
  add(t: number, bytes: number): void {
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && (this.samples[1]?.t ?? t) <= t - WINDOW_MS) this.samples.shift();
  }

  /** Bytes per second over the window; 0 until two samples are apart in time. */
  speed(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t <= first.t) return 0;
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.t - first.t));
  }

  /** Seconds to move `remaining` bytes at the current speed; null when unknown. */
  eta(remaining: number | null): number | null {
    const speed = this.speed();
    if (remaining === null || speed <= 0) return null;
    return Math.ceil(Math.max(0, remaining) / speed);
  }
}
