import { describe, expect, it } from 'vitest';
import { FerryError } from '../errors.js';
import { makeFolder, makeSite, type SiteNode } from './site.js';
import { allSites, duplicateNode, findAncestors, findNode, insertNode, moveNode, removeNode, renameNode, searchTree, siteIdsIn, updateSite, type SiteTree } from './site-tree.js';

const counter = () => {
  let n = 0;
  return () => `n${++n}`;
};

/** Work / Clients / (Acme, Bücher), Work / Intranet, Home NAS */
function sample(): SiteTree {
  const acme = makeSite('acme', 'Acme', { host: 'ftp.acme.example', bookmarks: [{ id: 'bm1', name: 'Logs', remoteDir: '/var/log', localDir: null }] });
  const books = makeSite('books', 'Bücher GmbH', { protocol: 'sftp', port: 22, host: 'sftp.buecher.example' });
  const intranet = makeSite('intranet', 'Intranet', { host: '10.0.0.5' });
  const clients = makeFolder('clients', 'Clients', [acme, books]);
  return [makeFolder('work', 'Work', [clients, intranet]), makeSite('nas', 'Home NAS', { protocol: 'sftp', port: 22, host: 'nas.local' })];
}

const names = (tree: SiteTree): unknown =>
  tree.map((node: SiteNode): unknown => (node.kind === 'folder' ? { [node.name]: names(node.children) } : node.name));

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof FerryError ? error.code : 'not a FerryError';
  }
  return undefined;
};

describe('site tree', () => {
  it('finds nodes and their ancestors', () => {
    const tree = sample();
    expect(findNode(tree, 'books')?.name).toBe('Bücher GmbH');
    expect(findNode(tree, 'nope')).toBeNull();
    expect(findAncestors(tree, 'books')?.map((f) => f.name)).toEqual(['Work', 'Clients']);
    expect(findAncestors(tree, 'nas')).toEqual([]);
    expect(allSites(tree).map((s) => s.id)).toEqual(['acme', 'books', 'intranet', 'nas']);
    expect(siteIdsIn(findNode(tree, 'work') as SiteNode)).toEqual(['acme', 'books', 'intranet']);
  });

  it('inserts at a position, refusing sites as parents, unknown parents and reused ids', () => {
    const tree = sample();
    const next = insertNode(tree, makeSite('new', 'New site', { host: 'x' }), 'work', 0);
    expect(names(next)).toEqual([{ Work: ['New site', { Clients: ['Acme', 'Bücher GmbH'] }, 'Intranet'] }, 'Home NAS']);
    expect(names(tree)).toEqual([{ Work: [{ Clients: ['Acme', 'Bücher GmbH'] }, 'Intranet'] }, 'Home NAS']);
    expect(code(() => insertNode(tree, makeFolder('f', 'F'), 'nas'))).toBe('NOT_A_DIRECTORY');
    expect(code(() => insertNode(tree, makeFolder('f', 'F'), 'ghost'))).toBe('NOT_FOUND');
    expect(code(() => insertNode(tree, makeSite('acme', 'Again'), null))).toBe('ALREADY_EXISTS');
  });

  it('moves nodes and refuses to move a folder into itself or its own subfolder', () => {
    const tree = sample();
    expect(names(moveNode(tree, 'nas', 'clients', 1))).toEqual([{ Work: [{ Clients: ['Acme', 'Home NAS', 'Bücher GmbH'] }, 'Intranet'] }]);
    expect(names(moveNode(tree, 'clients', null))).toEqual([{ Work: ['Intranet'] }, 'Home NAS', { Clients: ['Acme', 'Bücher GmbH'] }]);
    expect(code(() => moveNode(tree, 'work', 'work'))).toBe('INVALID_PARAMS');
    expect(code(() => moveNode(tree, 'work', 'clients'))).toBe('INVALID_PARAMS');
    expect(code(() => moveNode(tree, 'acme', 'nas'))).toBe('NOT_A_DIRECTORY');
    expect(code(() => moveNode(tree, 'ghost', null))).toBe('NOT_FOUND');
  });

  it('renames with trimming and refuses empty names', () => {
    const tree = renameNode(sample(), 'clients', '  Kunden  ');
    expect(findNode(tree, 'clients')?.name).toBe('Kunden');
    expect(code(() => renameNode(tree, 'clients', '   '))).toBe('INVALID_PARAMS');
    expect(code(() => renameNode(tree, 'clients', 'a\nb'))).toBe('INVALID_PARAMS');
  });

  it('updates a site but keeps its id and kind', () => {
    const tree = updateSite(sample(), 'acme', (site) => ({ ...site, id: 'hijack', host: 'new.acme.example', port: 2121 }));
    expect(findNode(tree, 'acme')).toMatchObject({ host: 'new.acme.example', port: 2121 });
    expect(findNode(tree, 'hijack')).toBeNull();
    expect(code(() => updateSite(tree, 'work', (s) => s))).toBe('INVALID_PARAMS');
  });

  it('duplicates right after the original with fresh ids everywhere and a "(copy)" name', () => {
    const newId = counter();
    const first = duplicateNode(sample(), 'clients', newId);
    expect(names(first.tree)).toEqual([{ Work: [{ Clients: ['Acme', 'Bücher GmbH'] }, { 'Clients (copy)': ['Acme', 'Bücher GmbH'] }, 'Intranet'] }, 'Home NAS']);
    const copiedSites = allSites([first.copy]);
    expect(copiedSites.map((s) => s.id)).toEqual(['n2', 'n4']);
    expect(copiedSites[0]?.bookmarks[0]?.id).toBe('n3');
    expect([...first.idMap]).toEqual([
      ['acme', 'n2'],
      ['books', 'n4'],
    ]);
    const second = duplicateNode(first.tree, 'clients', newId);
    expect(second.copy.name).toBe('Clients (copy 2)');
    expect(duplicateNode(sample(), 'nas', newId).copy).toMatchObject({ name: 'Home NAS (copy)', host: 'nas.local' });
  });

  it('deletes a folder with its contents and reports what went', () => {
    const { tree, removed } = removeNode(sample(), 'clients');
    expect(names(tree)).toEqual([{ Work: ['Intranet'] }, 'Home NAS']);
    expect(siteIdsIn(removed)).toEqual(['acme', 'books']);
    expect(code(() => removeNode(tree, 'clients'))).toBe('NOT_FOUND');
  });

  it('searches names and hosts case-insensitively, with the folder path of each hit', () => {
    const tree = sample();
    expect(searchTree(tree, 'BÜCHER').map((hit) => [hit.node.id, hit.path])).toEqual([['books', ['Work', 'Clients']]]);
    expect(searchTree(tree, 'example').map((hit) => hit.node.id)).toEqual(['acme', 'books']);
    expect(searchTree(tree, 'work').map((hit) => hit.node.id)).toEqual(['work']);
    expect(searchTree(tree, '10.0.0')).toHaveLength(1);
    expect(searchTree(tree, '   ')).toEqual([]);
  });
});
