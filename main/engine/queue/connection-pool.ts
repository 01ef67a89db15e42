/**
 * Authenticated connections per site, opened lazily, lent to one transfer at
 * a time and reused for the next file: a login costs a round trip or four
 * (plus a TLS or SSH handshake), more than a small file's transfer. Browsing
 * has its own session and never waits for the queue.
 *
 * Servers cap sessions per client (vsftpd `max_per_ip`, pure-ftpd `-c/-C`,
 * proftpd `MaxClientsPerHost`, sshd `MaxStartups`). When opening one more is
 * refused with "too many connections", the site's limit drops to the number
 * already open and the caller waits for one of those instead of failing; with
 * none open (other clients hold the slots) it retries with backoff.
 */
import { sleep, systemClock, type Clock, type TimerHandle } from './clock.js';
import type { QueueFs } from './queue-fs.js';
import { backoffDelay, classifyFailure, DEFAULT_BACKOFF, isTooManyConnections, type BackoffOptions } from './retry-policy.js';

/**
 * After this long a lowered limit is raised by one: the refusal may have
 * counted a session that was closing (pure-ftpd counts a just-closed one for
 * a moment) or another client that has left since. A new refusal lowers it again.
 */
export const RECOVER_MS = 60_000;

/**
 * How long a permanent connect failure is answered without trying again: a
 * queue of 10,000 files must not send a wrong password 10,000 times (servers
 * lock accounts for less). `forget` ends it early (the user fixed the site).
 */
export const FAILURE_MEMORY_MS = 30_000;

export type OpenConnection = (siteKey: string, signal?: AbortSignal) => Promise<QueueFs>;

export interface PoolOptions {
  readonly open: OpenConnection;
  /** The configured connection limit of a site (settings); the pool may lower it, never raise it. */
  readonly limit: (siteKey: string) => number;
  readonly clock?: Clock;
  /** Idle connections are closed after this long (default 30 s; servers drop idle sessions anyway). */
  readonly idleMs?: number;
  readonly backoff?: BackoffOptions;
  /** Refusals in a row, with no connection of ours open, before giving up (default 8). */
  readonly tooManyAttempts?: number;
  /** Told when a server's refusal lowered a site's limit. */
  readonly onLimitLowered?: (siteKey: string, limit: number, reason: string) => void;
}

export interface Lease {
  readonly fs: QueueFs;
  /** Gives the connection back; `discard` closes it (it failed, or may be in a bad state). */
  release(options?: { discard?: boolean }): void;
}

interface IdleConnection {
  readonly fs: QueueFs;
  readonly timer: TimerHandle;
}

interface Site {
  readonly idle: IdleConnection[];
  /** Connections open or being opened, lent or idle. */
  live: number;
  /** Of `live`, how many are still being opened. */
  opening: number;
  /** Limit learnt from a refusal; null until one happened. */
  lowered: number | null;
  /** When `lowered` last changed (it is raised by one after `RECOVER_MS`, to probe). */
  loweredAt: number;
  /** A permanent connect failure (wrong password, host key changed, ...) repeated to callers until `until`. */
  failure: { readonly error: unknown; readonly until: number } | null;
  readonly waiters: (() => void)[];
}

export class ConnectionPool {
  private readonly sites = new Map<string, Site>();
  private readonly clock: Clock;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** The site's effective limit: the configured one, or lower after a "too many connections". */
  limit(siteKey: string): number {
    const configured = Math.max(1, this.options.limit(siteKey));
    const site = this.sites.get(siteKey);
    if (!site || site.lowered === null) return configured;
    if (this.clock.now() - site.loweredAt >= RECOVER_MS) {
      site.lowered = site.lowered + 1 >= configured ? null : site.lowered + 1;
      site.loweredAt = this.clock.now();
    }
    return site.lowered === null ? configured : Math.min(configured, site.lowered);
  }

  /** Connections of a site currently open or opening. */
  liveCount(siteKey: string): number {
    return this.sites.get(siteKey)?.live ?? 0;
  }

