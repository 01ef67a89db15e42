/** One line of the message log. `command`/`reply` are protocol dialogue; secrets are masked in main. */
export type LogKind = 'command' | 'reply' | 'info' | 'error';

export interface LogEntry {
  readonly seq: number;
  /** Milliseconds since the epoch. */
  readonly time: number;
  /** The session it belongs to, or null for app-level messages. */
  readonly sessionId: string | null;
  readonly kind: LogKind;
  readonly text: string;
}
