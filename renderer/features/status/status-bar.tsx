/**
 * The bottom status bar: where the app is connected to at a glance, so the
 * state is visible even when the quick-connect bar scrolled out of mind.
 */
import type { ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ConnectionState, ConnectionStore } from '../../stores/connection-store.js';

function describe(state: ConnectionState): string {
  switch (state.status) {
    // Not "Not connected": that phrase belongs to the remote pane (one match for tests and find-in-page).
    case 'idle':
      return 'Ready';
    case 'connecting':
      return `Connecting to ${state.host}…`;
    case 'connected': {
      const { user, host, port, system, encryption } = state.session;
      const security = encryption ?? 'not encrypted';
      return `Connected to ${user}@${host}:${port} — ${security}${system ? ` — ${system}` : ''}`;
    }
    case 'error':
      return 'Last connection attempt failed';
  }
}

export function StatusBar({ store }: { readonly store: StoreApi<ConnectionStore> }): ReactElement {
  const connection = useStore(store, (s) => s.connection);
  return (
    <footer className="status-bar">
      <span className={`status-dot status-dot-${connection.status}`} aria-hidden="true" />
      <span>{describe(connection)}</span>
    </footer>
  );
}
