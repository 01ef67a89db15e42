/**
 * The message log panel: every protocol command, reply and status line with
 * its time; follows new lines unless the user scrolled up to read, and can be
 * copied or cleared.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { LogStore } from '../../stores/log-store.js';
import { copyText } from './copy-text.js';
import { formatLogText } from './log-format.js';
import { LogLine } from './log-line.js';

/** Within this many pixels of the bottom counts as "at the bottom" (sub-pixel zoom). */
const STICK_SLACK = 8;

export function MessageLog({ store }: { readonly store: StoreApi<LogStore> }): ReactElement {
  const entries = useStore(store, (s) => s.entries);
  const linesRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [copied, setCopied] = useState<string | null>(null);

  useLayoutEffect(() => {
    const el = linesRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [entries]);

  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  const onScroll = (): void => {
    const el = linesRef.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_SLACK;
  };

  const onCopy = async (): Promise<void> => {
    const lines = store.getState().entries;
    const ok = await copyText(formatLogText(lines));
    setCopied(ok ? `Copied ${lines.length} line${lines.length === 1 ? '' : 's'}.` : 'Could not copy the log.');
  };

  const onClear = (): void => {
    stick.current = true;
    store.getState().clear();
  };

  return (
    <section aria-label="Message log" className="panel log-panel">
      <div className="panel-toolbar">
        <h2 className="panel-title">Message log</h2>
        <span className="panel-toolbar-status" role="status">
          {copied}
        </span>
        <button type="button" className="button" onClick={() => void onCopy()}>
          Copy log
        </button>
        <button type="button" className="button" onClick={onClear}>
          Clear log
        </button>
      </div>
      {/* aria-live off: errors are announced by the alert lines; reading every protocol line aloud would drown them. */}
      <div ref={linesRef} role="log" aria-live="off" aria-label="Log lines" className="log-lines" tabIndex={0} onScroll={onScroll}>
        {entries.map((entry) => (
          <LogLine key={entry.seq} entry={entry} />
        ))}
      </div>
    </section>
  );
}
