import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import type { Entry, Listing } from '../../../shared/model/entry.js';
import { createFakeApi, settle, type FakeApi } from '../testing/fake-api.js';
import { dir, file, link } from '../testing/entries.js';
import { createPaneStore } from './pane-store.js';

type Tree = Record<string, Entry[] | FerryError>;

function setup(tree: Tree, now?: () => number): { api: FakeApi; store: ReturnType<typeof createPaneStore> } {
  const api = createFakeApi();
  api.handle('fs.list', ({ path }): Listing => {
    const found = tree[path];
    if (found === undefined) throw new FerryError('NOT_FOUND', `${path}: no such folder`);
    if (found instanceof FerryError) throw found;
    return { path, entries: found, skipped: 0 };
  });
  return { api, store: createPaneStore({ api, ...(now ? { now } : {}) }) };
}

const TREE: Tree = {
  '/': [dir('home'), dir('etc')],
  '/home': [dir('ann'), dir('bob'), file('.profile'), file('notes.txt', { size: 10 })],
  '/home/ann': [file('a.txt'), file('b.txt')],
  '/home/bob': [],
  '/home/link': new FerryError('NOT_A_DIRECTORY', 'Not a folder'),
  '/home/locked': new FerryError('PERMISSION_DENIED', 'Permission denied'),
};

const SESSION = { id: 'local', pathStyle: 'posix' } as const;

