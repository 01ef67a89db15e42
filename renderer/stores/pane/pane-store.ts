/**
 * One file pane's state: which session and folder it shows, the sorted and
 * filtered view, the selection and the keyboard focus. The same factory makes
 * the local pane (session `local`) and the remote pane, so both behave alike.
 *
 * Why a vanilla store with the api passed in: the composition root owns the
 * transport, and tests drive the store with a fake FerryApi and no DOM.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FerryApi } from '../../../shared/ipc/contract.js';
import type { Entry } from '../../../shared/model/entry.js';
import type { PathStyle } from '../../../shared/model/session.js';
import type { FerryErrorCode } from '../../../shared/errors.js';
import { joinPath, parentPath } from '../../../shared/path.js';
import { baseName } from './base-name.js';
import { nameMatcher } from './filter.js';
import { DEFAULT_SORT, nextSort, sortEntries, visibleEntries, type SortKey, type SortSpec } from './sort.js';
import * as sel from './selection.js';
import { createTypeAhead, findTypeAheadMatch } from './type-ahead.js';

/** The file system a pane lists: the local one or a connected server. */
export interface PaneSession {
  readonly id: string;
  readonly pathStyle: PathStyle;
}

/** Listing state machine; an error keeps the previous listing on screen. */
export type PaneLoad =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly path: string }
  | { readonly status: 'error'; readonly message: string; readonly code: FerryErrorCode | null };

export interface PaneState extends sel.Selection {
  readonly session: PaneSession | null;
  /** Shown instead of a listing when there is no session ("Not connected …"). */
  readonly notice: string | null;
  /** The canonical path of the listing shown ('' before the first one). */
  readonly path: string;
  readonly entries: readonly Entry[];
  readonly showHidden: boolean;
  /** The filter box: substring or glob, case-insensitive ('' shows all). */
  readonly filter: string;
  readonly sort: SortSpec;
  /** `entries` filtered and sorted: what the grid renders, row by row. */
  readonly view: readonly Entry[];
  /** Names of `view`, in order (selection helpers work on names). */
  readonly names: readonly string[];
  /** Index of `focus` in `view`, or -1. */
  readonly focusIndex: number;
  readonly load: PaneLoad;
}

/** Shift (range) and Ctrl/Cmd (toggle) as the grid reports them. */
export type SelectModifiers = sel.Modifiers;

export interface PaneActions {
  /** Show a session's file system, starting at `path` (or `fallback` when `path` fails). */
  attach(session: PaneSession, path: string, fallback?: string): Promise<boolean>;
  /** The session is gone: clear the listing and say why. */
  detach(notice: string): void;
  /** List `path`; focus `focus` in the new listing (else the first row). */
  navigate(path: string, focus?: string | null): Promise<boolean>;
  /** Double-click / Enter on a row: open folders and folder links. */
  openEntry(name: string): Promise<void>;
  openFocused(): Promise<void>;
  /** Go to the parent folder, focusing the folder we came from. */
  up(): Promise<void>;
  refresh(): Promise<void>;
  setShowHidden(show: boolean): void;
  setFilter(filter: string): void;
  sortBy(key: SortKey): void;
  click(index: number, mods?: SelectModifiers): void;
  moveFocus(index: number, mods?: SelectModifiers): void;
  toggleFocused(): void;
  selectAll(): void;
  clearSelection(): void;
  /** A printable key typed in the grid: jump to the matching name. */
  typeAhead(char: string): void;
  /** Whether a type-ahead word is in progress (Space extends it then). */
  typeAheadActive(): boolean;
}

export type PaneStore = PaneState & PaneActions;

export interface PaneStoreOptions {
  readonly api: FerryApi;
  /** Clock for type-ahead timing (tests pass a fake). */
  readonly now?: () => number;
  readonly notice?: string | null;
}

function errorInfo(error: unknown): { message: string; code: FerryErrorCode | null } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { message: error.message, code: typeof code === 'string' ? (code as FerryErrorCode) : null };
  }
  return { message: String(error), code: null };
}

function derive(entries: readonly Entry[], sort: SortSpec, showHidden: boolean, filter = ''): Pick<PaneState, 'view' | 'names'> {
  const matches = nameMatcher(filter);
  const view = sortEntries(
    visibleEntries(entries, showHidden).filter((e) => matches(e.name)),
    sort,
  );
  return { view, names: view.map((e) => e.name) };
}

function withSelection(names: readonly string[], selection: sel.Selection): sel.Selection & { focusIndex: number } {
  return {
    selected: selection.selected,
    anchor: selection.anchor,
    focus: selection.focus,
    focusIndex: selection.focus === null ? -1 : names.indexOf(selection.focus),
  };
}

const IDLE: PaneLoad = { status: 'idle' };

