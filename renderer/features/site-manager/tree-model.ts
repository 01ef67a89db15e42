/**
 * The Site Manager tree as the screen shows it: the rows visible for the
 * folders open and the search typed, what each key does (the WAI-ARIA tree
 * pattern), where a dragged node lands, and how deleting is worded. Pure, so
 * the keyboard and drop rules are tested without a DOM.
 */
import { findAncestors, findNode, insertNode, searchTree, type SiteTree } from '../../../shared/model/site-tree.js';
import type { Site, SiteFolder, SiteNode } from '../../../shared/model/site.js';

/** One visible row of the tree, with what ARIA needs to describe its place. */
export interface TreeRow {
  readonly node: SiteNode;
  /** 1 at the top level (`aria-level`). */
  readonly level: number;
  readonly parentId: string | null;
  /** 1-based position among its siblings, and their number (`aria-posinset`, `aria-setsize`). */
  readonly posInSet: number;
  readonly setSize: number;
  /** Whether a folder shows its children; null for sites. */
  readonly expanded: boolean | null;
}

/**
 * The tree cut down to what matches `query` (site name or host, folder name;
 * case-insensitive), keeping the folders above each match so it is shown in
 * place. A matching folder keeps all its content. Empty query: the whole tree.
 */
export function filterTree(tree: SiteTree, query: string): SiteTree {
  if (query.trim() === '') return tree;
  const hits = new Set(searchTree(tree, query).map((hit) => hit.node.id));
  const prune = (nodes: SiteTree): SiteNode[] =>
    nodes.flatMap((node): SiteNode[] => {
      if (hits.has(node.id)) return [node];
      if (node.kind !== 'folder') return [];
      const children = prune(node.children);
      return children.length > 0 ? [{ ...node, children }] : [];
    });
  return prune(tree);
}

/** The rows on screen: every folder in `expanded` shows its children; while searching, all do. */
export function visibleRows(tree: SiteTree, expanded: ReadonlySet<string>, query = ''): TreeRow[] {
  const searching = query.trim() !== '';
  const rows: TreeRow[] = [];
  const walk = (nodes: SiteTree, level: number, parentId: string | null): void => {
    nodes.forEach((node, index) => {
      const open = node.kind === 'folder' ? searching || expanded.has(node.id) : null;
      rows.push({ node, level, parentId, posInSet: index + 1, setSize: nodes.length, expanded: open });
      if (node.kind === 'folder' && open) walk(node.children, level + 1, node.id);
    });
  };
  walk(filterTree(tree, query), 1, null);
  return rows;
}

/** What a key on the tree asks for; the dialog decides how (guarding unsaved edits). */
export type TreeAction =
  | { readonly type: 'select'; readonly id: string }
  | { readonly type: 'expand'; readonly id: string }
  | { readonly type: 'collapse'; readonly id: string }
  /** Enter on a site: connect to it. */
  | { readonly type: 'activate'; readonly id: string }
  | { readonly type: 'rename'; readonly id: string }
  | { readonly type: 'delete'; readonly id: string };

/**
 * What a key pressed on the tree does, given the visible rows and the
 * current row: Up/Down/Home/End move, Right opens a folder (or enters an open
 * one), Left closes it (or goes to the parent), Enter connects to a site or
 * toggles a folder, F2 renames, Delete deletes. Null: not a tree key.
 */
export function treeKeyAction(rows: readonly TreeRow[], currentId: string | null, key: string): TreeAction | null {
  if (rows.length === 0) return null;
  const index = rows.findIndex((row) => row.node.id === currentId);
  const row = rows[index];
  const at = (i: number): TreeAction | null => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, i))];
    return target ? { type: 'select', id: target.node.id } : null;
  };
  if (!row) return key === 'ArrowDown' || key === 'Home' ? at(0) : key === 'ArrowUp' || key === 'End' ? at(rows.length - 1) : null;
  const id = row.node.id;
  switch (key) {
    case 'ArrowDown':
      return at(index + 1);
    case 'ArrowUp':
      return at(index - 1);
    case 'Home':
      return at(0);
    case 'End':
      return at(rows.length - 1);
    case 'ArrowRight':
      if (row.expanded === false) return { type: 'expand', id };
      if (row.expanded === true && rows[index + 1]?.parentId === id) return at(index + 1);
      return null;
    case 'ArrowLeft':
      if (row.expanded === true) return { type: 'collapse', id };
      return row.parentId === null ? null : { type: 'select', id: row.parentId };
    case 'Enter':
      if (row.node.kind === 'site') return { type: 'activate', id };
      return { type: row.expanded ? 'collapse' : 'expand', id };
    case 'F2':
      return { type: 'rename', id };
    case 'Delete':
      return { type: 'delete', id };
    default:
      return null;
  }
}

