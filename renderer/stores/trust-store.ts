/**
 * The certificates and host keys the user chose to trust, for the Settings
 * dialog. Loaded when the dialog opens (trust changes while connecting, so a
 * copy kept from start would be stale) and re-read after each removal, so the
 * table always shows what main actually has.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FerryApi } from '../../shared/ipc/contract.js';
import type { TrustList } from '../../shared/model/sites-state.js';

/** What `trust.forget` removes: a pinned certificate or a trusted host key. */
export type TrustKind = 'certificate' | 'host-key';

/** The list as last read, and the two calls. */
export interface TrustStore {
  /** Null until the first `trust.list` answered. */
  readonly list: TrustList | null;
  readonly loading: boolean;
  /** Why the last load or removal failed; null normally. */
  readonly error: string | null;
  refresh(): Promise<void>;
  /** Forgets one entry, then reloads the list. */
  forget(kind: TrustKind, host: string, port: number): Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A trust store over `api`; it loads nothing until asked (the Settings dialog does). */
export function createTrustStore(api: FerryApi): StoreApi<TrustStore> {
  /** Bumped per load: a slow reply must not replace a newer one. */
  let request = 0;
  return createStore<TrustStore>()((set, get) => ({
    list: null,
    loading: false,
    error: null,

    async refresh() {
      const token = ++request;
      set({ loading: true });
      try {
        const list = await api.call('trust.list', {});
        if (token === request) set({ list, loading: false, error: null });
      } catch (error) {
        if (token === request) set({ loading: false, error: `Could not read the trusted certificates and keys: ${message(error)}` });
      }
    },

    async forget(kind, host, port) {
      try {
        await api.call('trust.forget', { kind, host, port });
      } catch (error) {
        set({ error: `Could not remove ${host}:${port}: ${message(error)}` });
        return;
      }
      await get().refresh();
    },
  }));
}
