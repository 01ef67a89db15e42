import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import { ConnectionPool, FAILURE_MEMORY_MS, RECOVER_MS } from './connection-pool.js';
import { FakeClock, flushMicrotasks } from './fake-clock.testing.js';
import { FakeServer } from './fake-server.testing.js';

describe('ConnectionPool', () => {
  it('opens lazily, reuses returned connections and respects the limit', async () => {
    const server = new FakeServer();
    const pool = new ConnectionPool({ open: () => server.connect(), limit: () => 2, clock: new FakeClock() });
    const a = await pool.acquire('s');
    const b = await pool.acquire('s');
    let third: unknown = null;
    const waiting = pool.acquire('s').then((lease) => (third = lease));
    await flushMicrotasks();
    expect(third).toBeNull();
    a.release();
    await waiting;
    expect(server.opened).toBe(2);
    b.release();
    await pool.close();
  });

  it('closes idle connections after a while', async () => {
    const server = new FakeServer();
    const clock = new FakeClock();
    const pool = new ConnectionPool({ open: () => server.connect(), limit: () => 4, clock, idleMs: 30_000 });
    (await pool.acquire('s')).release();
    expect(server.live).toBe(1);
    await clock.advance(30_001);
    expect(server.live).toBe(0);
    expect(pool.liveCount('s')).toBe(0);
  });

  it('lowers a site\'s limit on "421 too many connections" and serves the waiters from the open ones', async () => {
    const server = new FakeServer();
    server.maxConnections = 2;
    const lowered: number[] = [];
    const pool = new ConnectionPool({ open: () => server.connect(), limit: () => 4, clock: new FakeClock(), onLimitLowered: (_, limit) => lowered.push(limit) });
    const leases = await Promise.all([pool.acquire('s'), pool.acquire('s')]);
    const more = [pool.acquire('s'), pool.acquire('s')];
    await flushMicrotasks();
    expect(lowered).toEqual([2]);
    expect(pool.limit('s')).toBe(2);
    for (const lease of leases) lease.release();
    const served = await Promise.all(more);
    expect(served).toHaveLength(2);
    expect(server.peakLive).toBe(2);
  });

  it('raises a lowered limit by one after a while, to probe', async () => {
    const server = new FakeServer();
    server.maxConnections = 1;
    const clock = new FakeClock();
    const pool = new ConnectionPool({ open: () => server.connect(), limit: () => 4, clock });
    const held = await pool.acquire('s');
    const waiting = pool.acquire('s');
    await flushMicrotasks();
    expect(pool.limit('s')).toBe(1);
    held.release();
    (await waiting).release();
    await clock.advance(RECOVER_MS);
    expect(pool.limit('s')).toBe(2);
    await clock.advance(RECOVER_MS);
    expect(pool.limit('s')).toBe(3);
    await clock.advance(RECOVER_MS);
    expect(pool.limit('s')).toBe(4);
  });

  it('retries with backoff when the server refuses even the first connection, then gives up', async () => {
    const server = new FakeServer();
    server.maxConnections = 0;
    const clock = new FakeClock();
    const pool = new ConnectionPool({ open: () => server.connect(), limit: () => 4, clock, tooManyAttempts: 3, backoff: { baseMs: 100, maxMs: 1000, factor: 2 } });
    const result = pool.acquire('s').catch((error: unknown) => error);
    await clock.advance(100);
    server.maxConnections = 1; // a slot frees up (another client logged out)
    await clock.advance(1000);
    expect(await result).toHaveProperty('fs');
    server.maxConnections = 0;
    const failing = pool.acquire('t').catch((error: unknown) => error);
    await clock.advance(10_000);
    expect(String(await failing)).toMatch(/Too many connections/);
  });

  it('does not retry a wrong password for every queued file', async () => {
    let attempts = 0;
    const clock = new FakeClock();
    const denied = new FerryError('AUTH_FAILED', 'Login refused by the server (530 Login incorrect.)');
    const pool = new ConnectionPool({ open: async () => (attempts++, Promise.reject(denied)), limit: () => 4, clock });
    for (let i = 0; i < 50; i++) await expect(pool.acquire('s')).rejects.toBe(denied);
    expect(attempts).toBe(1);
    pool.forget('s');
    await expect(pool.acquire('s')).rejects.toBe(denied);
    expect(attempts).toBe(2);
    await clock.advance(FAILURE_MEMORY_MS);
    await expect(pool.acquire('s')).rejects.toBe(denied);
    expect(attempts).toBe(3);
  });

  it('stops waiting when the caller aborts', async () => {
    const server = new FakeServer();
    const pool = new ConnectionPool({ open: () => server.connect(), limit: () => 1, clock: new FakeClock() });
    await pool.acquire('s');
    const controller = new AbortController();
    const waiting = pool.acquire('s', controller.signal);
    controller.abort('pause');
    await expect(waiting).rejects.toBe('pause');
  });

  it('discards a connection returned as broken', async () => {
    const server = new FakeServer();
    const pool = new ConnectionPool({ open: () => server.connect(), limit: () => 1, clock: new FakeClock() });
    (await pool.acquire('s')).release({ discard: true });
    expect(server.live).toBe(0);
    (await pool.acquire('s')).release();
    expect(server.opened).toBe(2);
  });
});
