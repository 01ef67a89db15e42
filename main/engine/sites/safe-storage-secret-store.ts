/**
 * Secrets encrypted by the OS keychain through Electron's `safeStorage`;
 * `secrets.json` in the data folder holds only the ciphertext (base64).
 *
 * The engine never imports electron: the Electron glue passes
 * `safeStorage` in, typed by the structural `SafeStorageLike` below (Electron
 * 45's object satisfies it as is; the async variants Electron is moving to
 * fit too, since results are awaited).
 *
 * Why `basic_text` counts as "no keychain": on a Linux desktop without
 * libsecret or KWallet, Electron still "encrypts", but with a hard-coded key
 * (see the safeStorage docs) — that is plaintext with extra steps, so Ferry
 * uses the master-password vault there instead.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/errors.js';
import { readJsonFile, writeJsonFileAtomic } from '../store/json-file.js';
import { withFileLock } from './file-lock.js';
import { checkSecret, checkSecretId, type SecretStore } from './secret-common.js';

export const KEYCHAIN_SECRETS_FILE = 'secrets.json';

/** The part of Electron's `safeStorage` Ferry uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer | Promise<Buffer>;
  decryptString(encrypted: Buffer): string | Promise<string>;
  /** Linux only in Electron: which secret store backs the key (`basic_text` = none). */
  getSelectedStorageBackend?(): string;
}

interface SecretsDocument {
  readonly version: 1;
  readonly secrets: Readonly<Record<string, string>>;
}

/** True when `safeStorage` really protects data with an OS keychain. */
export function safeStorageUsable(safeStorage: SafeStorageLike): boolean {
  try {
    return safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  } catch {
    return false;
  }
}

function validate(raw: unknown): SecretsDocument {
  const doc = raw as Partial<SecretsDocument> | null;
  if (!doc || typeof doc !== 'object' || doc.version !== 1) throw new Error('not a version 1 secrets file');
  const secrets = doc.secrets as Record<string, unknown> | undefined;
  if (!secrets || typeof secrets !== 'object' || !Object.values(secrets).every((v) => typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v))) {
    throw new Error('bad secrets');
  }
  return doc as SecretsDocument;
}

export function createSafeStorageSecretStore(dataDir: string, safeStorage: SafeStorageLike): SecretStore {
  const path = join(dataDir, KEYCHAIN_SECRETS_FILE);
  const lockPath = `${path}.lock`;

  const load = async (): Promise<SecretsDocument> => {
    const result = await readJsonFile(path, validate);
    return result.status === 'ok' ? result.value : { version: 1, secrets: {} };
  };

  const edit = async (change: (secrets: Readonly<Record<string, string>>) => Record<string, string> | null): Promise<void> => {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await withFileLock(lockPath, async () => {
      const next = change((await load()).secrets);
      if (next) await writeJsonFileAtomic(path, { version: 1, secrets: next });
    });
  };

  const requireKeychain = (): void => {
    if (!safeStorageUsable(safeStorage)) {
      throw new FerryError('UNSUPPORTED', 'The system keychain is not available, so the password cannot be stored safely. Use a master password or "ask every time".');
    }
  };

  return {
    kind: 'os-keychain',
    isUnlocked: () => safeStorageUsable(safeStorage),
    unlock: async () => requireKeychain(),

    async get(id) {
      checkSecretId(id);
      const { secrets } = await load();
      if (!Object.hasOwn(secrets, id)) return null;
      requireKeychain();
      try {
        return await safeStorage.decryptString(Buffer.from(secrets[id] ?? '', 'base64'));
      } catch {
        return null; // the keychain key changed (new OS profile, reset keyring): ask instead
      }
    },

    async set(id, secret) {
      checkSecretId(id);
      checkSecret(secret);
      requireKeychain();
      const sealed = Buffer.from(await safeStorage.encryptString(secret)).toString('base64');
      await edit((secrets) => ({ ...secrets, [id]: sealed }));
    },

    async delete(id) {
      checkSecretId(id);
      await edit((secrets) => {
        if (!Object.hasOwn(secrets, id)) return null;
        const next = { ...secrets };
        delete next[id];
        return next;
      });
    },
  };
}
