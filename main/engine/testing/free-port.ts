/**
 * Free loopback ports picked at run time: other processes (and other test
 * files) may hold any fixed port, so every server the harness starts asks here.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Host every test server binds to; the machines have loopback networking only. */
export const LOOPBACK = '127.0.0.1';

/** Lets the OS choose a free port on 127.0.0.1, then releases it for the caller to bind. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ host: LOOPBACK, port: 0, exclusive: true }, () => {
      const addr = srv.address();
      srv.close(() => {
        if (addr && typeof addr === 'object') resolve(addr.port);
        else reject(new Error('could not read the port of a listening socket'));
      });
    });
  });
}

/** True when 127.0.0.1:`port` can be bound right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ host: LOOPBACK, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** An inclusive range of ports, e.g. for a server's passive data connections (`min`..`max`). */
export interface PortRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The kernel's ephemeral range: outgoing connections take ports from it at any
 * moment, so a passive range inside it could be stolen between check and use.
 */
function ephemeralRange(): PortRange {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (lo && hi) return { min: lo, max: hi };
  } catch {
    // not Linux: fall back to the IANA dynamic range
  }
  return { min: 49152, max: 65535 };
}

/**
 * Finds `count` consecutive free ports (default 20) for passive-mode data
 * connections. FTP servers take a range, not a list, so this tries random
 * bases outside the ephemeral range and checks every port of each candidate.
 * The ports are free when checked, not reserved: use them promptly.
 */
export async function freePortRange(count = 20, attempts = 200): Promise<PortRange> {
  const eph = ephemeralRange();
  const lowest = 10_000;
  const highest = eph.min > lowest + count * 10 ? eph.min - 1 : 65_535;
  for (let i = 0; i < attempts; i++) {
    const min = lowest + Math.floor(Math.random() * (highest - lowest - count));
    const max = min + count - 1;
    if (max >= eph.min && min <= eph.max) continue;
    let ok = true;
    for (let p = min; p <= max && ok; p++) ok = await isPortFree(p);
    if (ok) return { min, max };
  }
  throw new Error(`no ${count} consecutive free loopback ports found after ${attempts} tries`);
}
