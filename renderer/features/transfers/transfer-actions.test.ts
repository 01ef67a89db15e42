import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Listing } from '../../../shared/model/entry.js';
import type { AppInfo, SessionInfo } from '../../../shared/model/session.js';
import { DEFAULT_QUEUE_SETTINGS, type QueueTotals, type TransferJob } from '../../../shared/model/transfer.js';
import { createAppStores, REFRESH_DELAY_MS, startApp } from '../../stores/app-stores.js';
import { createFakeApi, settle } from '../../stores/testing/fake-api.js';
import { dir, file } from '../../stores/testing/entries.js';
import { createTransferActions, NEED_CONNECTION } from './transfer-actions.js';

const INFO: AppInfo = { version: '0.1.0', host: 'browser', platform: 'linux', localHome: '/home/me', localPathStyle: 'posix' };
const SESSION: SessionInfo = { sessionId: 's1', protocol: 'ftp', host: 'h', port: 21, user: 'u', home: '/srv', pathStyle: 'posix', system: null, encryption: null };
const PARAMS = { protocol: 'ftp', host: 'h', port: 21, user: 'u', password: 'p', transferMode: 'passive' } as const;
const TOTALS: QueueTotals = { jobs: 0, byStatus: { queued: 0, running: 0, paused: 0, done: 0, skipped: 0, failed: 0, cancelled: 0 }, bytesTotal: 0, bytesDone: 0, speed: 0 };

function setup() {
  const api = createFakeApi();
  api.handle('app.info', () => INFO);
  api.handle('log.history', () => []);
  api.handle('session.connect', () => SESSION);
  api.handle('queue.snapshot', () => ({ seq: 0, active: true, jobs: [], settings: DEFAULT_QUEUE_SETTINGS, totals: TOTALS }));
  api.handle('queue.add', ({ items }) => ({ ids: items.map((_, i) => `j${i}`), refused: [] }));
  api.handle('fs.list', ({ path }): Listing => ({ path, entries: [file('a.txt'), dir('docs')], skipped: 0 }));
  const stores = createAppStores(api);
  const stop = startApp(api, stores);
  const actions = createTransferActions(api, stores);
  return { api, stores, stop, actions };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('transfer actions', () => {
  it('explains that transfers need a connection', async () => {
    const { stores, actions } = setup();
    await settle();
    stores.local.getState().selectAll();
    await actions.transferSelection('local');
    expect(stores.queue.getState().notice).toBe(NEED_CONNECTION);
  });

  it('uploads the local selection into the remote folder, and downloads into the local folder', async () => {
    const { api, stores, actions } = setup();
    await stores.connection.getState().connect(PARAMS);
    await settle();
    stores.local.getState().selectAll();
    await actions.transferSelection('local');
    expect(api.calls.find((c) => c.method === 'queue.add')?.params).toEqual({
      sessionId: 's1',
      items: [
        { direction: 'upload', localPath: '/home/me/docs', remoteDir: '/srv' },
        { direction: 'upload', localPath: '/home/me/a.txt', remoteDir: '/srv' },
      ],
    });
    const payload = actions.selectionOf('remote');
    expect(payload?.entries).toEqual([{ path: '/srv/docs', type: 'dir' }]); // the focused row
    if (payload) await actions.dropRows(payload, 'local', 'docs');
    expect(api.calls.filter((c) => c.method === 'queue.add').at(-1)?.params).toEqual({
      sessionId: 's1',
      items: [{ direction: 'download', remotePath: '/srv/docs', type: 'dir', localDir: '/home/me/docs' }],
    });
  });

  it('refreshes the remote pane when an upload into its folder finishes', async () => {
    const { api, stores } = setup();
    await stores.connection.getState().connect(PARAMS);
    await settle();
    vi.useFakeTimers();
    const lists = (): number => api.calls.filter((c) => c.method === 'fs.list' && (c.params as { path: string }).path === '/srv').length;
    const before = lists();
    const job: TransferJob = {
      id: 'j',
      kind: 'file',
      direction: 'upload',
      siteKey: 's',
      localPath: '/home/me/a.txt',
      remotePath: '/srv/a.txt',
      size: 1,
      modified: null,
      transferred: 1,
      state: { status: 'done', verified: 'size' },
      order: 0,
      conflictAction: null,
      attempts: 0,
      interrupted: false,
    ascii: false,
    };
    api.emit('queue.progress', { seq: 1, active: true, changed: [job], removed: [], totals: TOTALS });
    vi.advanceTimersByTime(REFRESH_DELAY_MS + 10);
    expect(lists()).toBe(before + 1);
  });
});
