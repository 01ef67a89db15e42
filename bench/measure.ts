/** Timing helpers: a monotonic stopwatch, CPU accounting, medians, seconds formatting. */
import { readFile } from 'node:fs/promises';

/** Kernel ticks per second in /proc/stat (USER_HZ: 100 on every Linux build that matters). */
const USER_HZ = 100;

/**
 * CPU seconds the whole machine spent busy so far (user, nice, system, irq,
 * softirq from /proc/stat; idle, iowait and the hypervisor's steal left out),
 * or null off Linux. The difference over a run minus the client's own CPU is
 * what the server (and the kernel's loopback work) used: with 2 cores, a run
 * can never take less wall time than half of client + server CPU.
 */
export async function machineBusy(): Promise<number | null> {
  const text = await readFile('/proc/stat', 'utf8').catch(() => null);
  const fields = text?.split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number);
  if (!fields || fields.length < 7 || fields.some((n) => !Number.isFinite(n))) return null;
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields;
  return (user + nice + system + irq + softirq) / USER_HZ;
}

export async function timed(body: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await body();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Wall seconds of `body`; CPU seconds of the client (the peer's, which `body`
 * resolves with, or else this process's); and CPU seconds of everything else
 * on the machine meanwhile (`rest`: the server, the kernel's loopback work,
 * any noise), null when unknown.
 */
export async function timedWithCpu(body: () => Promise<number | null | void>): Promise<{ wall: number; cpu: number | null; rest: number | null }> {
  const busy0 = await machineBusy();
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const reported = await body();
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu0);
  const busy1 = await machineBusy();
  const cpu = typeof reported === 'number' ? reported : reported === null ? null : (used.user + used.system) / 1e6;
  const rest = cpu !== null && busy0 !== null && busy1 !== null ? Math.max(0, busy1 - busy0 - cpu) : null;
  return { wall, cpu, rest };
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
