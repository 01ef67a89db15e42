/**
 * The Site Manager's working state and actions, apart from its layout: what
 * is selected, open, searched, being created or renamed, and the guard that
 * asks before unsaved edits are lost. Every change goes to main through the
 * sites store; the tree on screen is always main's (plus the one site being
 * created, which main cannot hold until it has a host).
 */
import { useMemo, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { findAncestors, findNode } from '../../../shared/model/site-tree.js';
import { makeSite, type Site } from '../../../shared/model/site.js';
import type { SitesStore } from '../../stores/sites-store.js';
import { foldersAbove, newItemParent, rowAfterDelete, visibleRows, withDraft, type DraftSite, type DropPlacement, type TreeAction } from './tree-model.js';
import { useSiteEditor } from './use-site-editor.js';

/** What the Site Manager needs from outside: the sites store and what to do on Connect. */
export interface SiteManagerOptions {
  readonly sites: StoreApi<SitesStore>;
  readonly selectId: string | null;
  /** Prefix of the form controls' ids, to focus the first invalid one. */
  readonly idPrefix: string;
  readonly onConnect: (site: Site) => void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The Site Manager’s state and actions (see the file header). */
export function useSiteManager({ sites, selectId, idPrefix, onConnect }: SiteManagerOptions) {
  const state = useStore(sites, (s) => s.sites);
  const loadError = useStore(sites, (s) => s.loadError);
  const tree = useMemo(() => state?.tree ?? [], [state]);
  const readOnly = state === null || state.readOnly;
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(selectId ? foldersAbove(tree, selectId) : []));
  const [selectedId, setSelectedId] = useState<string | null>(selectId);
  const [draft, setDraft] = useState<DraftSite | null>(null);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [pending, setPending] = useState<{ readonly run: () => void } | null>(null);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const shown = useMemo(() => withDraft(tree, draft), [tree, draft]);
  const rows = useMemo(() => visibleRows(shown, expanded, query), [shown, expanded, query]);
  const selected = selectedId === null ? null : findNode(shown, selectedId);
  const site = selected?.kind === 'site' ? selected : null;
  const editor = useSiteEditor(site);
  const store = sites.getState;

  const focusField = (field: string): void => {
    requestAnimationFrame(() => {
      const element = document.getElementById(`${idPrefix}-${field}`);
      element?.focus();
      if (element instanceof HTMLInputElement && element.type === 'text') element.select();
    });
  };

  /** Runs a call to main once at a time; a failure is shown in the dialog. */
  const run = async <T>(what: string, call: () => Promise<T>): Promise<T | null> => {
    if (busyRef.current) return null;
    busyRef.current = true;
    setBusy(true);
    try {
      const result = await call();
      setFailure(null);
      return result;
    } catch (error) {
      setFailure(`${what}: ${message(error)}`);
      return null;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  /** Runs `action` now, or after the user answered "Unsaved changes" (Save / Discard). */
  const guard = (action: () => void): void => {
    if (editor.dirty && !readOnly) setPending({ run: action });
    else action();
  };

  const expand = (ids: readonly (string | null)[]): void =>
    setExpanded((open) => new Set([...open, ...ids.filter((id): id is string => id !== null)]));

  const select = (id: string | null): void => {
    if (id === selectedId) return;
    guard(() => {
      setDraft((d) => (d && d.site.id !== id ? null : d));
      setSelectedId(id);
      setRenamingId(null);
    });
  };

  /** Saves the form; resolves to the saved site, or null (invalid, refused, or failed). */
  const save = async (): Promise<Site | null> => {
    if (!site || readOnly) return null;
    const result = editor.check();
    if (!result) return null;
    if (!result.ok) {
      focusField(result.first);
      return null;
    }
    const isDraft = draft?.site.id === site.id;
    const parentId = isDraft ? draft.parentId : (findAncestors(tree, site.id)?.at(-1)?.id ?? null);
    const secrets = {
      ...(result.password !== undefined ? { password: result.password } : {}),
      ...(result.passphrase !== undefined ? { passphrase: result.passphrase } : {}),
    };
    const id = await run(`Could not save “${result.site.name}”`, () => store().save({ parentId, site: result.site, ...secrets }));
    if (id === null) return null;
    editor.markSaved();
    if (isDraft) setDraft(null);
    return result.site;
  };

  const connect = async (id: string): Promise<void> => {
    const node = findNode(shown, id);
    if (node?.kind !== 'site') return;
    const unsaved = id === site?.id && (editor.dirty || draft?.site.id === id);
    const target = unsaved ? await save() : node;
    if (target) onConnect(target);
  };

  const newSite = (): void =>
    guard(() => {
      const parentId = newItemParent(shown, selectedId);
      const created = makeSite(crypto.randomUUID(), 'New site');
      setDraft({ site: created, parentId });
      expand([parentId]);
      setQuery('');
      setSelectedId(created.id);
      setRenamingId(null);
      focusField('name');
    });

  const newFolder = (): void =>
    guard(() => {
      const parentId = newItemParent(shown, selectedId);
      void run('Could not create the folder', () => store().createFolder(parentId, 'New folder')).then((id) => {
        if (id === null) return;
        setDraft(null);
        expand([parentId]);
        setQuery('');
        setSelectedId(id);
        setRenamingId(id);
      });
    });

  const rename = (id: string): void => {
    if (draft?.site.id === id) focusField('name');
    else setRenamingId(id);
  };

  const renameDone = (id: string, name: string | null): void => {
    setRenamingId(null);
    const node = findNode(tree, id);
    if (!node || name === null || name.trim() === '' || name.trim() === node.name) return;
    void run(`Could not rename “${node.name}”`, () => store().rename(id, name.trim()));
  };

  const duplicate = (id: string): void =>
    guard(() => {
      void run('Could not duplicate', () => store().duplicate(id)).then((copyId) => copyId !== null && setSelectedId(copyId));
    });

  /** Delete asks first (see `deletingId`); a site being created just goes. */
  const askDelete = (id: string): void => {
    if (draft?.site.id === id) {
      setDraft(null);
      setSelectedId(draft.parentId);
    } else setDeletingId(id);
  };

  const confirmDelete = async (): Promise<void> => {
    const id = deletingId;
    if (id === null) return;
    const neighbour = rowAfterDelete(rows, id);
    setDeletingId(null);
    const done = await run('Could not delete', () => store().remove(id));
    if (done !== null && (selectedId === id || (selectedId !== null && !findNode(store().sites?.tree ?? [], selectedId)))) setSelectedId(neighbour);
  };

  const move = (id: string, placement: DropPlacement): void => {
    void run('Could not move', () => store().move(id, placement.parentId, placement.index)).then((done) => done !== null && expand([placement.parentId]));
  };

  const onTreeAction = (action: TreeAction): void => {
    if (action.type === 'select') select(action.id);
    else if (action.type === 'expand') expand([action.id]);
    else if (action.type === 'collapse') setExpanded((open) => new Set([...open].filter((id) => id !== action.id)));
    else if (action.type === 'activate') void connect(action.id);
    else if (action.type === 'rename') rename(action.id);
    else askDelete(action.id);
  };

  return {
    state, loadError, tree, shown, rows, readOnly, query, setQuery, selected, site, draft, editor, renamingId, pending, setPending,
    deletingId, setDeletingId, failure, setFailure, busy, run, guard, save, connect, newSite, newFolder, rename, renameDone,
    duplicate, askDelete, confirmDelete, move, onTreeAction,
  };
}

/** What the dialog’s parts receive. */
export type SiteManagerModel = ReturnType<typeof useSiteManager>;
