/**
 * Pure operations on the Site Manager tree. Each returns a new tree and
 * leaves its input untouched, so the store can run them inside a
 * read-modify-write transaction (and run them again on a retry), and the
 * renderer can use the same code for an optimistic update.
 *
 * Failures are `FerryError`s with the code the UI branches on: NOT_FOUND for
 * an unknown id, NOT_A_DIRECTORY for "put this inside a site", INVALID_PARAMS
 * for a bad name or a folder moved into itself.
 */
import { FerryError } from '../errors.js';
import type { Site, SiteFolder, SiteNode } from './site.js';

/** Makes a fresh unique id; `crypto.randomUUID` in the app, a counter in tests. */
export type NewId = () => string;

export const randomId: NewId = () => crypto.randomUUID();

export type SiteTree = readonly SiteNode[];

/** The trimmed name, or an INVALID_PARAMS error saying why it cannot be used. */
export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new FerryError('INVALID_PARAMS', 'A name is required.');
  if (trimmed.length > 255) throw new FerryError('INVALID_PARAMS', 'A name may have at most 255 characters.');
  if (/[\0-\x1f\x7f]/.test(trimmed)) throw new FerryError('INVALID_PARAMS', 'A name must not contain control characters.');
  return trimmed;
}

export function findNode(tree: SiteTree, id: string): SiteNode | null {
  for (const node of tree) {
    if (node.id === id) return node;
    if (node.kind === 'folder') {
      const found = findNode(node.children, id);
      if (found) return found;
    }
  }
  return null;
}

/** The folders from the root down to the node's parent (empty at top level); null when absent. */
export function findAncestors(tree: SiteTree, id: string): readonly SiteFolder[] | null {
  for (const node of tree) {
    if (node.id === id) return [];
    if (node.kind === 'folder') {
      const below = findAncestors(node.children, id);
      if (below) return [node, ...below];
    }
  }
  return null;
}

function need(tree: SiteTree, id: string): SiteNode {
  const node = findNode(tree, id);
  if (!node) throw new FerryError('NOT_FOUND', 'That site or folder no longer exists.');
  return node;
}

/** Every site in the tree, depth first, in display order. */
export function allSites(tree: SiteTree): Site[] {
  return tree.flatMap((node) => (node.kind === 'site' ? [node] : allSites(node.children)));
}

/** Ids of the sites in (or being) `node`: whose secrets go when it is deleted. */
export function siteIdsIn(node: SiteNode): string[] {
  return node.kind === 'site' ? [node.id] : allSites(node.children).map((site) => site.id);
}

/** Rebuilds the tree with `change` applied to the children of `parentId` (null = top level). */
function editChildren(tree: SiteTree, parentId: string | null, change: (children: SiteTree) => SiteTree): SiteTree {
  if (parentId === null) return change(tree);
  const parent = need(tree, parentId);
  if (parent.kind !== 'folder') throw new FerryError('NOT_A_DIRECTORY', `"${parent.name}" is a site, not a folder.`);
  const walk = (nodes: SiteTree): SiteTree =>
    nodes.map((node) => {
      if (node.kind !== 'folder') return node;
      if (node.id === parentId) return { ...node, children: change(node.children) };
      return { ...node, children: walk(node.children) };
    });
  return walk(tree);
}

function mapNode(tree: SiteTree, id: string, change: (node: SiteNode) => SiteNode): SiteTree {
  need(tree, id);
  const walk = (nodes: SiteTree): SiteTree =>
    nodes.map((node) => {
      if (node.id === id) return change(node);
      return node.kind === 'folder' ? { ...node, children: walk(node.children) } : node;
    });
  return walk(tree);
}

/** Inserts `node` into folder `parentId` (null = top level) at `index` (default: the end). */
export function insertNode(tree: SiteTree, node: SiteNode, parentId: string | null = null, index?: number): SiteTree {
  const ids = node.kind === 'folder' ? [node.id, ...allIds(node.children)] : [node.id];
  if (ids.some((each) => findNode(tree, each))) throw new FerryError('ALREADY_EXISTS', 'A site or folder with that id already exists.');
  return editChildren(tree, parentId, (children) => {
    const at = index === undefined ? children.length : Math.max(0, Math.min(index, children.length));
    return [...children.slice(0, at), node, ...children.slice(at)];
  });
}

function allIds(tree: SiteTree): string[] {
  return tree.flatMap((node) => (node.kind === 'folder' ? [node.id, ...allIds(node.children)] : [node.id]));
}

