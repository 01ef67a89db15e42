/**
 * The remote session's lifecycle as one state machine, so the bar, the remote
 * pane and the status bar can never disagree (e.g. "connected" with no
 * session). One remote session at a time, opened from the quick-connect bar
 * (`session.connect` with the typed fields) or from a saved site
 * (`sites.connect` by id: main reads the secret, the renderer never sees it).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FerryApi, ParamsOf } from '../../shared/ipc/contract.js';
import type { Protocol, SessionInfo } from '../../shared/model/session.js';
import type { Site } from '../../shared/model/site.js';
import type { FerryErrorCode } from '../../shared/errors.js';

export type ConnectParams = ParamsOf<'session.connect'>;

export type ConnectionState =
  /** `reason` says why we are not connected any more (null at start). */
  | { readonly status: 'idle'; readonly reason: string | null }
  | { readonly status: 'connecting'; readonly host: string }
  /**
   * `initialPath`: the folder from a pasted URL or the site's initial remote
   * folder, listed instead of `session.home`. `localPath`: the site's initial
   * local folder. `siteId`: the saved site this session came from (its
   * bookmarks are offered), null for quick connect.
   */
  | {
      readonly status: 'connected';
      readonly session: SessionInfo;
      readonly initialPath: string | null;
      readonly localPath: string | null;
      readonly siteId: string | null;
    }
  /** `server`: where the failed attempt went (null for a form problem), e.g. to forget its pinned certificate. */
  | { readonly status: 'error'; readonly message: string; readonly code: FerryErrorCode | null; readonly server: ServerAddress | null };

type Connected = Extract<ConnectionState, { status: 'connected' }>;

export interface ServerAddress {
  readonly protocol: Protocol;
  readonly host: string;
  readonly port: number;
}

export interface ConnectionStore {
  readonly connection: ConnectionState;
  /** Connect (closing the current session first, if any). */
  connect(params: ConnectParams, initialPath?: string | null): Promise<void>;
  /** Connects to a saved site by id (closing the current session first, if any). */
  connectSite(site: Site): Promise<void>;
  /** User-requested disconnect; the UI clears at once, the server is told in the background. */
  disconnect(): Promise<void>;
  /** Main reported `session.closed`: forget the session if it is ours. */
  closed(sessionId: string, reason: string): void;
  /** A problem found before calling main (e.g. no host given), shown like a connect error. */
  fail(message: string): void;
  /**
   * After a trust failure (TLS_UNTRUSTED, HOST_KEY_CHANGED): forgets the
   * certificate or host key Ferry trusted for that server, so the next attempt
   * asks again. Never reconnects by itself. Resolves to main's `removed`.
   */
  forgetTrusted(): Promise<boolean>;
}

/** What a trust failure is about: the thing `trust.forget` can remove; null for other failures. */
export function trustKindOf(code: FerryErrorCode | null): 'certificate' | 'host-key' | null {
  if (code === 'TLS_UNTRUSTED') return 'certificate';
  if (code === 'HOST_KEY_CHANGED') return 'host-key';
  return null;
}

export const DISCONNECTED_BY_USER = 'You disconnected.';

export function createConnectionStore(api: FerryApi): StoreApi<ConnectionStore> {
  /** Bumped per attempt so a late reply of an abandoned attempt is ignored. */
  let attempt = 0;

  return createStore<ConnectionStore>()((set, get) => {
    /**
     * One attempt: closes the current session, runs `call`, and lands in
     * `connected` or `error`. A reply for an attempt that was abandoned
     * meanwhile (a newer connect, a disconnect) is closed again at once.
     */
    async function open(server: ServerAddress, call: () => Promise<Omit<Connected, 'status'>>): Promise<void> {
      const current = get().connection;
      if (current.status === 'connecting') return;
      if (current.status === 'connected') await get().disconnect();
      const token = ++attempt;
      set({ connection: { status: 'connecting', host: server.host } });
      try {
        const connected = await call();
        if (token !== attempt) {
          void api.call('session.disconnect', { sessionId: connected.session.sessionId }).catch(() => undefined);
          return;
        }
        set({ connection: { status: 'connected', ...connected } });
      } catch (error) {
        if (token !== attempt) return;
        const code = (error as { code?: unknown }).code;
        set({
          connection: {
            status: 'error',
            message: error instanceof Error ? error.message : String(error),
            code: typeof code === 'string' ? (code as FerryErrorCode) : null,
            server,
          },
        });
      }
    }

    return {
      connection: { status: 'idle', reason: null },

      async connect(params, initialPath = null) {
        const server = { protocol: params.protocol, host: params.host, port: params.port };
        await open(server, async () => {
          const session = await api.call('session.connect', params);
          return { session, initialPath: initialPath || null, localPath: null, siteId: null };
        });
      },

      async connectSite(site) {
        const server = { protocol: site.protocol, host: site.host, port: site.port };
        await open(server, async () => {
          const { session, remoteDir, localDir } = await api.call('sites.connect', { siteId: site.id });
          return { session, initialPath: remoteDir || null, localPath: localDir || null, siteId: site.id };
        });
      },

      async disconnect() {
        const current = get().connection;
        if (current.status !== 'connected') return;
        attempt++;
        set({ connection: { status: 'idle', reason: DISCONNECTED_BY_USER } });
        // Main logs any failure; the session is gone for the user either way.
        await api.call('session.disconnect', { sessionId: current.session.sessionId }).catch(() => undefined);
      },

      closed(sessionId, reason) {
        const current = get().connection;
        if (current.status !== 'connected' || current.session.sessionId !== sessionId) return;
        set({ connection: { status: 'idle', reason: `The connection was closed: ${reason}` } });
      },

      fail(message) {
        if (get().connection.status === 'connecting') return;
        set({ connection: { status: 'error', message, code: null, server: null } });
      },

      async forgetTrusted() {
        const current = get().connection;
        const kind = current.status === 'error' ? trustKindOf(current.code) : null;
        if (current.status !== 'error' || !kind || !current.server) throw new Error('There is no trust failure to act on.');
        const { removed } = await api.call('trust.forget', { kind, host: current.server.host, port: current.server.port });
        return removed;
      },
    };
  });
}
