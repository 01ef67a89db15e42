/**
 * Where site passwords and key passphrases live — never in `sites.json`,
 * never in a log, never in the renderer. Three kinds behind one interface:
 *
 * - `os-keychain`: Electron's `safeStorage` (Keychain on macOS, DPAPI on
 *   Windows, libsecret/KWallet on Linux) encrypts; `secrets.json` holds only
 *   ciphertext. See safe-storage-secret-store.ts.
 * - `vault`: where there is no keychain (the browser host, a bare Linux
 *   desktop), AES-256-GCM under a key derived from a master password with
 *   scrypt, unlocked once per run. See vault-secret-store.ts.
 * - `ask`: the user chose "ask every time": nothing is stored, `get` always
 *   answers null and the connection prompts.
 *
 * Ids are a site id for its password and `<site id>:passphrase` for its key
 * passphrase (`secretId()` in shared/model/site.ts).
 */
import { checkSecret, checkSecretId, type SecretStore } from './secret-common.js';
import { createSafeStorageSecretStore, safeStorageUsable, type SafeStorageLike } from './safe-storage-secret-store.js';
import { createVaultSecretStore } from './vault-secret-store.js';

export { checkSecret, checkSecretId, MAX_SECRET_LENGTH, type SecretStore, type SecretStoreKind } from './secret-common.js';
export { createSafeStorageSecretStore, safeStorageUsable, type SafeStorageLike } from './safe-storage-secret-store.js';
export { createVaultSecretStore, type VaultOptions, type VaultSecretStore } from './vault-secret-store.js';

/** The "ask every time" store: keeps nothing, so every connect prompts. */
export function createAskSecretStore(): SecretStore {
  return {
    kind: 'ask',
    isUnlocked: () => true,
    unlock: async () => undefined,
    get: async (id) => {
      checkSecretId(id);
      return null;
    },
    set: async (id, secret) => {
      checkSecretId(id);
      checkSecret(secret);
    },
    delete: async (id) => {
      checkSecretId(id);
    },
  };
}

export interface SecretStoreChoice {
  readonly dataDir: string;
  /** `auto`: the OS keychain when it really encrypts, else the vault. */
  readonly mode: 'auto' | 'vault' | 'ask';
  /** Electron's `safeStorage`; absent in the browser host. */
  readonly safeStorage?: SafeStorageLike | null;
}

/** Picks the store for this run (the composition root calls this once). */
export function chooseSecretStore(choice: SecretStoreChoice): SecretStore {
  if (choice.mode === 'ask') return createAskSecretStore();
  if (choice.mode === 'auto' && choice.safeStorage && safeStorageUsable(choice.safeStorage)) {
    return createSafeStorageSecretStore(choice.dataDir, choice.safeStorage);
  }
  return createVaultSecretStore(choice.dataDir);
}
