/**
 * The message log: numbers and timestamps every line, keeps the most recent
 * ones for a renderer that (re)loads, and hands each line to the event bus.
 * Secrets never reach it: adapters mask them before logging.
 */
import type { LogEntry, LogKind } from '../../shared/model/log.js';
import type { EventBus } from '../ipc/event-bus.js';
import type { ProtocolLog } from '../engine/protocol-log.js';

const HISTORY = 5000;
/** A single line longer than this is cut: a hostile server must not bloat the log. */
const MAX_LINE = 2000;

export interface LogService {
  write(sessionId: string | null, kind: LogKind, text: string): void;
  /** A `ProtocolLog` bound to one session, for the engine. */
  forSession(sessionId: string | null): ProtocolLog;
  history(): readonly LogEntry[];
}

export function createLogService(bus: EventBus, now: () => number = Date.now): LogService {
  const lines: LogEntry[] = [];
  let seq = 0;
  const write = (sessionId: string | null, kind: LogKind, text: string): void => {
    const entry: LogEntry = { seq: ++seq, time: now(), sessionId, kind, text: text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text };
    lines.push(entry);
    if (lines.length > HISTORY) lines.splice(0, lines.length - HISTORY);
    bus.log(entry);
  };
  return {
    write,
    forSession: (sessionId) => (kind, text) => write(sessionId, kind, text),
    history: () => lines.slice(),
  };
}
