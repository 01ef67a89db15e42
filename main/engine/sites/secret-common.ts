/**
 * The secret store contract and the input checks every implementation
 * shares (kept apart from secret-store.ts so the implementations do not
 * import the module that re-exports them).
 */
import { FerryError } from '../../../shared/errors.js';

export type SecretStoreKind = 'os-keychain' | 'vault' | 'ask';

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** False while a vault waits for its master password (or the keychain is unavailable). */
  isUnlocked(): boolean;
  /** Vault: checks (or, the first time, sets) the master password. Others: nothing to do. */
  unlock(masterPassword: string): Promise<void>;
  /** The secret, or null when none is stored (or it can no longer be decrypted: the caller then asks). */
  get(id: string): Promise<string | null>;
  set(id: string, secret: string): Promise<void>;
  /** Removes a secret; works while locked and for ids never stored. */
  delete(id: string): Promise<void>;
}

/** Longest secret accepted: far beyond any password, small enough to keep files small. */
export const MAX_SECRET_LENGTH = 16 * 1024;

/** Refuses ids that are not `secretId()`s: they become JSON keys on disk. */
export function checkSecretId(id: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}(?::passphrase)?$/.test(id)) throw new FerryError('INVALID_PARAMS', 'Not a valid secret id.');
  return id;
}

export function checkSecret(secret: string): string {
  if (typeof secret !== 'string' || secret.length > MAX_SECRET_LENGTH) throw new FerryError('INVALID_PARAMS', 'The secret is too long.');
  return secret;
}