export function createPaneStore(options: PaneStoreOptions): StoreApi<PaneStore> {
  const { api } = options;
  const typeAhead = createTypeAhead(options.now);
  /** Bumped per request: a slow listing must not overwrite a newer one. */
  let request = 0;

  return createStore<PaneStore>()((set, get) => {
    /** Lists `path`. Resolves to the error (or null) so callers can handle special codes. */
    /** `cached`: navigation may be answered from main's listing cache; Refresh always asks the server. */
    async function list(path: string, apply: (names: readonly string[]) => sel.Selection, cached = true): Promise<unknown> {
      const session = get().session;
      if (!session) return new Error('Not connected');
      const token = ++request;
      set({ load: { status: 'loading', path } });
      try {
        const listing = await api.call('fs.list', { sessionId: session.id, path, ...(cached ? { cached } : {}) });
        if (token !== request) return null;
        const { sort, showHidden, filter } = get();
        const derived = derive(listing.entries, sort, showHidden, filter);
        typeAhead.reset();
        set({
          path: listing.path,
          entries: listing.entries,
          ...derived,
          ...withSelection(derived.names, apply(derived.names)),
          load: IDLE,
        });
        return null;
      } catch (error) {
        if (token === request) set({ load: { status: 'error', ...errorInfo(error) } });
        return error;
      }
    }

    function select(update: (s: PaneState) => sel.Selection): void {
      const state = get();
      set(withSelection(state.names, update(state)));
    }

    function rederive(patch: Partial<Pick<PaneState, 'sort' | 'showHidden' | 'filter'>>): void {
      const state = { ...get(), ...patch };
      const derived = derive(state.entries, state.sort, state.showHidden, state.filter);
      set({ ...patch, ...derived, ...withSelection(derived.names, sel.reconcile(state, derived.names)) });
    }

    const navigate = async (path: string, focus?: string | null): Promise<boolean> =>
      (await list(path, (names) => sel.initialSelection(names, focus))) === null;

    return {
      session: null,
      notice: options.notice ?? null,
      path: '',
      entries: [],
      showHidden: false,
      filter: '',
      sort: DEFAULT_SORT,
      view: [],
      names: [],
      ...sel.EMPTY_SELECTION,
      focusIndex: -1,
      load: IDLE,

      async attach(session, path, fallback) {
        request++;
        set({ session, notice: null, path, entries: [], view: [], names: [], ...sel.EMPTY_SELECTION, focusIndex: -1, load: IDLE });
        if (await navigate(path)) return true;
        if (fallback === undefined || fallback === path) return false;
        const failed = get().load;
        if (!(await navigate(fallback))) return false;
        if (failed.status === 'error') set({ load: { ...failed, message: `${path}: ${failed.message}` } });
        return true;
      },

      detach(notice) {
        request++;
        typeAhead.reset();
        set({ session: null, notice, path: '', entries: [], view: [], names: [], ...sel.EMPTY_SELECTION, focusIndex: -1, load: IDLE });
      },

      navigate,

      async openEntry(name) {
        const { session, view, path, names } = get();
        const entry = view.find((e) => e.name === name);
        if (!session || !entry) return;
        if (entry.type === 'dir') {
          await navigate(joinPath(session.pathStyle, path, name));
          return;
        }
        if (entry.type !== 'link') return;
        const error = await list(joinPath(session.pathStyle, path, name), (n) => sel.initialSelection(n));
        if (error !== null && errorInfo(error).code === 'NOT_A_DIRECTORY' && get().load.status === 'error') {
          // A link to a file: nothing to open (transfers come later), so select it.
          set({ load: IDLE });
          select((s) => sel.clickRow(s, s.names, names.indexOf(name)));
        }
      },

      async openFocused() {
        const { focus } = get();
        if (focus !== null) await get().openEntry(focus);
      },

      async up() {
        const { session, path } = get();
        if (!session || path === '') return;
        const parent = parentPath(session.pathStyle, path);
        if (parent !== null) await navigate(parent, baseName(session.pathStyle, path));
      },

      async refresh() {
        const { path, session } = get();
        if (!session || path === '') return;
        const previous = get();
        await list(path, (names) => sel.reconcile(previous, names), false);
      },

      setShowHidden(show) {
        rederive({ showHidden: show });
      },

      setFilter(filter) {
        rederive({ filter });
      },

      sortBy(key) {
        rederive({ sort: nextSort(get().sort, key) });
      },

      click(index, mods) {
        select((s) => sel.clickRow(s, s.names, index, mods));
      },

      moveFocus(index, mods) {
        select((s) => sel.moveTo(s, s.names, index, mods));
      },

      toggleFocused() {
        select((s) => sel.toggleFocused(s));
      },

      selectAll() {
        select((s) => sel.selectAll(s, s.names));
      },

      clearSelection() {
        select((s) => ({ ...s, selected: new Set() }));
      },

      typeAhead(char) {
        const text = typeAhead.push(char);
        const { names, focusIndex } = get();
        const index = findTypeAheadMatch(names, text, focusIndex);
        if (index >= 0) select((s) => sel.moveTo(s, s.names, index));
      },

      typeAheadActive: () => typeAhead.active(),
    };
  });
}
