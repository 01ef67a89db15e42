/**
 * The message log as the renderer mirrors it: history from main, then live
 * batches, capped so a long session cannot grow memory without bound.
 *
 * Why it subscribes before asking for history: lines logged while the history
 * request is in flight would otherwise be lost; sequence numbers drop the
 * overlap.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FerryApi } from '../../shared/ipc/contract.js';
import type { LogEntry } from '../../shared/model/log.js';

/** Lines kept in memory (FileZilla keeps a similar window). */
export const LOG_CAP = 5000;

export interface LogStore {
  readonly entries: readonly LogEntry[];
  /** Highest sequence number seen, including cleared lines. */
  readonly lastSeq: number;
  /** Appends a batch, dropping lines already seen and keeping the last `LOG_CAP`. */
  append(batch: readonly LogEntry[]): void;
  clear(): void;
  /** Subscribes to `log.entries` and loads `log.history`; returns the unsubscribe. */
  start(): () => void;
}

export function createLogStore(api: FerryApi, cap = LOG_CAP): StoreApi<LogStore> {
  /** Lines made up here (not by main) get negative numbers so keys never clash. */
  let localSeq = 0;
  return createStore<LogStore>()((set, get) => ({
    entries: [],
    lastSeq: -1,

    append(batch) {
      const { lastSeq, entries } = get();
      const fresh: LogEntry[] = [];
      let seen = lastSeq;
      for (const entry of [...batch].sort((a, b) => a.seq - b.seq)) {
        if (entry.seq <= seen) continue;
        fresh.push(entry);
        seen = entry.seq;
      }
      if (fresh.length === 0) return;
      const merged = entries.length + fresh.length > cap ? [...entries, ...fresh].slice(-cap) : [...entries, ...fresh];
      set({ entries: merged, lastSeq: seen });
    },

    clear() {
      set({ entries: [] });
    },

    start() {
      let pending: LogEntry[] | null = [];
      const off = api.on('log.entries', (batch) => {
        if (pending) pending.push(...batch);
        else get().append(batch);
      });
      const flush = (history: readonly LogEntry[]): void => {
        const buffered = pending ?? [];
        pending = null;
        get().append([...history, ...buffered]);
      };
      api.call('log.history', {}).then(flush, (error: unknown) => {
        flush([]);
        const text = `Could not load the message log: ${error instanceof Error ? error.message : String(error)}`;
        set({ entries: [...get().entries, { seq: --localSeq, time: Date.now(), sessionId: null, kind: 'error', text }] });
      });
      return off;
    },
  }));
}
