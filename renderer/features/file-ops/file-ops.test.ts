import { describe, expect, it } from 'vitest';
import type { Listing } from '../../../shared/model/entry.js';
import type { AppInfo, SessionInfo } from '../../../shared/model/session.js';
import { createAppStores, startApp } from '../../stores/app-stores.js';
import { createFakeApi, settle } from '../../stores/testing/fake-api.js';
import { dir, file } from '../../stores/testing/entries.js';
import { createFileOps } from './file-ops.js';

const INFO: AppInfo = { version: '0.1.0', host: 'browser', platform: 'linux', localHome: '/home/me', localPathStyle: 'posix' };
const SESSION: SessionInfo = { sessionId: 's1', protocol: 'ftp', host: 'h', port: 21, user: 'u', home: '/srv', pathStyle: 'posix', system: null, encryption: null };
const PARAMS = { protocol: 'ftp', host: 'h', port: 21, user: 'u', password: 'p', transferMode: 'passive' } as const;

async function setup(folders: Record<string, string[]> = {}) {
  const api = createFakeApi();
  api.handle('app.info', () => INFO);
  api.handle('log.history', () => []);
  api.handle('session.connect', () => SESSION);
  api.handle('fs.list', ({ path }): Listing => {
    const known = folders[path];
    if (!known) throw Object.assign(new Error(`${path}: no such folder`), { code: 'NOT_FOUND' });
    return { path, entries: [...known.map((n) => dir(n)), file('a.txt')], skipped: 0 };
  });
  const stores = createAppStores(api);
  startApp(api, stores);
  const ops = createFileOps(api, stores);
  ops.start();
  await stores.connection.getState().connect(PARAMS);
  await settle();
  return { api, stores, ops: ops.store };
}

describe('file operations', () => {
  it('refuses bad names without calling main, and creates folders with a refresh', async () => {
    const { api, ops } = await setup({ '/home/me': [], '/srv': [] });
    expect(await ops.getState().create('remote', 'folder', 'a/b')).toMatch(/“\/”/);
    expect(api.calls.some((c) => c.method === 'fs.mkdir')).toBe(false);
    api.handle('fs.mkdir', () => ({}));
    expect(await ops.getState().create('remote', 'folder', 'new')).toBeNull();
    expect(api.calls.find((c) => c.method === 'fs.mkdir')?.params).toEqual({ sessionId: 's1', path: '/srv/new' });
  });

  it('deletes with progress and keeps failures', async () => {
    const { api, stores, ops } = await setup({ '/home/me': [], '/srv': ['x'] });
    stores.remote.getState().click(0);
    ops.getState().askDelete('remote');
    const dialog = ops.getState().dialog;
    expect(dialog?.kind === 'delete' && dialog.paths).toEqual(['/srv/x']);
    let release: () => void = () => undefined;
    api.handle('fs.delete', ({ operationId }) => {
      api.emit('fs.operation', { operationId, kind: 'progress', done: 1, total: 2, current: '/srv/x/f' });
      api.emit('fs.operation', { operationId, kind: 'item-failed', path: '/srv/x/g', reason: 'Permission denied' });
      return new Promise((resolve) => {
        release = () => resolve({ done: 1, failed: [{ path: '/srv/x/g', reason: 'Permission denied' }], cancelled: false });
      });
    });
    if (dialog?.kind !== 'delete') throw new Error('no dialog');
    const running = ops.getState().remove('remote', dialog.sessionId, dialog.paths);
    await settle();
    expect(ops.getState().operation).toMatchObject({ running: true, done: 1, total: 2 });
    release();
    await running;
    expect(ops.getState().operation).toMatchObject({ running: false, failures: [{ path: '/srv/x/g', reason: 'Permission denied' }] });
  });

  it('follows folders in synchronized browsing and turns off when the other side lacks one', async () => {
    const { stores, ops } = await setup({ '/home/me': ['docs', 'only-local'], '/srv': ['docs'], '/home/me/docs': [], '/srv/docs': [], '/home/me/only-local': [] });
    ops.getState().setSync(true);
    await stores.local.getState().openEntry('docs');
    await settle();
    expect(stores.remote.getState().path).toBe('/srv/docs');
    await stores.local.getState().up();
    await settle();
    expect(stores.remote.getState().path).toBe('/srv');
    await stores.local.getState().openEntry('only-local');
    await settle();
    expect(ops.getState().sync.on).toBe(false);
    expect(ops.getState().notice).toMatch(/does not exist/);
  });

  it('asks about a saved edit and uploads without asking after "Don\'t ask again"', async () => {
    const { api, ops } = await setup({ '/home/me': [], '/srv': [] });
    const state = { editId: 'e1', sessionId: 's1', remotePath: '/srv/a.txt', localPath: '/tmp/a.txt', status: 'modified' as const, autoUpload: false, message: null };
    api.handle('edit.upload', () => ({ ...state, status: 'watching' as const }));
    api.emit('edit.changed', state);
    expect(ops.getState().edit?.editId).toBe('e1');
    await ops.getState().answerEdit('upload', true);
    api.emit('edit.changed', state);
    expect(ops.getState().edit).toBeNull();
    expect(api.calls.filter((c) => c.method === 'edit.upload')).toHaveLength(2);
  });

  it('offers overwrite or download theirs when the remote copy changed', async () => {
    const { api, ops } = await setup({ '/home/me': [], '/srv': [] });
    const state = { editId: 'e2', sessionId: 's1', remotePath: '/srv/b.txt', localPath: '/tmp/b.txt', status: 'remote-changed' as const, autoUpload: false, message: null };
    api.handle('edit.upload', () => ({ ...state, status: 'watching' as const }));
    api.handle('edit.reload', () => ({ ...state, status: 'watching' as const }));
    api.emit('edit.changed', state);
    expect(ops.getState().edit?.status).toBe('remote-changed');
    await ops.getState().answerEdit('overwrite');
    expect(api.calls.find((c) => c.method === 'edit.upload')?.params).toEqual({ editId: 'e2', force: true });
    api.emit('edit.changed', state);
    await ops.getState().answerEdit('reload');
    expect(api.calls.find((c) => c.method === 'edit.reload')?.params).toEqual({ editId: 'e2' });
  });
});
