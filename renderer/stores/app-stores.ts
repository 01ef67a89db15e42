/**
 * Creates every store and binds them to main's events and to each other, in
 * one place (the renderer's composition root calls this). Keeping the wiring
 * here, not in components, means a reload or a test gets the same behaviour
 * from a FerryApi alone.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { FerryApi } from '../../shared/ipc/contract.js';
import { LOCAL_SESSION } from '../../shared/model/session.js';
import { parentPath } from '../../shared/path.js';
import { createConnectionStore, type ConnectionState, type ConnectionStore } from './connection-store.js';
import { createLogStore, type LogStore } from './log-store.js';
import { createPaneStore, type PaneStore } from './pane/pane-store.js';
import { createPromptStore, type PromptStore } from './prompt-store.js';
import { createQueueStore, type QueueStore } from './queue-store.js';
import { createSitesStore, type SitesStore } from './sites-store.js';
import { createTrustStore, type TrustStore } from './trust-store.js';
import { createUiStore, type UiStore } from './ui-store.js';

export interface AppStores {
  readonly connection: StoreApi<ConnectionStore>;
  readonly local: StoreApi<PaneStore>;
  readonly remote: StoreApi<PaneStore>;
  readonly log: StoreApi<LogStore>;
  readonly prompts: StoreApi<PromptStore>;
  readonly queue: StoreApi<QueueStore>;
  readonly sites: StoreApi<SitesStore>;
  readonly trust: StoreApi<TrustStore>;
  readonly ui: StoreApi<UiStore>;
}

/** What the remote pane says when it has no session. */
export const NOT_CONNECTED = 'Not connected';

/** The remote pane's notice for a connection state other than "connected". */
export function notConnectedNotice(state: ConnectionState): string {
  if (state.status === 'idle' && state.reason) return `${NOT_CONNECTED}. ${state.reason}`;
  return NOT_CONNECTED;
}

export function createAppStores(api: FerryApi, now?: () => number): AppStores {
  return {
    connection: createConnectionStore(api),
    local: createPaneStore({ api, notice: 'Loading…', ...(now ? { now } : {}) }),
    remote: createPaneStore({ api, notice: NOT_CONNECTED, ...(now ? { now } : {}) }),
    log: createLogStore(api),
    prompts: createPromptStore(api),
    queue: createQueueStore(api),
    sites: createSitesStore(api),
    trust: createTrustStore(api),
    ui: createUiStore(),
  };
}

/**
 * Starts the app: log history and live lines, prompts from main (and those
 * already waiting), the saved sites, the local pane at the user's home, and
 * the remote pane following the connection (a site's initial local folder
 * opens in the local pane too). Returns a stop function.
 */
export function startApp(api: FerryApi, stores: AppStores): () => void {
  const { connection, local, remote, log, prompts, sites, ui, queue } = stores;
  const stops: (() => void)[] = [];
  stops.push(log.getState().start());
  stops.push(prompts.getState().start());
  stops.push(queue.getState().start());
  stops.push(sites.getState().start());
  stops.push(api.on('session.closed', ({ sessionId, reason }) => connection.getState().closed(sessionId, reason)));
  stops.push(api.on('ui.command', ({ command }) => (command === 'open-site-manager' ? ui.getState().openSiteManager() : ui.getState().openSettings())));

  stops.push(
    connection.subscribe((state, previous) => {
      const now = state.connection;
      const before = previous.connection;
      if (now === before) return;
      if (now.status === 'connected') {
        if (before.status === 'connected' && before.session.sessionId === now.session.sessionId) return;
        const { session, initialPath, localPath } = now;
        const start = initialPath ?? session.home;
        void remote.getState().attach({ id: session.sessionId, pathStyle: session.pathStyle }, start, session.home);
        if (localPath !== null && local.getState().session !== null) void local.getState().navigate(localPath);
      } else if (before.status === 'connected' || remote.getState().session !== null) {
        remote.getState().detach(notConnectedNotice(now));
      }
    }),
  );

  stops.push(refreshAfterTransfers(stores));

  let stopped = false;
  api.call('app.info', {}).then(
    (info) => {
      if (!stopped) void local.getState().attach({ id: LOCAL_SESSION, pathStyle: info.localPathStyle }, info.localHome);
    },
    (error: unknown) => {
      if (!stopped) local.getState().detach(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  stops.push(() => {
    stopped = true;
  });

  return () => {
    for (const stop of stops) stop();
  };
}

/** How long to gather finished transfers before refreshing a pane (many small files finish together). */
export const REFRESH_DELAY_MS = 300;

/**
 * Refreshes a pane when transfers into the folder it shows finish: uploads
 * into the remote folder on screen, downloads into the local one.
 */
function refreshAfterTransfers({ queue, local, remote }: AppStores): () => void {
  const due = new Set<StoreApi<PaneStore>>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const shows = (pane: StoreApi<PaneStore>, path: string): boolean => {
    const { session, path: shown } = pane.getState();
    return session !== null && shown !== '' && parentPath(session.pathStyle, path) === shown;
  };
  const stop = queue.subscribe((state, previous) => {
    if (state.finished === previous.finished) return;
    for (const job of state.finished) {
      if (job.direction === 'upload' && shows(remote, job.remotePath)) due.add(remote);
      if (job.direction === 'download' && shows(local, job.localPath)) due.add(local);
    }
    if (due.size === 0 || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      for (const pane of due) void pane.getState().refresh();
      due.clear();
    }, REFRESH_DELAY_MS);
  });
  return () => {
    stop();
    if (timer !== null) clearTimeout(timer);
  };
}
