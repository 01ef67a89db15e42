/**
 * File operations started from the panes (new folder/file, rename, delete,
 * permissions, properties, view/edit, same-side moves), remote search,
 * synchronized browsing and the remote-edit questions. One vanilla store
 * holds the open dialog, the running operation and the pending edit
 * question; the actions call main and refresh the affected pane afterwards.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FerryApi } from '../../../shared/ipc/contract.js';
import type { Entry } from '../../../shared/model/entry.js';
import type { EditState } from '../../../shared/model/file-ops.js';
import { joinPath } from '../../../shared/path.js';
import type { AppStores } from '../../stores/app-stores.js';
import type { PaneStore } from '../../stores/pane/pane-store.js';
import type { PaneSide } from '../transfers/drag-payload.js';
import { nameProblem } from './names.js';
import { localUrl, remoteUrl } from './url.js';
import { syncTarget } from './sync-path.js';

export interface Failure {
  readonly path: string;
  readonly reason: string;
}

export type FileOpsDialog =
  | { readonly kind: 'create'; readonly side: PaneSide; readonly what: 'folder' | 'file' }
  | { readonly kind: 'delete'; readonly side: PaneSide; readonly paths: readonly string[]; readonly names: readonly string[]; readonly sessionId: string }
  | { readonly kind: 'properties'; readonly side: PaneSide; readonly path: string; readonly entry: Entry | null; readonly error: string | null; readonly loading: boolean }
  | { readonly kind: 'permissions'; readonly side: PaneSide; readonly paths: readonly string[]; readonly entries: readonly Entry[] }
  | { readonly kind: 'search' };

export interface RunningOperation {
  readonly operationId: string;
  readonly label: string;
  readonly done: number;
  readonly total: number | null;
  readonly current: string | null;
  readonly running: boolean;
  readonly failures: readonly Failure[];
  readonly cancelled: boolean;
}

export interface SearchHit {
  readonly path: string;
  readonly entry: Entry;
}

export interface SearchState {
  readonly operationId: string | null;
  readonly running: boolean;
  readonly hits: readonly SearchHit[];
  readonly message: string | null;
}

export interface SyncState {
  readonly on: boolean;
  readonly localBase: string;
  readonly remoteBase: string;
}

export interface SearchQuery {
  readonly pattern: string;
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly modifiedAfter?: number;
  readonly modifiedBefore?: number;
}

export interface FileOpsState {
  readonly dialog: FileOpsDialog | null;
  /** Inline rename in a grid. */
  readonly renaming: { readonly side: PaneSide; readonly name: string } | null;
  readonly operation: RunningOperation | null;
  readonly search: SearchState;
  readonly sync: SyncState;
  /** A pending question about a file being edited. */
  readonly edit: EditState | null;
  /** A short message under the panes (copy done, sync stopped, an error). */
  readonly notice: string | null;
}

export interface FileOpsActions {
  close(): void;
  setNotice(notice: string | null): void;
  askCreate(side: PaneSide, what: 'folder' | 'file'): void;
  /** Returns an error message to show inline, or null on success. */
  create(side: PaneSide, what: 'folder' | 'file', name: string): Promise<string | null>;
  startRename(side: PaneSide, name?: string): void;
  cancelRename(): void;
  rename(side: PaneSide, from: string, to: string): Promise<string | null>;
  /** Moves named rows of `side`'s folder into its subfolder `folder`. */
  moveInto(side: PaneSide, names: readonly string[], folder: string): Promise<void>;
  askDelete(side: PaneSide): void;
  /** Deletes absolute paths on a session (the delete dialog and search results). */
  remove(side: PaneSide | null, sessionId: string, paths: readonly string[]): Promise<void>;
  cancelOperation(): void;
  dismissOperation(): void;
  properties(side: PaneSide): Promise<void>;
  askPermissions(side: PaneSide): void;
  chmod(side: PaneSide, paths: readonly string[], mode: number, recursive: 'none' | 'all' | 'files' | 'folders'): Promise<void>;
  viewEdit(side: PaneSide): Promise<void>;
  copyPath(side: PaneSide, url: boolean): Promise<void>;
  openSearch(): void;
  runSearch(query: SearchQuery): Promise<void>;
  stopSearch(): void;
  downloadHits(hits: readonly SearchHit[]): Promise<void>;
  /** The remote session search results belong to. */
  searchSession(): string | null;
  removeHits(sessionId: string, paths: readonly string[]): Promise<void>;
  setSync(on: boolean): void;
  answerEdit(answer: 'upload' | 'not-now' | 'overwrite' | 'reload' | 'cancel', neverAsk?: boolean): Promise<void>;
}

