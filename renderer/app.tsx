/**
 * The window's layout: toolbar and quick-connect bar, local and remote panes
 * side by side, message log and transfer queue below, status bar at the
 * bottom, the Site Manager and Settings when open, and main's questions
 * (trust, secrets) as modal dialogs over it all. Also owns the Tab hand-off
 * between the two grids.
 */
import { useMemo, useRef, type ReactElement } from 'react';
import type { TransferActions } from './features/transfers/transfer-actions.js';
import type { AppStores } from './stores/app-stores.js';
import { QuickConnectBar } from './features/quick-connect/quick-connect-bar.js';
import { FilePane } from './features/pane/file-pane.js';
import { MessageLog } from './features/log/message-log.js';
import { TransferQueue } from './features/queue/transfer-queue.js';
import { StatusBar } from './features/status/status-bar.js';
import { PromptHost } from './features/prompts/prompt-host.js';
import { AppToolbar } from './features/toolbar/app-toolbar.js';
import { SitesNotice } from './features/toolbar/sites-notice.js';
import { AppDialogs } from './features/app-dialogs.js';
import { BookmarksMenu } from './features/pane/bookmarks-menu.js';
import type { FerryApi } from '../shared/ipc/contract.js';
import type { FileOpsHandle } from './features/file-ops/file-ops.js';
import { FileOpsDialogs, FileOpsStatus } from './features/file-ops/file-ops-dialogs.js';
import { SyncToggle, SearchButton } from './features/file-ops/file-ops-controls.js';

interface AppProps {
  readonly stores: AppStores;
  readonly transfers?: TransferActions;
  /** File operations, search, synchronized browsing and remote editing. */
  readonly fileOps?: FileOpsHandle;
  readonly api?: FerryApi;
}

export function App({ stores, transfers, fileOps, api }: AppProps): ReactElement {
  const localGrid = useRef<HTMLDivElement>(null);
  const remoteGrid = useRef<HTMLDivElement>(null);
  const localTransfer = useMemo(() => (transfers ? { transfer: { side: 'local' as const, actions: transfers } } : {}), [transfers]);
  const remoteTransfer = useMemo(() => (transfers ? { transfer: { side: 'remote' as const, actions: transfers } } : {}), [transfers]);
  const localOps = useMemo(() => (fileOps ? { fileOps: { side: 'local' as const, store: fileOps.store } } : {}), [fileOps]);
  const remoteOps = useMemo(() => (fileOps ? { fileOps: { side: 'remote' as const, store: fileOps.store } } : {}), [fileOps]);
  const apiProp = api ? { api } : {};

  return (
    <div className="app">
      <header className="top">
        <AppToolbar ui={stores.ui}>{fileOps ? <SyncToggle ops={fileOps.store} stores={stores} /> : null}</AppToolbar>
        <SitesNotice sites={stores.sites} />
        <QuickConnectBar store={stores.connection} sites={stores.sites} ui={stores.ui} />
      </header>
      <main className="panes">
        <FilePane store={stores.local} side="Local" gridRef={localGrid} onTab={() => remoteGrid.current?.focus()} {...localTransfer} {...localOps} {...apiProp} />
        <FilePane
          store={stores.remote}
          side="Remote"
          gridRef={remoteGrid}
          onTab={() => localGrid.current?.focus()}
          {...remoteTransfer}
          {...remoteOps}
          {...apiProp}
          filterExtra={fileOps ? <SearchButton ops={fileOps.store} remote={stores.remote} /> : null}
          toolbarExtra={<BookmarksMenu connection={stores.connection} sites={stores.sites} local={stores.local} remote={stores.remote} />}
        />
      </main>
      {fileOps ? <FileOpsStatus ops={fileOps.store} /> : <div className="file-ops-status" />}
      <div className="bottom">
        <MessageLog store={stores.log} />
        <TransferQueue store={stores.queue} />
      </div>
      <StatusBar store={stores.connection} />
      <AppDialogs stores={stores} />
      {fileOps ? <FileOpsDialogs ops={fileOps.store} /> : null}
      <PromptHost store={stores.prompts} />
    </div>
  );
}
