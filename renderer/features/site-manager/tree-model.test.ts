import { describe, expect, it } from 'vitest';
import { makeFolder, makeSite } from '../../../shared/model/site.js';
import { deleteQuestion, dropPlacement, rowAfterDelete, filterTree, foldersAbove, newItemParent, treeKeyAction, visibleRows, withDraft } from './tree-model.js';

// Work/
//   Clients/
//     acme (ftp.acme.com)
//   shop (shop.example.com)
// Home/ (empty)
// nas (nas.local)
const acme = makeSite('acme', 'acme', { host: 'ftp.acme.com' });
const shop = makeSite('shop', 'shop', { host: 'shop.example.com' });
const nas = makeSite('nas', 'nas', { host: 'nas.local' });
const TREE = [makeFolder('work', 'Work', [makeFolder('clients', 'Clients', [acme]), shop]), makeFolder('home', 'Home'), nas];

const ids = (rows: ReturnType<typeof visibleRows>): string[] => rows.map((row) => row.node.id);

describe('visible rows', () => {
  it('shows only the children of open folders, with level, position and open state', () => {
    expect(ids(visibleRows(TREE, new Set()))).toEqual(['work', 'home', 'nas']);
    const rows = visibleRows(TREE, new Set(['work']));
    expect(ids(rows)).toEqual(['work', 'clients', 'shop', 'home', 'nas']);
    expect(rows[0]).toMatchObject({ level: 1, posInSet: 1, setSize: 3, expanded: true, parentId: null });
    expect(rows[1]).toMatchObject({ level: 2, posInSet: 1, setSize: 2, expanded: false, parentId: 'work' });
    expect(rows[2]).toMatchObject({ level: 2, expanded: null });
  });

  it('searching shows the matches (name or host, any case) inside their folders, all open', () => {
    expect(ids(visibleRows(TREE, new Set(), 'ACME.com'))).toEqual(['work', 'clients', 'acme']);
    expect(ids(visibleRows(TREE, new Set(), 'local'))).toEqual(['nas']);
    expect(ids(visibleRows(TREE, new Set(), 'nothing'))).toEqual([]);
    // a matching folder keeps everything in it
    expect(ids(visibleRows(TREE, new Set(), 'clients'))).toEqual(['work', 'clients', 'acme']);
    expect(filterTree(TREE, '  ')).toBe(TREE);
  });
});

describe('tree keys', () => {
  const rows = visibleRows(TREE, new Set(['work']));

  it('moves with Up/Down/Home/End, staying inside the list', () => {
    expect(treeKeyAction(rows, 'work', 'ArrowDown')).toEqual({ type: 'select', id: 'clients' });
    expect(treeKeyAction(rows, 'work', 'ArrowUp')).toEqual({ type: 'select', id: 'work' });
    expect(treeKeyAction(rows, 'shop', 'End')).toEqual({ type: 'select', id: 'nas' });
    expect(treeKeyAction(rows, 'shop', 'Home')).toEqual({ type: 'select', id: 'work' });
    expect(treeKeyAction(rows, null, 'ArrowDown')).toEqual({ type: 'select', id: 'work' });
  });

  it('Right opens a closed folder, then enters it; Left closes it, then goes to the parent', () => {
    expect(treeKeyAction(rows, 'clients', 'ArrowRight')).toEqual({ type: 'expand', id: 'clients' });
    expect(treeKeyAction(rows, 'work', 'ArrowRight')).toEqual({ type: 'select', id: 'clients' });
    expect(treeKeyAction(rows, 'work', 'ArrowLeft')).toEqual({ type: 'collapse', id: 'work' });
    expect(treeKeyAction(rows, 'shop', 'ArrowLeft')).toEqual({ type: 'select', id: 'work' });
    expect(treeKeyAction(rows, 'nas', 'ArrowLeft')).toBeNull();
    expect(treeKeyAction(rows, 'nas', 'ArrowRight')).toBeNull();
    // an open but empty folder: nothing to enter
    expect(treeKeyAction(visibleRows(TREE, new Set(['home'])), 'home', 'ArrowRight')).toBeNull();
  });

  it('Enter connects to a site and toggles a folder; F2 renames; Delete deletes', () => {
    expect(treeKeyAction(rows, 'shop', 'Enter')).toEqual({ type: 'activate', id: 'shop' });
    expect(treeKeyAction(rows, 'work', 'Enter')).toEqual({ type: 'collapse', id: 'work' });
    expect(treeKeyAction(rows, 'home', 'Enter')).toEqual({ type: 'expand', id: 'home' });
    expect(treeKeyAction(rows, 'shop', 'F2')).toEqual({ type: 'rename', id: 'shop' });
    expect(treeKeyAction(rows, 'work', 'Delete')).toEqual({ type: 'delete', id: 'work' });
    expect(treeKeyAction(rows, 'work', 'a')).toBeNull();
    expect(treeKeyAction([], null, 'ArrowDown')).toBeNull();
  });
});

