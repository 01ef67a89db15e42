/**
 * One side of the window (local or remote): toolbar, listing error line, the
 * grid, a notice when there is nothing to list, and a summary line.
 */
import { useId, useMemo, useState, type KeyboardEvent, type ReactElement, type ReactNode, type RefObject } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PaneStore } from '../../stores/pane/pane-store.js';
import { StatusLine } from '../../ui/status-line.js';
import type { FerryApi } from '../../../shared/ipc/contract.js';
import { FileGrid, type GridFileOps, type GridTransfer } from './file-grid.js';
import { FolderTree } from './folder-tree.js';
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
  /** File operations (menu items, shortcuts, inline rename, moves). */
  readonly fileOps?: GridFileOps;
  /** For the folder tree's lazy listings. */
  readonly api?: FerryApi;
  /** Controls at the end of the filter row (the remote side's Search button). */
  readonly filterExtra?: ReactNode;
}

function FilterBox({ store, side, gridRef }: { readonly store: StoreApi<PaneStore>; readonly side: string; readonly gridRef: RefObject<HTMLDivElement | null> }): ReactElement {
  const filter = useStore(store, (s) => s.filter);
  const hasSession = useStore(store, (s) => s.session !== null);
  const id = useId();
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape' && filter !== '') {
      event.preventDefault();
      store.getState().setFilter('');
    } else if (event.key === 'ArrowDown' || event.key === 'Enter') {
      event.preventDefault();
      gridRef.current?.focus();
    }
  };
  return (
    <span className="pane-filter">
      <label htmlFor={`${id}-filter`} className="visually-hidden">{`Filter ${side.toLowerCase()} files`}</label>
      <input
        id={`${id}-filter`}
        type="search"
        placeholder="Filter (e.g. *.txt)"
        value={filter}
        disabled={!hasSession}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => store.getState().setFilter(e.target.value)}
        onKeyDown={onKeyDown}
      />
    </span>
  );
}

export function FilePane({ store, side, gridRef, onTab, toolbarExtra, transfer, fileOps, api, filterExtra }: FilePaneProps): ReactElement {
  const [showTree, setShowTree] = useState(false);
  const filter = useStore(store, (s) => s.filter);
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
      <div className="pane-tools">
        <FilterBox store={store} side={side} gridRef={gridRef} />
        <button type="button" className="button" aria-pressed={showTree} onClick={() => setShowTree((v) => !v)}>
          Show folder tree
        </button>
        {filterExtra}
      </div>
      {showTree && api ? <FolderTree store={store} api={api} label={`${side} folders`} /> : null}
      <StatusLine tone="error" message={load.status === 'error' ? load.message : null} className="pane-error" />
      <div className="pane-body">
        <FileGrid store={store} label={`${side} files`} gridRef={gridRef} onTab={onTab} {...(transfer ? { transfer } : {})} {...(fileOps ? { fileOps } : {})} />
        {notice ? (
          <p className="pane-notice" role="status">
            {notice}
          </p>
        ) : empty ? (
          <p className="pane-notice pane-notice-quiet">{filter ? 'No names match the filter.' : hiddenOnly ? 'Only hidden files here.' : 'This folder is empty.'}</p>
        ) : null}
      </div>
      <p className="pane-summary">{hasSession ? (load.status === 'loading' ? 'Loading…' : summary) : '\u00a0'}</p>
    </section>
  );
}
