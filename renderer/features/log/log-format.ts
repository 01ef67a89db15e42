/**
 * How a log line reads on screen and on the clipboard. The kind labels follow
 * FileZilla ("Command:", "Response:"), which users already know, and give
 * errors a visible word as well as a colour.
 */
import type { LogEntry, LogKind } from '../../../shared/model/log.js';

export const KIND_LABELS: Readonly<Record<LogKind, string>> = {
  command: 'Command:',
  reply: 'Response:',
  info: 'Status:',
  error: 'Error:',
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local wall-clock time with milliseconds: `HH:MM:SS.mmm`. */
export function formatLogTime(time: number): string {
  const d = new Date(time);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** One line as copied: time, label, text. */
export function formatLogLine(entry: LogEntry): string {
  return `${formatLogTime(entry.time)} ${KIND_LABELS[entry.kind]} ${entry.text}`;
}

export function formatLogText(entries: readonly LogEntry[]): string {
  return entries.map(formatLogLine).join('\n');
}
