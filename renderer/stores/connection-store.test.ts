import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import type { SessionInfo } from '../../shared/model/session.js';
import { makeSite } from '../../shared/model/site.js';
import { createConnectionStore, DISCONNECTED_BY_USER, type ConnectParams } from './connection-store.js';
import { createFakeApi, settle } from './testing/fake-api.js';

const PARAMS: ConnectParams = { protocol: 'ftp', host: 'example.com', port: 21, user: 'ann', password: 'pw', transferMode: 'passive' };

function session(id: string): SessionInfo {
  return { sessionId: id, protocol: 'ftp', host: 'example.com', port: 21, user: 'ann', home: '/home/ann', pathStyle: 'posix', system: 'UNIX', encryption: null };
}

describe('connection store', () => {
  it('goes idle → connecting → connected', async () => {
    const api = createFakeApi();
    api.handle('session.connect', () => session('s1'));
    const store = createConnectionStore(api);
    expect(store.getState().connection).toEqual({ status: 'idle', reason: null });
    const done = store.getState().connect(PARAMS, '/pub');
    expect(store.getState().connection).toEqual({ status: 'connecting', host: 'example.com' });
    await done;
    expect(store.getState().connection).toEqual({ status: 'connected', session: session('s1'), initialPath: '/pub', localPath: null, siteId: null });
    expect(api.calls[0]).toEqual({ method: 'session.connect', params: PARAMS });
  });

  it('reports the FerryError message and code on failure', async () => {
    const api = createFakeApi();
    api.handle('session.connect', () => {
      throw new FerryError('AUTH_FAILED', 'Login incorrect.');
    });
    const store = createConnectionStore(api);
    await store.getState().connect(PARAMS);
    expect(store.getState().connection).toEqual({
      status: 'error',
      message: 'Login incorrect.',
      code: 'AUTH_FAILED',
      server: { protocol: 'ftp', host: 'example.com', port: 21 },
    });
  });

  it('ignores a second connect while connecting', async () => {
    const api = createFakeApi();
    const store = createConnectionStore(api);
    void store.getState().connect(PARAMS);
    void store.getState().connect(PARAMS);
    await settle();
    expect(api.calls.filter((c) => c.method === 'session.connect')).toHaveLength(1);
  });

  it('disconnects at once and tells main', async () => {
    const api = createFakeApi();
    api.handle('session.connect', () => session('s1'));
    api.handle('session.disconnect', () => ({}));
    const store = createConnectionStore(api);
    await store.getState().connect(PARAMS);
    const done = store.getState().disconnect();
    expect(store.getState().connection).toEqual({ status: 'idle', reason: DISCONNECTED_BY_USER });
    await done;
    expect(api.calls.at(-1)).toEqual({ method: 'session.disconnect', params: { sessionId: 's1' } });
  });

  it('still disconnects locally when main fails to', async () => {
    const api = createFakeApi();
    api.handle('session.connect', () => session('s1'));
    api.handle('session.disconnect', () => {
      throw new FerryError('NOT_CONNECTED', 'gone');
    });
    const store = createConnectionStore(api);
    await store.getState().connect(PARAMS);
    await store.getState().disconnect();
    expect(store.getState().connection.status).toBe('idle');
  });

  it('reconnects by closing the current session first', async () => {
    const api = createFakeApi();
    let n = 0;
    api.handle('session.connect', () => session(`s${++n}`));
    api.handle('session.disconnect', () => ({}));
    const store = createConnectionStore(api);
    await store.getState().connect(PARAMS);
    await store.getState().connect(PARAMS);
    expect(api.calls.map((c) => c.method)).toEqual(['session.connect', 'session.disconnect', 'session.connect']);
    const c = store.getState().connection;
    expect(c.status === 'connected' && c.session.sessionId).toBe('s2');
  });

  it('goes idle with the reason when its session closes, ignoring other sessions', async () => {
    const api = createFakeApi();
    api.handle('session.connect', () => session('s1'));
    const store = createConnectionStore(api);
    await store.getState().connect(PARAMS);
    store.getState().closed('other', 'bye');
    expect(store.getState().connection.status).toBe('connected');
    store.getState().closed('s1', 'Server closed the connection');
    expect(store.getState().connection).toEqual({ status: 'idle', reason: 'The connection was closed: Server closed the connection' });
  });

  it('shows form problems like connect errors', () => {
    const store = createConnectionStore(createFakeApi());
    store.getState().fail('Enter a host name or address.');
    expect(store.getState().connection).toEqual({ status: 'error', message: 'Enter a host name or address.', code: null, server: null });
  });
});

