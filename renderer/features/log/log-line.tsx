/**
 * One message-log line: local time, a kind label (so errors are marked by a
 * word and an icon, not colour alone) and the text. Memoised because the log
 * re-renders on every batch while old lines never change.
 */
import { memo, type ReactElement } from 'react';
import type { LogEntry } from '../../../shared/model/log.js';
import { formatLogTime, KIND_LABELS } from './log-format.js';

export const LogLine = memo(function LogLine({ entry }: { readonly entry: LogEntry }): ReactElement {
  return (
    <div className={`log-line log-${entry.kind}`}>
      <time className="log-time" dateTime={new Date(entry.time).toISOString()}>
        {formatLogTime(entry.time)}
      </time>{' '}
      <span className="log-kind">{KIND_LABELS[entry.kind]}</span> <span className="log-text">{entry.text}</span>
    </div>
  );
});
