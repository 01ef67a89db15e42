/** The toolbar's "Synchronized browsing" switch and the remote pane's "Search" button. */
import type { ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppStores } from '../../stores/app-stores.js';
import type { PaneStore } from '../../stores/pane/pane-store.js';
import type { FileOps } from './file-ops.js';

export function SyncToggle({ ops, stores }: { readonly ops: StoreApi<FileOps>; readonly stores: AppStores }): ReactElement {
  const on = useStore(ops, (s) => s.sync.on);
  const ready = useStore(stores.remote, (s) => s.session !== null && s.path !== '');
  return (
    <button
      type="button"
      className={`button button-toolbar${on ? ' is-active' : ''}`}
      aria-pressed={on}
      disabled={!on && !ready}
      title="Entering a folder on one side enters the same folder on the other"
      onClick={() => ops.getState().setSync(!on)}
    >
      Synchronized browsing
    </button>
  );
}

export function SearchButton({ ops, remote }: { readonly ops: StoreApi<FileOps>; readonly remote: StoreApi<PaneStore> }): ReactElement {
  const connected = useStore(remote, (s) => s.session !== null && s.path !== '');
  return (
    <button type="button" className="button" disabled={!connected} onClick={() => ops.getState().openSearch()}>
      Search
    </button>
  );
}
