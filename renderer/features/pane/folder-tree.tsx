/**
 * A pane's folder tree, in step with its current folder: the path's
 * ancestors, the current folder, its subfolders (from the listing) and, for
 * subfolders the user expands, their subfolders (loaded with fs.list). A flat
 * ARIA tree with levels; clicking or Enter opens a folder in the pane.
 */
import { useEffect, useMemo, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { FerryApi } from '../../../shared/ipc/contract.js';
import type { PathStyle } from '../../../shared/model/session.js';
import { joinPath, parentPath } from '../../../shared/path.js';
import type { PaneStore } from '../../stores/pane/pane-store.js';
import { FolderIcon } from '../../ui/icons.js';

interface TreeItem {
  readonly path: string;
  readonly label: string;
  readonly level: number;
  /** null: cannot expand (not loaded yet counts as expandable). */
  readonly expanded: boolean | null;
  readonly current: boolean;
}

type Children = ReadonlyMap<string, readonly string[] | 'loading' | 'error'>;

function ancestorsOf(style: PathStyle, path: string): string[] {
  const chain: string[] = [];
  for (let p: string | null = path; p !== null && chain.length < 256; p = parentPath(style, p)) chain.unshift(p);
  return chain;
}

function labelOf(style: PathStyle, path: string): string {
  const parent = parentPath(style, path);
  if (parent === null) return path;
  const sep = style === 'win32' ? '\\' : '/';
  return path.replace(/[\\/]+$/, '').split(sep).at(-1) ?? path;
}

/** The visible rows of the tree. */
export function treeItems(style: PathStyle, path: string, subfolders: readonly string[], expanded: ReadonlySet<string>, children: Children): TreeItem[] {
  const items: TreeItem[] = [];
  const chain = ancestorsOf(style, path);
  chain.forEach((p, i) => items.push({ path: p, label: labelOf(style, p), level: i + 1, expanded: true, current: p === path }));
  const add = (dir: string, names: readonly string[], level: number): void => {
    for (const name of names) {
      const child = joinPath(style, dir, name);
      const open = expanded.has(child);
      const loaded = children.get(child);
      items.push({ path: child, label: name, level, expanded: Array.isArray(loaded) && loaded.length === 0 ? null : open, current: false });
      if (open && Array.isArray(loaded) && level < 64) add(child, loaded, level + 1);
    }
  };
  add(path, subfolders, chain.length + 1);
  return items;
}

interface FolderTreeProps {
  readonly store: StoreApi<PaneStore>;
  readonly api: FerryApi;
  readonly label: string;
}

export function FolderTree({ store, api, label }: FolderTreeProps): ReactElement | null {
  const session = useStore(store, (s) => s.session);
  const path = useStore(store, (s) => s.path);
  const entries = useStore(store, (s) => s.entries);
  const showHidden = useStore(store, (s) => s.showHidden);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [children, setChildren] = useState<Children>(new Map());
  const [active, setActive] = useState<string | null>(null);

  useEffect(() => {
    setExpanded(new Set());
    setChildren(new Map());
    setActive(null);
  }, [path]);

  const subfolders = useMemo(
    () =>
      entries
        .filter((e) => e.type === 'dir' && (showHidden || !e.name.startsWith('.')))
        .map((e) => e.name)
        .sort((a, b) => a.localeCompare(b)),
    [entries, showHidden],
  );
  const style = session?.pathStyle ?? 'posix';
  const items = useMemo(() => (path ? treeItems(style, path, subfolders, expanded, children) : []), [style, path, subfolders, expanded, children]);
  if (!session || !path) return null;

  const load = (dir: string): void => {
    if (children.has(dir)) return;
    setChildren((m) => new Map(m).set(dir, 'loading'));
    api.call('fs.list', { sessionId: session.id, path: dir }).then(
      (listing) => {
        const names = listing.entries
          .filter((e) => e.type === 'dir' && (showHidden || !e.name.startsWith('.')))
          .map((e) => e.name)
          .sort((a, b) => a.localeCompare(b));
        setChildren((m) => new Map(m).set(dir, names));
      },
      () => setChildren((m) => new Map(m).set(dir, 'error')),
    );
  };

  const toggle = (item: TreeItem, open: boolean): void => {
    if (item.expanded === null || item.level <= ancestorsOf(style, path).length) return;
    setExpanded((s) => {
      const next = new Set(s);
      if (open) next.add(item.path);
      else next.delete(item.path);
      return next;
    });
    if (open) load(item.path);
  };

  const focusedPath = active ?? path;
  const focusItem = (p: string): void => {
    setActive(p);
    requestAnimationFrame(() => document.getElementById(itemId(label, p))?.focus());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const index = items.findIndex((i) => i.path === focusedPath);
    const item = items[index];
    if (!item) return;
    switch (event.key) {
      case 'ArrowDown':
        if (items[index + 1]) focusItem(items[index + 1]?.path ?? '');
        break;
      case 'ArrowUp':
        if (index > 0) focusItem(items[index - 1]?.path ?? '');
        break;
      case 'Home':
        focusItem(items[0]?.path ?? '');
        break;
      case 'End':
        focusItem(items.at(-1)?.path ?? '');
        break;
      case 'ArrowRight':
        if (item.expanded === false) toggle(item, true);
        else if (items[index + 1]?.level === item.level + 1) focusItem(items[index + 1]?.path ?? '');
        break;
      case 'ArrowLeft': {
        if (item.expanded === true && item.level > ancestorsOf(style, path).length) toggle(item, false);
        else {
          const parent = items.slice(0, index).findLast((i) => i.level === item.level - 1);
          if (parent) focusItem(parent.path);
        }
        break;
      }
      case 'Enter':
      case ' ':
        void store.getState().navigate(item.path);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <ul role="tree" aria-label={label} className="folder-tree" onKeyDown={onKeyDown}>
      {items.map((item) => {
        const state = children.get(item.path);
        return (
          <li
            key={item.path}
            id={itemId(label, item.path)}
            role="treeitem"
            aria-level={item.level}
            aria-expanded={item.expanded === null ? undefined : item.expanded}
            aria-selected={item.current}
            aria-busy={state === 'loading' ? true : undefined}
            tabIndex={item.path === focusedPath ? 0 : -1}
            className={`tree-item${item.current ? ' is-current' : ''}`}
            style={{ paddingLeft: `${(item.level - 1) * 12 + 4}px` }}
            onClick={() => void store.getState().navigate(item.path)}
          >
            <span
              className="tree-twisty"
              aria-hidden="true"
              onClick={(e) => {
                e.stopPropagation();
                toggle(item, !item.expanded);
              }}
            >
              {item.expanded === null ? ' ' : item.expanded ? '▾' : '▸'}
            </span>
            <FolderIcon />
            <span>{item.label}</span>
            {state === 'error' ? <span className="tree-error"> (could not list)</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function itemId(label: string, path: string): string {
  return `tree-${label.replace(/\W/g, '')}-${encodeURIComponent(path).replace(/%/g, '_')}`;
}