export type FileOps = FileOpsState & FileOpsActions;

let counter = 0;
function newOperationId(): string {
  counter += 1;
  return `op-${Date.now().toString(36)}-${counter}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface FileOpsHandle {
  readonly store: StoreApi<FileOps>;
  /** Listens to main's events and the panes (sync browsing). Returns a stop function. */
  start(): () => void;
}

export function createFileOps(api: FerryApi, stores: AppStores): FileOpsHandle {
  const pane = (side: PaneSide): StoreApi<PaneStore> => (side === 'local' ? stores.local : stores.remote);
  /** Edits whose uploads should happen without asking ("Don't ask again"). */
  const autoUpload = new Set<string>();

  const chosen = (side: PaneSide): Entry[] => {
    const s = pane(side).getState();
    return s.selected.size > 0 ? s.view.filter((e) => s.selected.has(e.name)) : s.view.filter((e) => e.name === s.focus);
  };
  const pathOf = (side: PaneSide, name: string): string | null => {
    const s = pane(side).getState();
    return s.session && s.path ? joinPath(s.session.pathStyle, s.path, name) : null;
  };
  const sessionOf = (side: PaneSide): string | null => pane(side).getState().session?.id ?? null;

  const store = createStore<FileOps>()((set, get) => {
    const refresh = (side: PaneSide | null): void => {
      if (side) void pane(side).getState().refresh();
      else {
        void stores.local.getState().refresh();
        void stores.remote.getState().refresh();
      }
    };

    const runOperation = async (
      label: string,
      call: (operationId: string) => Promise<{ done: number; failed: readonly Failure[]; cancelled: boolean }>,
      side: PaneSide | null,
    ): Promise<void> => {
      const operationId = newOperationId();
      set({ operation: { operationId, label, done: 0, total: null, current: null, running: true, failures: [], cancelled: false } });
      try {
        const result = await call(operationId);
        const op = get().operation;
        if (op?.operationId === operationId) {
          const failures = result.failed.length > 0 ? result.failed : op.failures;
          set({ operation: failures.length > 0 || result.cancelled ? { ...op, done: result.done, running: false, failures, cancelled: result.cancelled } : null });
        }
      } catch (error) {
        const op = get().operation;
        if (op?.operationId === operationId) set({ operation: { ...op, running: false, failures: [...op.failures, { path: label, reason: message(error) }] } });
      }
      refresh(side);
    };

    return {
      dialog: null,
      renaming: null,
      operation: null,
      search: { operationId: null, running: false, hits: [], message: null },
      sync: { on: false, localBase: '', remoteBase: '' },
      edit: null,
      notice: null,

      close: () => set({ dialog: null }),
      setNotice: (notice) => set({ notice }),

      askCreate(side, what) {
        if (!sessionOf(side)) return;
        set({ dialog: { kind: 'create', side, what } });
      },

      async create(side, what, name) {
        const problem = nameProblem(name);
        if (problem) return problem;
        const sessionId = sessionOf(side);
        const path = pathOf(side, name);
        if (!sessionId || !path) return 'Not connected.';
        try {
          await api.call(what === 'folder' ? 'fs.mkdir' : 'fs.createFile', { sessionId, path });
        } catch (error) {
          return message(error);
        }
        set({ dialog: null });
        await pane(side).getState().refresh();
        const s = pane(side).getState();
        const index = s.names.indexOf(name);
        if (index >= 0) s.click(index);
        return null;
      },

      startRename(side, name) {
        const target = name ?? pane(side).getState().focus ?? chosen(side)[0]?.name;
        if (target) set({ renaming: { side, name: target } });
      },
      cancelRename: () => set({ renaming: null }),

      async rename(side, from, to) {
        if (from === to) {
          set({ renaming: null });
          return null;
        }
        const problem = nameProblem(to);
        if (problem) return problem;
        const sessionId = sessionOf(side);
        const fromPath = pathOf(side, from);
        const toPath = pathOf(side, to);
        if (!sessionId || !fromPath || !toPath) return 'Not connected.';
        try {
          await api.call('fs.rename', { sessionId, from: fromPath, to: toPath });
        } catch (error) {
          return message(error);
        }
        set({ renaming: null });
        await pane(side).getState().refresh();
        const s = pane(side).getState();
        const index = s.names.indexOf(to);
        if (index >= 0) s.click(index);
        return null;
      },

      async moveInto(side, names, folder) {
        const s = pane(side).getState();
        const sessionId = s.session?.id;
        const style = s.session?.pathStyle;
        if (!sessionId || !style) return;
        const target = joinPath(style, s.path, folder);
        const failures: Failure[] = [];
        for (const name of names) {
          if (name === folder) continue;
          const from = joinPath(style, s.path, name);
          try {
            await api.call('fs.rename', { sessionId, from, to: joinPath(style, target, name) });
          } catch (error) {
            failures.push({ path: from, reason: message(error) });
          }
        }
        set({ notice: failures.length > 0 ? `Could not move ${failures[0]?.path ?? ''}: ${failures[0]?.reason ?? ''}` : null });
        await pane(side).getState().refresh();
      },

      askDelete(side) {
        const sessionId = sessionOf(side);
        const entries = chosen(side);
        if (!sessionId || entries.length === 0) return;
        const paths = entries.map((e) => pathOf(side, e.name)).filter((p): p is string => p !== null);
        set({ dialog: { kind: 'delete', side, sessionId, paths, names: entries.map((e) => e.name) } });
      },

      async remove(side, sessionId, paths) {
        if (side !== null) set({ dialog: null });
        await runOperation(`Deleting ${paths.length === 1 ? '1 item' : `${paths.length} items`}`, (operationId) => api.call('fs.delete', { sessionId, paths: [...paths], operationId }), side);
        if (side === null) {
          const gone = new Set(paths);
          set((s) => ({ search: { ...s.search, hits: s.search.hits.filter((h) => !gone.has(h.path)) } }));
        }
      },

      cancelOperation() {
        const op = get().operation;
        if (op?.running) void api.call('fs.cancel', { operationId: op.operationId }).catch(() => undefined);
      },
      dismissOperation: () => set({ operation: null }),

      async properties(side) {
        const entry = chosen(side)[0];
        const sessionId = sessionOf(side);
        const path = entry ? pathOf(side, entry.name) : null;
        if (!entry || !sessionId || !path) return;
        set({ dialog: { kind: 'properties', side, path, entry, error: null, loading: true } });
        try {
          const stat = await api.call('fs.stat', { sessionId, path });
          const d = get().dialog;
          if (d?.kind === 'properties' && d.path === path) set({ dialog: { ...d, entry: stat ?? entry, loading: false, error: stat ? null : 'The item no longer exists.' } });
        } catch (error) {
          const d = get().dialog;
          if (d?.kind === 'properties' && d.path === path) set({ dialog: { ...d, loading: false, error: message(error) } });
        }
      },

      askPermissions(side) {
        const entries = chosen(side);
        const paths = entries.map((e) => pathOf(side, e.name)).filter((p): p is string => p !== null);
        if (paths.length === 0) return;
        set({ dialog: { kind: 'permissions', side, paths, entries } });
      },

      async chmod(side, paths, mode, recursive) {
        const sessionId = sessionOf(side);
        if (!sessionId) return;
        set({ dialog: null });
        await runOperation('Changing permissions', (operationId) => api.call('fs.chmod', { sessionId, paths: [...paths], mode, recursive, operationId }), side);
      },

      async viewEdit(side) {
        const entry = chosen(side)[0];
        const sessionId = sessionOf(side);
        const path = entry ? pathOf(side, entry.name) : null;
        if (!entry || !sessionId || !path || entry.type === 'dir') return;
        try {
          if (side === 'local') await api.call('local.open', { path });
          else {
            const state = await api.call('edit.open', { sessionId, path });
            set({ notice: `Editing ${entry.name}: save it in the editor and Ferry will offer to upload it.` });
            if (state.status === 'modified' || state.status === 'remote-changed') set({ edit: state });
          }
        } catch (error) {
          set({ notice: `Could not open ${entry.name}: ${message(error)}` });
        }
      },

      async copyPath(side, url) {
        const entries = chosen(side);
        const s = pane(side).getState();
        const style = s.session?.pathStyle ?? 'posix';
        const paths = entries.length > 0 ? entries.map((e) => pathOf(side, e.name)).filter((p): p is string => p !== null) : s.path ? [s.path] : [];
        if (paths.length === 0) return;
        const c = stores.connection.getState().connection;
        const text = paths
          .map((p) => {
            if (!url) return p;
            if (side === 'local') return localUrl(style, p);
            return c.status === 'connected' ? remoteUrl(c.session, p) : p;
          })
          .join('\n');
        try {
          await navigator.clipboard.writeText(text);
          set({ notice: `Copied ${paths.length === 1 ? (url ? 'URL' : 'path') : `${paths.length} ${url ? 'URLs' : 'paths'}`} to the clipboard.` });
        } catch (error) {
          set({ notice: `Could not copy: ${message(error)}` });
        }
      },

      openSearch() {
        if (!sessionOf('remote')) return;
        set({ dialog: { kind: 'search' } });
      },

      async runSearch(query) {
        const r = stores.remote.getState();
        if (!r.session || !r.path) return;
        const previous = get().search.operationId;
        if (previous) void api.call('fs.cancel', { operationId: previous }).catch(() => undefined);
        const operationId = newOperationId();
        set({ search: { operationId, running: true, hits: [], message: null } });
        try {
          const result = await api.call('fs.search', { sessionId: r.session.id, path: r.path, operationId, ...query });
          if (get().search.operationId === operationId) {
            set((s) => ({ search: { ...s.search, running: false, message: `${result.found} found${result.cancelled ? ' (stopped)' : ''}.` } }));
          }
        } catch (error) {
          if (get().search.operationId === operationId) set((s) => ({ search: { ...s.search, running: false, message: `Search failed: ${message(error)}` } }));
        }
      },

      stopSearch() {
        const id = get().search.operationId;
        if (id && get().search.running) void api.call('fs.cancel', { operationId: id }).catch(() => undefined);
      },

      async downloadHits(hits) {
        const c = stores.connection.getState().connection;
        const localDir = stores.local.getState().path;
        if (c.status !== 'connected' || !localDir || hits.length === 0) return;
        await stores.queue.getState().add(
          c.session.sessionId,
          hits.map((h) =>
            h.entry.type === 'dir' || h.entry.type === 'file'
              ? { direction: 'download' as const, remotePath: h.path, type: h.entry.type, localDir }
              : { direction: 'download' as const, remotePath: h.path, localDir },
          ),
        );
      },

      searchSession: () => sessionOf('remote'),
      removeHits: (sessionId, paths) => get().remove(null, sessionId, paths),

      setSync(on) {
        if (!on) return set({ sync: { on: false, localBase: '', remoteBase: '' } });
        const l = stores.local.getState();
        const r = stores.remote.getState();
        if (!l.session || !r.session || !l.path || !r.path) return set({ notice: 'Synchronized browsing needs a folder open on both sides.' });
        set({ sync: { on: true, localBase: l.path, remoteBase: r.path }, notice: null });
      },

      async answerEdit(answer, neverAsk) {
        const edit = get().edit;
        if (!edit) return;
        set({ edit: null });
        try {
          if (answer === 'upload') {
            if (neverAsk) autoUpload.add(edit.editId);
            await api.call('edit.upload', { editId: edit.editId, force: false });
          } else if (answer === 'overwrite') await api.call('edit.upload', { editId: edit.editId, force: true });
          else if (answer === 'reload') await api.call('edit.reload', { editId: edit.editId });
          if (answer === 'upload' || answer === 'overwrite') refreshIfShown(edit.remotePath);
        } catch (error) {
          set({ notice: `${edit.remotePath}: ${message(error)}` });
        }
      },
    };
  });

  const refreshIfShown = (remotePath: string): void => {
    const r = stores.remote.getState();
    if (r.session && r.path && remotePath.startsWith(r.path)) void r.refresh();
  };

  const start = (): (() => void) => {
    const stops: (() => void)[] = [];
    stops.push(
      api.on('fs.operation', (event) => {
        const s = store.getState();
        if (event.operationId === s.search.operationId) {
          if (event.kind === 'found') {
            const path = joinPath('posix', event.folder, event.entry.name);
            store.setState({ search: { ...s.search, hits: [...s.search.hits, { path, entry: event.entry }] } });
          }
          return;
        }
        const op = s.operation;
        if (!op || op.operationId !== event.operationId) return;
        if (event.kind === 'progress') store.setState({ operation: { ...op, done: event.done, total: event.total, current: event.current } });
        else if (event.kind === 'item-failed') store.setState({ operation: { ...op, failures: [...op.failures, { path: event.path, reason: event.reason }] } });
      }),
    );
    stops.push(
      api.on('edit.changed', (state) => {
        if (state.status === 'modified') {
          if (state.autoUpload || autoUpload.has(state.editId)) {
            void api.call('edit.upload', { editId: state.editId, force: false }).catch((error: unknown) => store.setState({ notice: `${state.remotePath}: ${message(error)}` }));
            return;
          }
          store.setState({ edit: state });
        } else if (state.status === 'remote-changed') store.setState({ edit: state });
        else if (state.status === 'closed' && store.getState().edit?.editId === state.editId) store.setState({ edit: null });
      }),
    );
    // Synchronized browsing: follow the other pane's folder changes.
    let following = false;
    const follow = (from: PaneSide) => (now: PaneStore, before: PaneStore) => {
      // A rename in progress belongs to the folder it started in.
      if (now.path !== before.path && store.getState().renaming?.side === from) store.setState({ renaming: null });
      const sync = store.getState().sync;
      if (!sync.on || following || now.path === before.path || now.path === '' || now.load.status !== 'idle') return;
      const here = pane(from).getState();
      const otherSide: PaneSide = from === 'local' ? 'remote' : 'local';
      const there = pane(otherSide).getState();
      if (!here.session || !there.session) return;
      const target = syncTarget(
        { style: here.session.pathStyle, base: from === 'local' ? sync.localBase : sync.remoteBase, path: now.path },
        { style: there.session.pathStyle, base: from === 'local' ? sync.remoteBase : sync.localBase },
      );
      if (target === null) {
        store.setState({ sync: { on: false, localBase: '', remoteBase: '' }, notice: 'Synchronized browsing turned off: this folder is outside the synchronized folders.' });
        return;
      }
      if (target === there.path) return;
      following = true;
      void there.navigate(target).then((ok) => {
        following = false;
        if (!ok) {
          store.setState({ sync: { on: false, localBase: '', remoteBase: '' }, notice: `Synchronized browsing turned off: ${target} does not exist on the ${otherSide} side.` });
          void pane(otherSide).getState().refresh();
        }
      });
    };
    stops.push(stores.local.subscribe(follow('local')));
    stops.push(stores.remote.subscribe(follow('remote')));
    return () => {
      for (const stop of stops) stop();
    };
  };

  return { store, start };
}
