/**
 * The bottom status bar: where the app is connected to at a glance, so the
 * state is visible even when the quick-connect bar scrolled out of mind, and
 * whether the session is encrypted (a lock and the cipher, or a visible
 * "Not encrypted" warning for plain FTP).
 */
import type { ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ConnectionState, ConnectionStore } from '../../stores/connection-store.js';
import { LockIcon, WarningIcon } from '../../ui/icons.js';

function describe(state: ConnectionState): string {
  switch (state.status) {
    // Not "Not connected": that phrase belongs to the remote pane (one match for tests and find-in-page).
    case 'idle':
      return 'Ready';
    case 'connecting':
      return `Connecting to ${state.host}…`;
    case 'connected': {
      const { user, host, port } = state.session;
      return `Connected to ${user}@${host}:${port}`;
    }
    case 'error':
      return state.code === 'CANCELLED' ? 'Connection cancelled' : 'Last connection attempt failed';
  }
}

export function StatusBar({ store }: { readonly store: StoreApi<ConnectionStore> }): ReactElement {
  const connection = useStore(store, (s) => s.connection);
  const session = connection.status === 'connected' ? connection.session : null;
  // The user declined a prompt: not a failure, so no red dot.
  const cancelled = connection.status === 'error' && connection.code === 'CANCELLED';
  return (
    <footer className="status-bar">
      <span className={`status-dot status-dot-${cancelled ? 'idle' : connection.status}`} aria-hidden="true" />
      <span>{describe(connection)}</span>
      {session ? (
        session.encryption ? (
          <span className="status-security status-secure" title="The connection is encrypted">
            <LockIcon />
            <span className="visually-hidden">Encrypted: </span>
            {session.encryption}
          </span>
        ) : (
          <span className="status-security status-insecure" title="Commands, passwords and files travel in clear text">
            <WarningIcon />
            Not encrypted
          </span>
        )
      ) : null}
      {session?.system ? <span className="status-system">{session.system}</span> : null}
    </footer>
  );
}
