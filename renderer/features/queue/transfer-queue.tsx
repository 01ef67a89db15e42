/**
 * The transfer queue panel: overall progress, speed and counts on top, the
 * queue's toolbar, tabs Queued / Failed / Done (each with its count), and the
 * selected tab's jobs as a virtualised grid. Also says while files dropped
 * from the OS are being read and staged ("Preparing N files…").
 */
import { useId, type KeyboardEvent, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { QUEUE_TABS, type QueueStore, type QueueTab } from '../../stores/queue-store.js';
import { StatusLine } from '../../ui/status-line.js';
import { QueueList } from './queue-list.js';
import { countText, formatSpeed, overallPercent } from './queue-format.js';

const TAB_LABELS: Readonly<Record<QueueTab, string>> = { queued: 'Queued', failed: 'Failed', done: 'Done' };

function QueueTabs({ store, baseId }: { readonly store: StoreApi<QueueStore>; readonly baseId: string }): ReactElement {
  const tab = useStore(store, (s) => s.tab);
  const queued = useStore(store, (s) => s.tabs.queued.length);
  const failed = useStore(store, (s) => s.tabs.failed.length);
  const done = useStore(store, (s) => s.tabs.done.length);
  const counts: Record<QueueTab, number> = { queued, failed, done };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = QUEUE_TABS.indexOf(tab);
    let next: number;
    if (event.key === 'ArrowRight') next = (index + 1) % QUEUE_TABS.length;
    else if (event.key === 'ArrowLeft') next = (index + QUEUE_TABS.length - 1) % QUEUE_TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = QUEUE_TABS.length - 1;
    else return;
    event.preventDefault();
    const target = QUEUE_TABS[next] ?? 'queued';
    store.getState().setTab(target);
    document.getElementById(`${baseId}-tab-${target}`)?.focus();
  };

  return (
    <div role="tablist" aria-label="Queue lists" className="queue-tabs" onKeyDown={onKeyDown}>
      {QUEUE_TABS.map((t) => (
        <button
          key={t}
          id={`${baseId}-tab-${t}`}
          type="button"
          role="tab"
          aria-selected={t === tab}
          aria-controls={`${baseId}-panel`}
          tabIndex={t === tab ? 0 : -1}
          className={`queue-tab${t === tab ? ' is-active' : ''}`}
          onClick={() => store.getState().setTab(t)}
        >
          {TAB_LABELS[t]} <span className="queue-tab-count">({counts[t]})</span>
        </button>
      ))}
    </div>
  );
}

function QueueHeader({ store }: { readonly store: StoreApi<QueueStore> }): ReactElement {
  const totals = useStore(store, (s) => s.totals);
  const staging = useStore(store, (s) => s.staging);
  const percent = overallPercent(totals);
  const speed = formatSpeed(totals?.speed);
  return (
    <div className="queue-header">
      <div role="progressbar" aria-label="Overall progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="progress progress-overall">
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="queue-percent">{percent}%</span>
      <span className="queue-speed" aria-label="Total speed">
        {speed || '—'}
      </span>
      <span className="queue-count">{countText(totals)}</span>
      {staging ? (
        <span className="queue-staging" role="status">
          Preparing {staging.files} {staging.files === 1 ? 'file' : 'files'}…
          {staging.bytesTotal > 0 ? ` ${Math.floor((staging.bytesDone / staging.bytesTotal) * 100)}%` : ''}
        </span>
      ) : null}
    </div>
  );
}

function QueueToolbar({ store }: { readonly store: StoreApi<QueueStore> }): ReactElement {
  const active = useStore(store, (s) => s.active);
  const tab = useStore(store, (s) => s.tab);
  const hasSelection = useStore(store, (s) => s.selected.size > 0);
  const failedCount = useStore(store, (s) => s.tabs.failed.length);
  const doneCount = useStore(store, (s) => s.tabs.done.length);
  const ready = useStore(store, (s) => s.status === 'ready');
  const s = (): QueueStore => store.getState();
  return (
    <div role="toolbar" aria-label="Queue actions" className="queue-toolbar">
      <button type="button" className="button" disabled={!ready} onClick={() => void s().toggleActive()}>
        {active ? 'Pause queue' : 'Resume queue'}
      </button>
      <button type="button" className="button" disabled={!hasSelection || tab !== 'queued'} onClick={() => void s().cancelSelected()} title="Delete">
        Cancel selected
      </button>
      <button type="button" className="button" disabled={failedCount === 0} onClick={() => void s().retryFailed()}>
        Retry failed
      </button>
      <button type="button" className="button" disabled={!hasSelection || tab !== 'queued'} onClick={() => void s().moveToTop()}>
        Move to top
      </button>
      <button type="button" className="button" disabled={!hasSelection || tab !== 'queued'} onClick={() => void s().moveToBottom()}>
        Move to bottom
      </button>
      <button type="button" className="button" disabled={doneCount === 0} onClick={() => void s().clearDone()}>
        Clear done
      </button>
    </div>
  );
}

export function TransferQueue({ store }: { readonly store: StoreApi<QueueStore> }): ReactElement {
  const baseId = useId();
  const tab = useStore(store, (s) => s.tab);
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  const notice = useStore(store, (s) => s.notice);
  return (
    <section aria-label="Transfer queue" className="panel queue-panel">
      <div className="panel-toolbar queue-top">
        <h2 className="panel-title">Transfer queue</h2>
        <QueueHeader store={store} />
      </div>
      <div className="queue-bar">
        <QueueTabs store={store} baseId={baseId} />
        <QueueToolbar store={store} />
      </div>
      <StatusLine tone="error" message={status === 'error' ? `Could not load the queue: ${error ?? ''}` : notice} className="queue-notice" />
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-tab-${tab}`} className="queue-tabpanel">
        <QueueList store={store} labelledBy={`${baseId}-tab-${tab}`} />
      </div>
    </section>
  );
}
