/**
 * Main's outgoing events. Transports subscribe; services emit. Log lines are
 * batched here (flushed at most every `flushMs`) so a busy session cannot
 * flood IPC with one message per reply.
 */
import type { EventName, Events } from '../../shared/ipc/contract.js';
import type { LogEntry } from '../../shared/model/log.js';

export type EventSink = <E extends EventName>(name: E, payload: Events[E]) => void;

export interface EventBus {
  emit: EventSink;
  /** Queue a log line; it goes out with the next batch. */
  log(entry: LogEntry): void;
  subscribe(sink: EventSink): () => void;
  /** Flush pending batches now (tests, shutdown). */
  flush(): void;
}

export function createEventBus(flushMs = 100): EventBus {
  const sinks = new Set<EventSink>();
  let pendingLog: LogEntry[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const emit: EventSink = (name, payload) => {
    for (const sink of sinks) sink(name, payload);
  };
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pendingLog.length === 0) return;
    const batch = pendingLog;
    pendingLog = [];
    emit('log.entries', batch);
  };

  return {
    emit,
    flush,
    log(entry) {
      pendingLog.push(entry);
      timer ??= setTimeout(flush, flushMs);
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