/** Removes a site or a folder with everything in it; `removed` tells the caller which secrets to delete. */
export function removeNode(tree: SiteTree, id: string): { readonly tree: SiteTree; readonly removed: SiteNode } {
  const removed = need(tree, id);
  const walk = (nodes: SiteTree): SiteTree =>
    nodes.filter((node) => node.id !== id).map((node) => (node.kind === 'folder' ? { ...node, children: walk(node.children) } : node));
  return { tree: walk(tree), removed };
}

/**
 * Moves a node into folder `parentId` (null = top level) at `index` among
 * its new siblings (counted without the node itself). Refuses to put a
 * folder inside itself or one of its own subfolders: that would cut the
 * subtree off from the root and lose it.
 */
export function moveNode(tree: SiteTree, id: string, parentId: string | null, index?: number): SiteTree {
  const node = need(tree, id);
  if (parentId !== null) {
    const ancestors = findAncestors(tree, parentId) ?? [];
    if (parentId === id || ancestors.some((folder) => folder.id === id)) {
      throw new FerryError('INVALID_PARAMS', `Cannot move "${node.name}" into itself.`);
    }
    if (need(tree, parentId).kind !== 'folder') throw new FerryError('NOT_A_DIRECTORY', 'Sites can only be moved into folders.');
  }
  return insertNode(removeNode(tree, id).tree, node, parentId, index);
}

export function renameNode(tree: SiteTree, id: string, name: string): SiteTree {
  const checked = checkName(name);
  return mapNode(tree, id, (node) => ({ ...node, name: checked }));
}

/** Replaces a site's settings; its id and kind are kept whatever `change` returns. */
export function updateSite(tree: SiteTree, id: string, change: (site: Site) => Site): SiteTree {
  return mapNode(tree, id, (node) => {
    if (node.kind !== 'site') throw new FerryError('INVALID_PARAMS', `"${node.name}" is a folder, not a site.`);
    const next = change(node);
    return { ...next, kind: 'site', id: node.id, name: checkName(next.name) };
  });
}

/** A copy of `node` with new ids for it, everything inside it and its bookmarks; `idMap` collects old → new site ids. */
export function withFreshIds(node: SiteNode, newId: NewId, idMap?: Map<string, string>): SiteNode {
  if (node.kind === 'folder') return { ...node, id: newId(), children: node.children.map((child) => withFreshIds(child, newId, idMap)) };
  const id = newId();
  idMap?.set(node.id, id);
  return { ...node, id, bookmarks: node.bookmarks.map((bookmark) => ({ ...bookmark, id: newId() })) };
}

/** `name (copy)`, or `name (copy 2)`, ... — the first one no sibling already has. */
export function copyName(name: string, siblings: SiteTree): string {
  const taken = new Set(siblings.map((node) => node.name.toLowerCase()));
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? `${name} (copy)` : `${name} (copy ${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Duplicates a site or folder right after the original, with fresh ids
 * throughout. `idMap` maps each original site id to its copy's, so the
 * caller can copy stored secrets too.
 */
export function duplicateNode(tree: SiteTree, id: string, newId: NewId = randomId): { readonly tree: SiteTree; readonly copy: SiteNode; readonly idMap: ReadonlyMap<string, string> } {
  const original = need(tree, id);
  const ancestors = findAncestors(tree, id) ?? [];
  const parent = ancestors.at(-1) ?? null;
  const siblings = parent ? parent.children : tree;
  const idMap = new Map<string, string>();
  const copy = { ...withFreshIds(original, newId, idMap), name: copyName(original.name, siblings) };
  const index = siblings.findIndex((node) => node.id === id) + 1;
  return { tree: insertNode(tree, copy, parent?.id ?? null, index), copy, idMap };
}

export interface SearchHit {
  readonly node: SiteNode;
  /** Names of the folders above the hit, for "Work › Clients" in the result list. */
  readonly path: readonly string[];
}

const fold = (text: string): string => text.normalize('NFC').toLocaleLowerCase();

/** Sites whose name or host, and folders whose name, contain `query` (case-insensitive); empty query = nothing. */
export function searchTree(tree: SiteTree, query: string): SearchHit[] {
  const needle = fold(query.trim());
  if (needle === '') return [];
  const hits: SearchHit[] = [];
  const walk = (nodes: SiteTree, path: readonly string[]): void => {
    for (const node of nodes) {
      const text = node.kind === 'site' ? [node.name, node.host] : [node.name];
      if (text.some((each) => fold(each).includes(needle))) hits.push({ node, path });
      if (node.kind === 'folder') walk(node.children, [...path, node.name]);
    }
  };
  walk(tree, []);
  return hits;
}
