/**
 * The jobs of one queue tab as an ARIA grid, virtualised like the file grids
 * (fixed-height rows, only the visible window plus the focused row in the
 * DOM), so 10,000 jobs scroll smoothly. Rows are memoised on the job object:
 * a progress batch re-renders only the jobs it changed.
 */
import { memo, useId, useMemo, useRef, type KeyboardEvent, type MouseEvent, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { TransferJob } from '../../../shared/model/transfer.js';
import type { QueueStore } from '../../stores/queue-store.js';
import { FileIcon, FolderIcon } from '../../ui/icons.js';
import { formatSize } from '../pane/format.js';
import { ROW_HEIGHT, rowWindow } from '../pane/virtual-window.js';
import { HEADER_HEIGHT } from '../pane/columns.js';
import { moveIndex, type MoveTarget } from '../pane/grid-keys.js';
import { useGridViewport } from '../pane/use-grid-viewport.js';
import { formatEta, formatSpeed, jobPercent, stateText } from './queue-format.js';

const HEADERS = ['Local file', 'Direction', 'Remote file', 'Size', 'Status', 'Progress', 'Speed', 'ETA'] as const;

interface RowProps {
  readonly id: string;
  readonly job: TransferJob;
  readonly index: number;
  readonly selected: boolean;
  readonly focused: boolean;
}

/** A path that, when too long, loses its start (the file name at the end stays readable). */
function PathText({ path }: { readonly path: string }): ReactElement {
  return (
    <span className="entry-name path-tail" dir="rtl">
      <bdi dir="ltr">{path}</bdi>
    </span>
  );
}

const QueueRow = memo(function QueueRow({ id, job, index, selected, focused }: RowProps): ReactElement {
  const running = job.state.status === 'running' ? job.state : null;
  const percent = jobPercent(job);
  const status = stateText(job);
  const upload = job.direction === 'upload';
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-id={job.id}
      className={`grid-row queue-row status-${job.state.status}${selected ? ' is-selected' : ''}${focused ? ' is-focused' : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
    >
      <div role="gridcell" className="grid-cell cell-name" title={job.localPath}>
        {job.kind === 'folder' ? <FolderIcon /> : <FileIcon />}
        <PathText path={job.localPath} />
      </div>
      <div role="gridcell" className="grid-cell queue-direction" title={upload ? 'Upload' : 'Download'}>
        <span aria-hidden="true">{upload ? '→' : '←'}</span>
        <span className="visually-hidden">{upload ? 'Upload' : 'Download'}</span>
      </div>
      <div role="gridcell" className="grid-cell" title={job.remotePath}>
        <PathText path={job.remotePath} />
      </div>
      <div role="gridcell" className="grid-cell is-numeric">
        {formatSize(job.size)}
        {job.ascii ? (
          <span className="queue-ascii" title="Transferred as text (FTP ASCII mode, newlines converted)">
            {' '}
            ASCII
          </span>
        ) : null}
      </div>
      <div role="gridcell" className="grid-cell queue-status" title={status}>
        {status}
      </div>
      <div role="gridcell" className="grid-cell">
        {running ? (
          <div
            role="progressbar"
            aria-label={`Progress of ${job.localPath}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            className="progress"
          >
            <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
          </div>
        ) : null}
      </div>
      <div role="gridcell" className="grid-cell is-numeric">
        {running ? formatSpeed(running.speed) : ''}
      </div>
      <div role="gridcell" className="grid-cell is-numeric">
        {running ? formatEta(running.eta) : ''}
      </div>
    </div>
  );
});

const MOVES: Readonly<Record<string, MoveTarget>> = { ArrowDown: 'next', ArrowUp: 'previous', Home: 'first', End: 'last', PageDown: 'pageDown', PageUp: 'pageUp' };

export function QueueList({ store, labelledBy }: { readonly store: StoreApi<QueueStore>; readonly labelledBy: string }): ReactElement {
  const tab = useStore(store, (s) => s.tab);
  const ids = useStore(store, (s) => s.tabs[s.tab]);
  const selected = useStore(store, (s) => s.selected);
  const focus = useStore(store, (s) => s.focus);
  // Re-render on every batch: rows read their job from the (mutated) Map, memo skips the unchanged ones.
  useStore(store, (s) => s.revision);
  const jobs = store.getState().jobs;
  const ref = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const focusIndex = useMemo(() => (focus === null ? -1 : ids.indexOf(focus)), [ids, focus]);
  const viewport = useGridViewport(ref, focusIndex, tab);
  const rowId = (index: number): string => `${baseId}-q-${index}`;

  const { start, end } = rowWindow(viewport.scrollTop, viewport.height - HEADER_HEIGHT, ids.length);
  const indices: number[] = [];
  for (let i = start; i < end; i++) indices.push(i);
  if (focusIndex >= 0 && (focusIndex < start || focusIndex >= end)) indices.push(focusIndex);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const s = store.getState();
    const primary = event.ctrlKey || event.metaKey;
    const move = MOVES[event.key];
    if (move) {
      s.moveFocus(moveIndex(move, focusIndex, ids.length, viewport.page), { range: event.shiftKey, toggle: primary });
    } else if (event.key === 'Delete') {
      void s.cancelSelected();
    } else if (primary && event.key.toLowerCase() === 'a') {
      s.selectAll();
    } else if (event.key === 'Escape') {
      s.clearSelection();
    } else return;
    event.preventDefault();
  };

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    const row = (event.target as Element).closest('[data-id]');
    if (!row) return store.getState().clearSelection();
    store.getState().click(row.getAttribute('data-id') ?? '', { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
  };

  return (
    <div
      ref={ref}
      role="grid"
      aria-labelledby={labelledBy}
      aria-multiselectable="true"
      aria-rowcount={ids.length + 1}
      aria-activedescendant={focusIndex >= 0 ? rowId(focusIndex) : undefined}
      tabIndex={0}
      className="grid queue-grid"
      onKeyDown={onKeyDown}
      onScroll={viewport.onScroll}
      onClick={onClick}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
          {HEADERS.map((h) => (
            <div key={h} role="columnheader" className="grid-columnheader queue-columnheader">
              {h === 'Direction' ? <span className="visually-hidden">{h}</span> : h}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: ids.length * ROW_HEIGHT }}>
        {indices.map((index) => {
          const id = ids[index];
          const job = id === undefined ? undefined : jobs.get(id);
          if (!job) return null;
          return <QueueRow key={job.id} id={rowId(index)} job={job} index={index} selected={selected.has(job.id)} focused={index === focusIndex} />;
        })}
      </div>
      {ids.length === 0 ? <p className="queue-empty">Nothing here</p> : null}
    </div>
  );
}