  /** Forgets a remembered connect failure of `siteKey` (e.g. before the user retries). */
  forget(siteKey: string): void {
    const site = this.sites.get(siteKey);
    if (site) site.failure = null;
  }

  /** Wakes waiters after a settings change (a raised limit may let them open more). */
  limitsChanged(): void {
    for (const site of this.sites.values()) this.wakeAll(site);
  }

  async acquire(siteKey: string, signal?: AbortSignal): Promise<Lease> {
    const site = this.site(siteKey);
    let refusals = 0;
    for (;;) {
      signal?.throwIfAborted();
      if (this.closed) throw new Error('The connection pool is closed');
      if (site.failure && this.clock.now() < site.failure.until) throw site.failure.error;
      const idle = site.idle.pop();
      if (idle) {
        this.clock.clearTimeout(idle.timer);
        return this.lease(siteKey, site, idle.fs);
      }
      if (site.live < this.limit(siteKey)) {
        site.live++;
        site.opening++;
        try {
          const fs = await this.options.open(siteKey, signal);
          site.opening--;
          return this.lease(siteKey, site, fs);
        } catch (error) {
          site.opening--;
          site.live--;
          this.wakeOne(site);
          if (signal?.aborted) throw error;
          if (!isTooManyConnections(error)) {
            if (classifyFailure(error) === 'permanent') site.failure = { error, until: this.clock.now() + FAILURE_MEMORY_MS };
            throw error;
          }
          if (site.live - site.opening > 0) {
            this.lower(siteKey, site, error);
          } else {
            refusals++;
            if (refusals >= (this.options.tooManyAttempts ?? 8)) throw error;
            await sleep(this.clock, backoffDelay(refusals, this.options.backoff ?? DEFAULT_BACKOFF), signal);
          }
          continue;
        }
      }
      await this.waitForChange(site, signal);
    }
  }

  /** Closes idle connections now and every lent one when it comes back. */
  async close(): Promise<void> {
    this.closed = true;
    const closing: Promise<void>[] = [];
    for (const site of this.sites.values()) {
      for (const idle of site.idle.splice(0)) {
        this.clock.clearTimeout(idle.timer);
        site.live--;
        closing.push(idle.fs.close().catch(() => undefined));
      }
      this.wakeAll(site);
    }
    await Promise.all(closing);
  }

  private lower(siteKey: string, site: Site, error: unknown): void {
    const limit = Math.max(1, site.live - site.opening);
    if (site.lowered !== null && site.lowered <= limit) return;
    site.lowered = limit;
    site.loweredAt = this.clock.now();
    this.options.onLimitLowered?.(siteKey, limit, error instanceof Error ? error.message : String(error));
  }

  private lease(siteKey: string, site: Site, fs: QueueFs): Lease {
    let returned = false;
    return {
      fs,
      release: (options = {}) => {
        if (returned) return;
        returned = true;
        if (options.discard || this.closed || site.live > this.limit(siteKey)) {
          site.live--;
          void fs.close().catch(() => undefined);
        } else {
          const timer = this.clock.setTimeout(() => this.expire(site, fs), this.options.idleMs ?? 30_000);
          site.idle.push({ fs, timer });
        }
        this.wakeOne(site);
      },
    };
  }

  private expire(site: Site, fs: QueueFs): void {
    const index = site.idle.findIndex((idle) => idle.fs === fs);
    if (index < 0) return;
    site.idle.splice(index, 1);
    site.live--;
    void fs.close().catch(() => undefined);
    this.wakeOne(site);
  }

  private site(siteKey: string): Site {
    let site = this.sites.get(siteKey);
    if (!site) {
      site = { idle: [], live: 0, opening: 0, lowered: null, loweredAt: 0, failure: null, waiters: [] };
      this.sites.set(siteKey, site);
    }
    return site;
  }

  private waitForChange(site: Site, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = site.waiters.indexOf(wake);
        if (index >= 0) site.waiters.splice(index, 1);
        reject(signal?.reason as unknown);
      };
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      site.waiters.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private wakeOne(site: Site): void {
    site.waiters.shift()?.();
  }

  private wakeAll(site: Site): void {
    for (const wake of site.waiters.splice(0)) wake();
  }
}
