import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import type { TrustList } from '../../shared/model/sites-state.js';
import { createTrustStore } from './trust-store.js';
import { createFakeApi } from './testing/fake-api.js';

const CERT = { host: 'h', port: 21, fingerprint256: 'AA:BB', subject: 'CN=h', addedAt: 1 };

describe('trust store', () => {
  it('loads the list, and reloads it after forgetting an entry', async () => {
    const api = createFakeApi();
    let list: TrustList = { certificates: [CERT], hostKeys: [] };
    api.handle('trust.list', () => list);
    api.handle('trust.forget', () => {
      list = { certificates: [], hostKeys: [] };
      return { removed: true };
    });
    const store = createTrustStore(api);
    await store.getState().refresh();
    expect(store.getState().list?.certificates).toEqual([CERT]);
    await store.getState().forget('certificate', 'h', 21);
    expect(api.calls.map((c) => c.method)).toEqual(['trust.list', 'trust.forget', 'trust.list']);
    expect(api.calls[1]?.params).toEqual({ kind: 'certificate', host: 'h', port: 21 });
    expect(store.getState().list?.certificates).toEqual([]);
  });

  it('says what failed', async () => {
    const api = createFakeApi();
    api.handle('trust.list', () => {
      throw new FerryError('INTERNAL', 'unreadable');
    });
    api.handle('trust.forget', () => {
      throw new FerryError('INTERNAL', 'locked');
    });
    const store = createTrustStore(api);
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ loading: false, error: 'Could not read the trusted certificates and keys: unreadable' });
    await store.getState().forget('host-key', 'h', 22);
    expect(store.getState().error).toBe('Could not remove h:22: locked');
  });
});
