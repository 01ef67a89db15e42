import { describe, expect, it } from 'vitest';
import type { Listing } from '../../shared/model/entry.js';
import type { AppInfo, SessionInfo } from '../../shared/model/session.js';
import { makeSite } from '../../shared/model/site.js';
import { createAppStores, NOT_CONNECTED, startApp } from './app-stores.js';
import { createFakeApi, settle } from './testing/fake-api.js';
import { file } from './testing/entries.js';

const INFO: AppInfo = { version: '0.1.0', host: 'browser', platform: 'linux', localHome: '/home/me', localPathStyle: 'posix' };
const SESSION: SessionInfo = { sessionId: 's1', protocol: 'ftp', host: 'h', port: 21, user: 'u', home: '/srv', pathStyle: 'posix', system: null, encryption: null };
const PARAMS = { protocol: 'ftp', host: 'h', port: 21, user: 'u', password: 'p', transferMode: 'passive' } as const;

function setup() {
  const api = createFakeApi();
  api.handle('app.info', () => INFO);
  api.handle('log.history', () => []);
  api.handle('session.connect', () => SESSION);
  api.handle('session.disconnect', () => ({}));
  api.handle('fs.list', ({ sessionId, path }): Listing => ({ path, entries: [file(`${sessionId}${path}`)], skipped: 0 }));
  const stores = createAppStores(api);
  const stop = startApp(api, stores);
  return { api, stores, stop };
}

describe('startApp', () => {
  it('opens the local pane at the local home and leaves the remote pane not connected', async () => {
    const { stores } = setup();
    await settle();
    expect(stores.local.getState().path).toBe('/home/me');
    expect(stores.local.getState().session?.id).toBe('local');
    expect(stores.remote.getState().notice).toBe(NOT_CONNECTED);
    expect(stores.remote.getState().session).toBeNull();
  });

  it('lists the remote home (or the URL path) on connect and clears the pane on disconnect', async () => {
    const { stores } = setup();
    await stores.connection.getState().connect(PARAMS);
    await settle();
    expect(stores.remote.getState().path).toBe('/srv');
    expect(stores.remote.getState().notice).toBeNull();
    await stores.connection.getState().disconnect();
    expect(stores.remote.getState().session).toBeNull();
    expect(stores.remote.getState().notice).toBe('Not connected. You disconnected.');
    await stores.connection.getState().connect(PARAMS, '/pub');
    await settle();
    expect(stores.remote.getState().path).toBe('/pub');
  });

  it('opens a site’s initial folders in both panes, and loads the saved sites at start', async () => {
    const { api, stores } = setup();
    api.handle('sites.get', () => ({ tree: [], recent: [], problem: null, readOnly: false, secrets: { kind: 'ask', unlocked: false } }));
    api.handle('sites.connect', () => ({ session: SESSION, remoteDir: '/srv/www', localDir: '/home/me/site' }));
    await settle();
    expect(api.calls.some((c) => c.method === 'sites.get')).toBe(true);
    await stores.connection.getState().connectSite(makeSite('site-1', 'Site', { host: 'h' }));
    await settle();
    expect(stores.remote.getState().path).toBe('/srv/www');
    expect(stores.local.getState().path).toBe('/home/me/site');
  });

  it('clears the remote pane with the reason when main closes the session', async () => {
    const { api, stores } = setup();
    await stores.connection.getState().connect(PARAMS);
    await settle();
    api.emit('session.closed', { sessionId: 's1', reason: 'Server went away' });
    expect(stores.remote.getState().notice).toBe('Not connected. The connection was closed: Server went away');
    expect(stores.remote.getState().view).toEqual([]);
  });

  it('feeds log events into the log store and stops listening on stop', async () => {
    const { api, stores, stop } = setup();
    await settle();
    api.emit('log.entries', [{ seq: 1, time: 0, sessionId: null, kind: 'info', text: 'hi' }]);
    expect(stores.log.getState().entries).toHaveLength(1);
    stop();
    expect(api.listenerCount('log.entries')).toBe(0);
    expect(api.listenerCount('session.closed')).toBe(0);
  });

  it('opens the Site Manager or Settings when the desktop menu asks', async () => {
    const { api, stores } = setup();
    await settle();
    expect(stores.ui.getState().dialog).toBeNull();
    api.emit('ui.command', { command: 'open-site-manager' });
    expect(stores.ui.getState().dialog).toMatchObject({ kind: 'site-manager' });
    api.emit('ui.command', { command: 'open-settings' });
    expect(stores.ui.getState().dialog).toMatchObject({ kind: 'settings' });
  });

  it('shows why the local pane could not start', async () => {
    const api = createFakeApi();
    api.handle('app.info', () => {
      throw new Error('host unreachable');
    });
    const stores = createAppStores(api);
    startApp(api, stores);
    await settle();
    expect(stores.local.getState().notice).toBe('Could not start: host unreachable');
  });
});