describe('forgetting a trusted certificate or host key', () => {
  it('forgets what the failure was about, for the server of the failed attempt, and does not reconnect', async () => {
    const api = createFakeApi();
    api.handle('session.connect', () => {
      throw new FerryError('HOST_KEY_CHANGED', 'WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED');
    });
    api.handle('trust.forget', () => ({ removed: true }));
    const store = createConnectionStore(api);
    await store.getState().connect({ ...PARAMS, protocol: 'sftp', port: 2222 });
    expect(await store.getState().forgetTrusted()).toBe(true);
    expect(api.calls.map((c) => c.method)).toEqual(['session.connect', 'trust.forget']);
    expect(api.calls[1]?.params).toEqual({ kind: 'host-key', host: 'example.com', port: 2222 });
    expect(store.getState().connection.status).toBe('error');
  });

  it('forgets a certificate after TLS_UNTRUSTED and passes on removed: false', async () => {
    const api = createFakeApi();
    api.handle('session.connect', () => {
      throw new FerryError('TLS_UNTRUSTED', 'certificate changed');
    });
    api.handle('trust.forget', () => ({ removed: false }));
    const store = createConnectionStore(api);
    await store.getState().connect(PARAMS);
    expect(await store.getState().forgetTrusted()).toBe(false);
    expect(api.calls[1]?.params).toEqual({ kind: 'certificate', host: 'example.com', port: 21 });
  });

  it('refuses when the failure is not about trust', async () => {
    const api = createFakeApi();
    api.handle('session.connect', () => {
      throw new FerryError('AUTH_FAILED', 'Login incorrect.');
    });
    const store = createConnectionStore(api);
    await store.getState().connect(PARAMS);
    await expect(store.getState().forgetTrusted()).rejects.toThrow();
    expect(api.calls.map((c) => c.method)).toEqual(['session.connect']);
  });
});

describe('connecting to a saved site', () => {
  const SITE = makeSite('site-1', 'Shop', { protocol: 'sftp', host: 'sftp.example.com', port: 2222, user: 'ann' });

  it('connects by id and keeps the folders to open and the site it came from', async () => {
    const api = createFakeApi();
    api.handle('sites.connect', () => ({ session: session('s1'), remoteDir: '/var/www', localDir: '/home/me/shop' }));
    const store = createConnectionStore(api);
    const done = store.getState().connectSite(SITE);
    expect(store.getState().connection).toEqual({ status: 'connecting', host: 'sftp.example.com' });
    await done;
    expect(api.calls).toEqual([{ method: 'sites.connect', params: { siteId: 'site-1' } }]);
    expect(store.getState().connection).toEqual({ status: 'connected', session: session('s1'), initialPath: '/var/www', localPath: '/home/me/shop', siteId: 'site-1' });
  });

  it('lists the home when the site has no initial folders', async () => {
    const api = createFakeApi();
    api.handle('sites.connect', () => ({ session: session('s1'), remoteDir: null, localDir: null }));
    const store = createConnectionStore(api);
    await store.getState().connectSite(SITE);
    expect(store.getState().connection).toMatchObject({ status: 'connected', initialPath: null, localPath: null });
  });

  it('remembers the site server on failure, so a changed host key can be forgotten', async () => {
    const api = createFakeApi();
    api.handle('sites.connect', () => {
      throw new FerryError('HOST_KEY_CHANGED', 'changed');
    });
    api.handle('trust.forget', () => ({ removed: true }));
    const store = createConnectionStore(api);
    await store.getState().connectSite(SITE);
    expect(store.getState().connection).toMatchObject({ status: 'error', code: 'HOST_KEY_CHANGED', server: { protocol: 'sftp', host: 'sftp.example.com', port: 2222 } });
    await store.getState().forgetTrusted();
    expect(api.calls.at(-1)?.params).toEqual({ kind: 'host-key', host: 'sftp.example.com', port: 2222 });
  });

  it('closes the quick-connect session before connecting to the site', async () => {
    const api = createFakeApi();
    api.handle('session.connect', () => session('s1'));
    api.handle('session.disconnect', () => ({}));
    api.handle('sites.connect', () => ({ session: session('s2'), remoteDir: null, localDir: null }));
    const store = createConnectionStore(api);
    await store.getState().connect(PARAMS);
    await store.getState().connectSite(SITE);
    expect(api.calls.map((c) => c.method)).toEqual(['session.connect', 'session.disconnect', 'sites.connect']);
  });
});
