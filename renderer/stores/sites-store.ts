/**
 * The renderer's mirror of the Site Manager: the site tree, the quick-connect
 * history and how secrets are kept, as main last reported them (`sites.get`
 * at start, then every `sites.changed` and every action's reply). Actions are
 * thin: main owns the file, its lock and the secrets, so each one is a call
 * whose reply replaces the mirror; there is no optimistic copy to undo.
 *
 * Why a vanilla store with the api passed in: the composition root owns the
 * transport, and tests drive the store with a fake FerryApi and no DOM.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FerryApi, ParamsOf, ResultOf } from '../../shared/ipc/contract.js';
import type { ImportReport, Site } from '../../shared/model/site.js';
import type { SitesState } from '../../shared/model/sites-state.js';

/** `sites.save`'s params with the model's (readonly) `Site`. */
export interface SaveSiteParams {
  readonly parentId: string | null;
  readonly site: Site;
  /** A new secret to store, null to remove the stored one, absent to keep it. */
  readonly password?: string | null;
  readonly passphrase?: string | null;
}
/** Where an import comes from: FileZilla XML, ~/.ssh/config, or Ferry’s own export. */
export type ImportFormat = ParamsOf<'sites.import'>['format'];

/** The mirrored state (see the file header). */
export interface SitesStoreState {
  /** Null until main answered `sites.get` for the first time. */
  readonly sites: SitesState | null;
  /** Why `sites.get` failed at start (shown instead of the tree); null normally. */
  readonly loadError: string | null;
  /** The load problem the user dismissed, so the same text is not shown again. */
  readonly dismissedProblem: string | null;
}

/** The state and the calls that change it; each resolves after main answered, or rejects with its error. */
export interface SitesStore extends SitesStoreState {
  /** Listens to `sites.changed` and loads `sites.get`. Returns a stop function. */
  start(): () => void;
  /** Hides the current `problem` notice for good (until main reports a different one). */
  dismissProblem(): void;
  /** Creates (new id) or updates a site; resolves to its id. */
  save(params: SaveSiteParams): Promise<string>;
  createFolder(parentId: string | null, name: string): Promise<string>;
  rename(id: string, name: string): Promise<void>;
  /** Resolves to the copy's id. */
  duplicate(id: string): Promise<string>;
  remove(id: string): Promise<void>;
  move(id: string, parentId: string | null, index?: number): Promise<void>;
  importSites(format: ImportFormat, text?: string): Promise<ImportReport>;
  exportSites(): Promise<ResultOf<'sites.export'>>;
}

/** The problem to show now: main's load problem unless the user dismissed that very text. */
export const visibleProblem = (state: SitesStoreState): string | null => {
  const problem = state.sites?.problem ?? null;
  return problem !== null && problem !== state.dismissedProblem ? problem : null;
};

/** Whether editing is refused (a file from a newer Ferry), or not possible yet (not loaded). */
export const sitesReadOnly = (state: SitesStoreState): boolean => state.sites === null || state.sites.readOnly;

/** Just the `SitesState` part of a reply that carries more (`siteId`, `report`...). */
function pick(reply: SitesState): SitesState {
  const { tree, recent, problem, readOnly, secrets } = reply;
  return { tree, recent, problem, readOnly, secrets };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A sites store over `api`; call `start()` once (the composition root does). */
export function createSitesStore(api: FerryApi): StoreApi<SitesStore> {
  /** Set once any state arrived after `sites.get` was sent: a late `sites.get` reply is older. */
  let fresher = false;

  return createStore<SitesStore>()((set, get) => {
    const apply = (reply: SitesState): void => {
      fresher = true;
      set({ sites: pick(reply), loadError: null });
    };

    return {
      sites: null,
      loadError: null,
      dismissedProblem: null,

      start() {
        let stopped = false;
        fresher = false;
        // Subscribed first, so a change made while `sites.get` is in flight is not missed.
        const off = api.on('sites.changed', (state) => {
          if (!stopped) apply(state);
        });
        api.call('sites.get', {}).then(
          (state) => {
            if (stopped || fresher) return;
            apply(state);
          },
          (error: unknown) => {
            if (!stopped && get().sites === null) set({ loadError: `Could not load the saved sites: ${message(error)}` });
          },
        );
        return () => {
          stopped = true;
          off();
        };
      },

      dismissProblem() {
        set({ dismissedProblem: get().sites?.problem ?? null });
      },

      async save(params) {
        // (the params type wants a mutable bookmarks array: copy it)
        const reply = await api.call('sites.save', { ...params, site: { ...params.site, bookmarks: [...params.site.bookmarks] } });
        apply(reply);
        return reply.siteId;
      },

      async createFolder(parentId, name) {
        const reply = await api.call('sites.createFolder', { parentId, name });
        apply(reply);
        return reply.folderId;
      },

      async rename(id, name) {
        apply(await api.call('sites.rename', { id, name }));
      },

      async duplicate(id) {
        const reply = await api.call('sites.duplicate', { id });
        apply(reply);
        return reply.copyId;
      },

      async remove(id) {
        apply(await api.call('sites.delete', { id }));
      },

      async move(id, parentId, index) {
        apply(await api.call('sites.move', index === undefined ? { id, parentId } : { id, parentId, index }));
      },

      async importSites(format, text) {
        const reply = await api.call('sites.import', text === undefined ? { format } : { format, text });
        apply(reply);
        return reply.report;
      },

      exportSites: () => api.call('sites.export', {}),
    };
  });
}