describe('drag and drop', () => {
  it('drops into a folder at its end, or before/after a row among its siblings', () => {
    expect(dropPlacement(TREE, 'nas', 'home', 'into')).toEqual({ parentId: 'home' });
    expect(dropPlacement(TREE, 'nas', 'shop', 'before')).toEqual({ parentId: 'work', index: 1 });
    expect(dropPlacement(TREE, 'nas', 'shop', 'after')).toEqual({ parentId: 'work', index: 2 });
    // counted without the moved node: nas after work at the top level
    expect(dropPlacement(TREE, 'nas', 'work', 'after')).toEqual({ parentId: null, index: 1 });
    expect(dropPlacement(TREE, 'acme', null, 'into')).toEqual({ parentId: null });
  });

  it('refuses a drop onto itself, into a site, or of a folder into its own subtree', () => {
    expect(dropPlacement(TREE, 'nas', 'nas', 'into')).toBeNull();
    expect(dropPlacement(TREE, 'nas', 'shop', 'into')).toBeNull();
    expect(dropPlacement(TREE, 'work', 'clients', 'into')).toBeNull();
    expect(dropPlacement(TREE, 'work', 'acme', 'before')).toBeNull();
    expect(dropPlacement(TREE, 'gone', 'home', 'into')).toBeNull();
  });
});

describe('creating and deleting', () => {
  it('puts new items in the selected folder, beside the selected site, or at the top', () => {
    expect(newItemParent(TREE, 'clients')).toBe('clients');
    expect(newItemParent(TREE, 'acme')).toBe('clients');
    expect(newItemParent(TREE, 'nas')).toBeNull();
    expect(newItemParent(TREE, null)).toBeNull();
  });

  it('shows a draft site in its folder, or at the top when the folder went away', () => {
    const draft = makeSite('draft', 'New site');
    expect(ids(visibleRows(withDraft(TREE, { site: draft, parentId: 'home' }), new Set(['home'])))).toEqual(['work', 'home', 'draft', 'nas']);
    expect(ids(visibleRows(withDraft(TREE, { site: draft, parentId: 'gone' }), new Set()))).toEqual(['work', 'home', 'nas', 'draft']);
    expect(foldersAbove(TREE, 'acme')).toEqual(['work', 'clients']);
    // saved meanwhile: main's copy wins, no duplicate id
    expect(withDraft(TREE, { site: { ...nas, name: 'draft copy' }, parentId: null })).toBe(TREE);
  });

  it('selects the next row outside the deleted subtree, else the previous one', () => {
    const rows = visibleRows(TREE, new Set(['work', 'clients']));
    expect(rowAfterDelete(rows, 'work')).toBe('home');
    expect(rowAfterDelete(rows, 'acme')).toBe('shop');
    expect(rowAfterDelete(rows, 'nas')).toBe('home');
    expect(rowAfterDelete(rows, 'gone')).toBeNull();
  });

  it('names what a delete removes, counting a folder’s content', () => {
    expect(deleteQuestion(nas)).toBe('Delete the site “nas”? Its saved password is deleted too.');
    expect(deleteQuestion(TREE[1]!)).toBe('Delete the empty folder “Home”?');
    expect(deleteQuestion(TREE[0]!)).toMatch(/^Delete the folder “Work” and everything in it \(2 sites and 1 folder\)\?/);
  });
});
