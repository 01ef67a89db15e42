/**
 * One side of the window (local or remote): toolbar, listing error line, the
 * grid, a notice when there is nothing to list, and a summary line.
 */
import { useMemo, type ReactElement, type ReactNode, type RefObject } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PaneStore } from '../../stores/pane/pane-store.js';
import { StatusLine } from '../../ui/status-line.js';
import { FileGrid, type GridTransfer } from './file-grid.js';
import { PathBar } from './path-bar.js';
import { paneSummary } from './pane-summary.js';

interface FilePaneProps {
  readonly store: StoreApi<PaneStore>;
  /** "Local" or "Remote": names the region, path input and grid. */
  readonly side: 'Local' | 'Remote';
  readonly gridRef: RefObject<HTMLDivElement | null>;
  readonly onTab: () => void;
  /** Extra controls at the end of the path bar (the remote side's Bookmarks menu). */
  readonly toolbarExtra?: ReactNode;
  /** Drag and drop, the context menu and the transfer shortcut. */
  readonly transfer?: GridTransfer;
}

export function FilePane({ store, side, gridRef, onTab, toolbarExtra, transfer }: FilePaneProps): ReactElement {
  const notice = useStore(store, (s) => s.notice);
  const load = useStore(store, (s) => s.load);
  const view = useStore(store, (s) => s.view);
  const selected = useStore(store, (s) => s.selected);
  const hasSession = useStore(store, (s) => s.session !== null);
  const summary = useMemo(() => paneSummary(view, selected.size), [view, selected]);
  const hiddenOnly = useStore(store, (s) => s.entries.length > 0);
  const empty = hasSession && load.status === 'idle' && view.length === 0;

  return (
    <section aria-label={`${side} pane`} className={`pane pane-${side.toLowerCase()}`}>
      <PathBar store={store} side={side} extra={toolbarExtra} />
      <StatusLine tone="error" message={load.status === 'error' ? load.message : null} className="pane-error" />
      <div className="pane-body">
        <FileGrid store={store} label={`${side} files`} gridRef={gridRef} onTab={onTab} {...(transfer ? { transfer } : {})} />
        {notice ? (
          <p className="pane-notice" role="status">
            {notice}
          </p>
        ) : empty ? (
          <p className="pane-notice pane-notice-quiet">{hiddenOnly ? 'Only hidden files here.' : 'This folder is empty.'}</p>
        ) : null}
      </div>
      <p className="pane-summary">{hasSession ? (load.status === 'loading' ? 'Loading…' : summary) : '\u00a0'}</p>
    </section>
  );
}