/** The row to select after deleting `id` (with everything under it): the next one outside it, else the one before. */
export function rowAfterDelete(rows: readonly TreeRow[], id: string): string | null {
  const index = rows.findIndex((row) => row.node.id === id);
  if (index < 0) return null;
  const level = rows[index]?.level ?? 1;
  const after = rows.slice(index + 1).find((row) => row.level <= level);
  return (after ?? rows[index - 1])?.node.id ?? null;
}

/** How many sites and folders a folder holds, at any depth. */
export function folderContents(folder: SiteFolder): { readonly sites: number; readonly folders: number } {
  let sites = 0;
  let folders = 0;
  const walk = (nodes: SiteTree): void => {
    for (const node of nodes) {
      if (node.kind === 'site') sites += 1;
      else {
        folders += 1;
        walk(node.children);
      }
    }
  };
  walk(folder.children);
  return { sites, folders };
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The delete confirmation's question, naming what goes (a folder with its content count). */
export function deleteQuestion(node: SiteNode): string {
  if (node.kind === 'site') return `Delete the site “${node.name}”? Its saved password is deleted too.`;
  const { sites, folders } = folderContents(node);
  if (sites === 0 && folders === 0) return `Delete the empty folder “${node.name}”?`;
  const parts = [sites > 0 ? count(sites, 'site', 'sites') : null, folders > 0 ? count(folders, 'folder', 'folders') : null].filter(Boolean);
  return `Delete the folder “${node.name}” and everything in it (${parts.join(' and ')})? Saved passwords of those sites are deleted too.`;
}

/** Where a drop sends a node: into a folder (at its end), or before/after a row among that row's siblings. */
export type DropWhere = 'into' | 'before' | 'after';

/** `sites.move`’s target for a drop. */
export interface DropPlacement {
  readonly parentId: string | null;
  /** Among the new siblings without the moved node (as `sites.move` counts); absent = at the end. */
  readonly index?: number;
}

/**
 * Where dropping `draggedId` on `targetId` (null: the empty area = top level)
 * puts it, or null when the drop is refused: onto itself, into a site, or a
 * folder into its own subtree (that would cut it off from the tree).
 */
export function dropPlacement(tree: SiteTree, draggedId: string, targetId: string | null, where: DropWhere): DropPlacement | null {
  const dragged = findNode(tree, draggedId);
  if (!dragged) return null;
  if (targetId === null) return { parentId: null };
  if (targetId === draggedId) return null;
  const target = findNode(tree, targetId);
  const ancestors = findAncestors(tree, targetId);
  if (!target || !ancestors) return null;
  if (ancestors.some((folder) => folder.id === draggedId)) return null;
  if (where === 'into') return target.kind === 'folder' ? { parentId: target.id } : null;
  const parent = ancestors.at(-1) ?? null;
  const siblings = (parent ? parent.children : tree).filter((node) => node.id !== draggedId);
  const index = siblings.findIndex((node) => node.id === targetId) + (where === 'after' ? 1 : 0);
  return { parentId: parent?.id ?? null, index };
}

/** The folder a new site or folder goes into: the selected folder, the selected site's folder, or the top level. */
export function newItemParent(tree: SiteTree, selectedId: string | null): string | null {
  if (selectedId === null) return null;
  const node = findNode(tree, selectedId);
  if (!node) return null;
  if (node.kind === 'folder') return node.id;
  return findAncestors(tree, selectedId)?.at(-1)?.id ?? null;
}

/** A site being created (not saved yet), shown in the tree where it will go. */
export interface DraftSite {
  readonly site: Site;
  readonly parentId: string | null;
}

/**
 * The tree with the draft shown in its folder (at the top level when that
 * folder went away). Once main has the site (saved, the draft not dropped
 * yet), main's copy is the one shown.
 */
export function withDraft(tree: SiteTree, draft: DraftSite | null): SiteTree {
  if (!draft || findNode(tree, draft.site.id)) return tree;
  const parentId = draft.parentId !== null && findNode(tree, draft.parentId)?.kind === 'folder' ? draft.parentId : null;
  return insertNode(tree, draft.site, parentId);
}

/** The ids of the folders above `id`, to open so it can be seen. */
export function foldersAbove(tree: SiteTree, id: string): string[] {
  return (findAncestors(tree, id) ?? []).map((folder) => folder.id);
}
