/** Timing helpers: a monotonic stopwatch, medians, seconds formatting. */

export async function timed(body: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await body();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Wall seconds of `body`, and CPU seconds: the peer's (what `body` resolves with) or else this process's. */
export async function timedWithCpu(body: () => Promise<number | null | void>): Promise<{ wall: number; cpu: number | null }> {
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const reported = await body();
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu0);
  return { wall, cpu: typeof reported === 'number' ? reported : reported === null ? null : (used.user + used.system) / 1e6 };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function seconds(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}
