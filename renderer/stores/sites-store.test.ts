import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { makeFolder, makeSite } from '../../shared/model/site.js';
import type { SitesState } from '../../shared/model/sites-state.js';
import { createSitesStore, sitesReadOnly, visibleProblem } from './sites-store.js';
import { createFakeApi, settle } from './testing/fake-api.js';

const state = (patch: Partial<SitesState> = {}): SitesState => ({
  tree: [],
  recent: [],
  problem: null,
  readOnly: false,
  secrets: { kind: 'vault', unlocked: false },
  ...patch,
});

describe('sites store', () => {
  it('loads sites.get at start and follows sites.changed; stop unsubscribes', async () => {
    const api = createFakeApi();
    api.handle('sites.get', () => state({ tree: [makeFolder('f', 'Work')] }));
    const store = createSitesStore(api);
    expect(sitesReadOnly(store.getState())).toBe(true);
    const stop = store.getState().start();
    await settle();
    expect(store.getState().sites?.tree).toHaveLength(1);
    expect(sitesReadOnly(store.getState())).toBe(false);
    api.emit('sites.changed', state({ tree: [] }));
    expect(store.getState().sites?.tree).toEqual([]);
    stop();
    expect(api.listenerCount('sites.changed')).toBe(0);
  });

  it('keeps a change that arrived while sites.get was in flight', async () => {
    const api = createFakeApi();
    let answer: (value: SitesState) => void = () => undefined;
    api.handle('sites.get', () => new Promise<SitesState>((resolve) => (answer = resolve)));
    const store = createSitesStore(api);
    store.getState().start();
    await settle();
    api.emit('sites.changed', state({ tree: [makeFolder('new', 'Newer')] }));
    answer(state());
    await settle();
    expect(store.getState().sites?.tree[0]?.id).toBe('new');
  });

  it('says why the sites could not be loaded', async () => {
    const api = createFakeApi();
    api.handle('sites.get', () => {
      throw new FerryError('INTERNAL', 'disk on fire');
    });
    const store = createSitesStore(api);
    store.getState().start();
    await settle();
    expect(store.getState().loadError).toBe('Could not load the saved sites: disk on fire');
  });

  it('applies each action’s reply and resolves to the new id', async () => {
    const api = createFakeApi();
    const site = makeSite('s1', 'Shop', { host: 'h', bookmarks: [{ id: 'b', name: 'B', remoteDir: '/b', localDir: null }] });
    api.handle('sites.save', () => ({ ...state({ tree: [site] }), siteId: 's1' }));
    api.handle('sites.createFolder', () => ({ ...state(), folderId: 'f1' }));
    api.handle('sites.duplicate', () => ({ ...state(), copyId: 'c1' }));
    api.handle('sites.move', () => state());
    api.handle('sites.import', () => ({ ...state(), report: { imported: 2, skipped: [], warnings: [] } }));
    const store = createSitesStore(api);
    expect(await store.getState().save({ parentId: null, site, password: 'pw' })).toBe('s1');
    expect(store.getState().sites).toEqual(state({ tree: [site] }));
    expect(api.calls[0]?.params).toEqual({ parentId: null, site, password: 'pw' });
    expect(await store.getState().createFolder(null, 'Work')).toBe('f1');
    expect(await store.getState().duplicate('s1')).toBe('c1');
    await store.getState().move('s1', 'f1');
    expect(api.calls.at(-1)?.params).toEqual({ id: 's1', parentId: 'f1' });
    await store.getState().move('s1', null, 0);
    expect(api.calls.at(-1)?.params).toEqual({ id: 's1', parentId: null, index: 0 });
    expect(await store.getState().importSites('ssh-config')).toEqual({ imported: 2, skipped: [], warnings: [] });
    expect(api.calls.at(-1)?.params).toEqual({ format: 'ssh-config' });
  });

  it('passes failures on to the caller and keeps the last state', async () => {
    const api = createFakeApi();
    api.handle('sites.get', () => state({ tree: [makeFolder('f', 'Work')] }));
    api.handle('sites.delete', () => {
      throw new FerryError('NOT_FOUND', 'That site or folder no longer exists.');
    });
    const store = createSitesStore(api);
    store.getState().start();
    await settle();
    await expect(store.getState().remove('f')).rejects.toThrow('no longer exists');
    expect(store.getState().sites?.tree).toHaveLength(1);
  });

  it('shows a load problem until dismissed, and a different one again', async () => {
    const api = createFakeApi();
    api.handle('sites.get', () => state({ problem: 'sites.json was damaged; a copy was kept.' }));
    const store = createSitesStore(api);
    store.getState().start();
    await settle();
    expect(visibleProblem(store.getState())).toBe('sites.json was damaged; a copy was kept.');
    store.getState().dismissProblem();
    expect(visibleProblem(store.getState())).toBeNull();
    api.emit('sites.changed', state({ problem: 'sites.json was damaged; a copy was kept.' }));
    expect(visibleProblem(store.getState())).toBeNull();
    api.emit('sites.changed', state({ problem: 'Another problem.' }));
    expect(visibleProblem(store.getState())).toBe('Another problem.');
  });
});