describe('pane store', () => {
  it('lists the start folder with hidden files filtered and the first row focused', async () => {
    const { store } = setup(TREE);
    expect(await store.getState().attach(SESSION, '/home')).toBe(true);
    const s = store.getState();
    expect(s.path).toBe('/home');
    expect(s.names).toEqual(['ann', 'bob', 'notes.txt']);
    expect(s.focus).toBe('ann');
    expect(s.focusIndex).toBe(0);
    expect(s.selected.size).toBe(0);
    expect(s.load).toEqual({ status: 'idle' });
  });

  it('opens folders and goes up focusing the folder it came from', async () => {
    const { store } = setup(TREE);
    await store.getState().attach(SESSION, '/home');
    store.getState().moveFocus(1);
    await store.getState().openFocused();
    expect(store.getState().path).toBe('/home/bob');
    expect(store.getState().names).toEqual([]);
    await store.getState().up();
    expect(store.getState().path).toBe('/home');
    expect(store.getState().focus).toBe('bob');
    expect(store.getState().focusIndex).toBe(1);
  });

  it('keeps the previous listing and reports the error when a folder cannot be opened', async () => {
    const { store } = setup({ ...TREE, '/home': [...(TREE['/home'] as Entry[]), dir('locked')] });
    await store.getState().attach(SESSION, '/home');
    await store.getState().openEntry('locked');
    const s = store.getState();
    expect(s.path).toBe('/home');
    expect(s.names).toContain('notes.txt');
    expect(s.load).toEqual({ status: 'error', message: 'Permission denied', code: 'PERMISSION_DENIED' });
    await store.getState().navigate('/home/ann');
    expect(store.getState().load.status).toBe('idle');
  });

  it('selects a link that is not a folder instead of failing', async () => {
    const { store } = setup({ ...TREE, '/home': [link('link', '/etc/hosts'), file('x')] });
    await store.getState().attach(SESSION, '/home');
    await store.getState().openEntry('link');
    const s = store.getState();
    expect(s.path).toBe('/home');
    expect(s.load.status).toBe('idle');
    expect([...s.selected]).toEqual(['link']);
  });

  it('opens a link to a folder', async () => {
    const { store } = setup({ ...TREE, '/home': [link('ann', '/home/ann')] });
    await store.getState().attach(SESSION, '/home');
    await store.getState().openEntry('ann');
    expect(store.getState().path).toBe('/home/ann');
  });

  it('ignores a slow listing that a newer navigation overtook', async () => {
    const api = createFakeApi();
    const resolvers: ((l: Listing) => void)[] = [];
    api.handle('fs.list', () => new Promise<Listing>((resolve) => resolvers.push(resolve)));
    const store = createPaneStore({ api });
    void store.getState().attach(SESSION, '/');
    await settle();
    void store.getState().navigate('/b');
    await settle();
    resolvers[1]?.({ path: '/b', entries: [file('new')], skipped: 0 });
    await settle();
    resolvers[0]?.({ path: '/', entries: [file('old')], skipped: 0 });
    await settle();
    expect(store.getState().path).toBe('/b');
    expect(store.getState().names).toEqual(['new']);
  });

  it('sorts, toggles hidden files and keeps the selection on the same names', async () => {
    const { store } = setup(TREE);
    await store.getState().attach(SESSION, '/home');
    store.getState().click(2);
    store.getState().sortBy('name');
    expect(store.getState().sort).toEqual({ key: 'name', direction: 'desc' });
    expect(store.getState().names).toEqual(['bob', 'ann', 'notes.txt']);
    expect([...store.getState().selected]).toEqual(['notes.txt']);
    expect(store.getState().focusIndex).toBe(2);
    store.getState().setShowHidden(true);
    expect(store.getState().names).toEqual(['bob', 'ann', 'notes.txt', '.profile']);
  });

  it('refreshes in place, keeping focus and selection', async () => {
    const tree: Tree = { '/d': [file('a'), file('b')] };
    const { store } = setup(tree);
    await store.getState().attach(SESSION, '/d');
    store.getState().click(1);
    tree['/d'] = [file('a'), file('b'), file('c')];
    await store.getState().refresh();
    expect(store.getState().names).toEqual(['a', 'b', 'c']);
    expect(store.getState().focus).toBe('b');
    expect([...store.getState().selected]).toEqual(['b']);
  });

  it('supports select all, toggle and clear', async () => {
    const { store } = setup(TREE);
    await store.getState().attach(SESSION, '/home');
    store.getState().selectAll();
    expect(store.getState().selected.size).toBe(3);
    store.getState().toggleFocused();
    expect(store.getState().selected.has('ann')).toBe(false);
    store.getState().clearSelection();
    expect(store.getState().selected.size).toBe(0);
  });

  it('jumps by type-ahead and starts a new word after a pause', async () => {
    let t = 1000;
    const { store } = setup({ '/x': [file('alpha'), file('beta'), file('bravo'), file('charlie')] }, () => t);
    await store.getState().attach(SESSION, '/x');
    store.getState().typeAhead('b');
    expect(store.getState().focus).toBe('beta');
    t += 100;
    store.getState().typeAhead('r');
    expect(store.getState().focus).toBe('bravo');
    expect(store.getState().typeAheadActive()).toBe(true);
    t += 1000;
    store.getState().typeAhead('c');
    expect(store.getState().focus).toBe('charlie');
    expect([...store.getState().selected]).toEqual(['charlie']);
  });

  it('falls back to another folder when the start folder fails, keeping the reason', async () => {
    const { store } = setup(TREE);
    expect(await store.getState().attach({ id: 's1', pathStyle: 'posix' }, '/missing', '/home')).toBe(true);
    const s = store.getState();
    expect(s.path).toBe('/home');
    expect(s.load).toMatchObject({ status: 'error', message: '/missing: /missing: no such folder' });
  });

  it('clears everything and shows the notice on detach; ignores replies after it', async () => {
    const { store } = setup(TREE);
    await store.getState().attach(SESSION, '/home');
    const pending = store.getState().navigate('/home/ann');
    store.getState().detach('Not connected. Disconnected.');
    await pending;
    const s = store.getState();
    expect(s.session).toBeNull();
    expect(s.notice).toBe('Not connected. Disconnected.');
    expect(s.view).toEqual([]);
    expect(s.path).toBe('');
    await s.up();
    await s.refresh();
  });

  it('uses win32 paths for a Windows local side', async () => {
    const { store } = setup({ 'C:\\Users': [dir('Ann')], 'C:\\Users\\Ann': [file('x')] });
    await store.getState().attach({ id: 'local', pathStyle: 'win32' }, 'C:\\Users');
    await store.getState().openFocused();
    expect(store.getState().path).toBe('C:\\Users\\Ann');
    await store.getState().up();
    expect(store.getState().focus).toBe('Ann');
  });
});
