/**
 * The master-password vault, for hosts without an OS keychain: `vault.json`
 * in the data folder holds the scrypt parameters and salt, a verifier, and
 * each secret sealed with AES-256-GCM (random 12-byte IV per seal, 16-byte
 * auth tag, the secret's id as additional data so sealed values cannot be
 * swapped between sites).
 *
 * Why scrypt: it is memory-hard (N=2^17, r=8 takes 128 MiB per guess), which
 * is what makes offline guessing of a stolen vault expensive on GPUs, and it
 * is in Node's crypto, so no native dependency. The verifier is a constant
 * sealed with the derived key: GCM refuses it under any other key, so a wrong
 * master password is told apart without decrypting any secret and without
 * writing anything.
 *
 * The key stays in this process only (never in a file, never sent anywhere);
 * `lock()` wipes it. The first `unlock()` on a folder without a vault sets the
 * master password.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/errors.js';
import { readJsonFile, writeJsonFileAtomic } from '../store/json-file.js';
import { withFileLock } from './file-lock.js';
import { checkSecret, checkSecretId, type SecretStore } from './secret-common.js';

export const VAULT_FILE = 'vault.json';

interface Sealed {
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

interface KdfParams {
  readonly name: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
}

interface VaultDocument {
  readonly version: 1;
  readonly kdf: KdfParams;
  readonly verifier: Sealed;
  readonly secrets: Readonly<Record<string, Sealed>>;
}

export interface VaultOptions {
  /** scrypt cost for a *new* vault; tests lower it. An existing vault keeps the parameters it was made with. */
  readonly cost?: { readonly N: number; readonly r: number; readonly p: number };
}

export interface VaultSecretStore extends SecretStore {
  readonly kind: 'vault';
  /** False until a master password has been set in this data folder. */
  isInitialized(): Promise<boolean>;
  /** Forgets the key (the next use needs `unlock()` again). */
  lock(): void;
  /** Why vault.json could not be used as found, or null. */
  problem(): string | null;
}

const DEFAULT_COST = { N: 2 ** 17, r: 8, p: 1 };
const VERIFIER_TEXT = 'ferry-vault-verifier-v1';
const VERIFIER_AAD = 'ferry-vault:verifier';
const secretAad = (id: string) => `ferry-vault:secret:${id}`;

const isBase64 = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
const isSealed = (value: unknown): value is Sealed => {
  const sealed = value as Partial<Sealed> | null;
  return !!sealed && isBase64(sealed.iv) && isBase64(sealed.tag) && isBase64(sealed.data);
};

/** Refuses a vault whose parameters would make unlocking hang or allocate gigabytes (a hand-edited or planted file). */
function validate(raw: unknown): VaultDocument {
  const doc = raw as Partial<VaultDocument> | null;
  if (!doc || typeof doc !== 'object') throw new Error('not a JSON object');
  if (doc.version !== 1) throw new Error(`unsupported vault version ${String(doc.version)}`);
  const kdf = doc.kdf as Partial<KdfParams> | undefined;
  const power = typeof kdf?.N === 'number' ? Math.log2(kdf.N) : NaN;
  if (kdf?.name !== 'scrypt' || !Number.isInteger(power) || power < 10 || power > 20) throw new Error('bad key derivation parameters');
  if (!Number.isInteger(kdf.r) || (kdf.r ?? 0) < 1 || (kdf.r ?? 0) > 32 || !Number.isInteger(kdf.p) || (kdf.p ?? 0) < 1 || (kdf.p ?? 0) > 4) throw new Error('bad key derivation parameters');
  if (!isBase64(kdf.salt) || Buffer.from(kdf.salt, 'base64').length < 16) throw new Error('bad salt');
  if (!isSealed(doc.verifier)) throw new Error('missing verifier');
  const secrets = doc.secrets as Record<string, unknown> | undefined;
  if (!secrets || typeof secrets !== 'object' || !Object.values(secrets).every(isSealed)) throw new Error('bad secrets');
  return doc as VaultDocument;
}

function deriveKey(password: string, kdf: KdfParams): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function seal(key: Buffer, text: string, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The plaintext, or null when the key is wrong or the data was altered (GCM authentication failed). */
function open(key: Buffer, sealed: Sealed, aad: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export function createVaultSecretStore(dataDir: string, options: VaultOptions = {}): VaultSecretStore {
  const path = join(dataDir, VAULT_FILE);
  const lockPath = `${path}.lock`;
  let key: Buffer | null = null;
  let keySalt: string | null = null;
  let problem: string | null = null;

  const load = async (): Promise<VaultDocument | null> => {
    const result = await readJsonFile(path, validate);
    if (result.status === 'corrupt') problem = `The password vault was unreadable (${result.reason}); it was moved to ${result.backup}. Stored passwords will be asked for again.`;
    return result.status === 'ok' ? result.value : null;
  };

  const lock = (): void => {
    key?.fill(0);
    key = null;
    keySalt = null;
  };

  /** The key, after checking the vault on disk is still the one it was derived for (another process may have replaced it). */
  const currentKey = (doc: VaultDocument | null): Buffer => {
    if (key && doc && doc.kdf.salt === keySalt) return key;
    lock();
    throw new FerryError('UNAUTHORIZED', 'The password vault is locked: enter the master password.');
  };

  const edit = async (change: (doc: VaultDocument | null) => VaultDocument | null): Promise<void> => {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await withFileLock(lockPath, async () => {
      const before = await load();
      const after = change(before);
      if (after && after !== before) await writeJsonFileAtomic(path, after);
    });
  };

  /** Checks the master password against the verifier, or sets it when there is no vault yet. */
  const unlock = async (masterPassword: string): Promise<void> => {
    if (typeof masterPassword !== 'string' || masterPassword === '') throw new FerryError('INVALID_PARAMS', 'The master password must not be empty.');
    const existing = await load();
    if (existing) {
      const candidate = await deriveKey(masterPassword, existing.kdf);
      if (open(candidate, existing.verifier, VERIFIER_AAD) !== VERIFIER_TEXT) {
        candidate.fill(0);
        throw new FerryError('AUTH_FAILED', 'Wrong master password');
      }
      lock();
      [key, keySalt] = [candidate, existing.kdf.salt];
      return;
    }
    const cost = options.cost ?? DEFAULT_COST;
    const kdf: KdfParams = { name: 'scrypt', ...cost, salt: randomBytes(16).toString('base64') };
    const candidate = await deriveKey(masterPassword, kdf);
    let created = false;
    await edit((doc) => {
      if (doc) return doc; // another process created it first: check against that one below
      created = true;
      return { version: 1, kdf, verifier: seal(candidate, VERIFIER_TEXT, VERIFIER_AAD), secrets: {} };
    });
    if (!created) {
      candidate.fill(0);
      return unlock(masterPassword);
    }
    lock();
    [key, keySalt] = [candidate, kdf.salt];
  };

  return {
    kind: 'vault',
    isUnlocked: () => key !== null,
    isInitialized: async () => (await load()) !== null,
    lock,
    problem: () => problem,
    unlock,

    async get(id) {
      checkSecretId(id);
      const doc = await load();
      const secretKey = currentKey(doc);
      const sealed = doc && Object.hasOwn(doc.secrets, id) ? doc.secrets[id] : undefined;
      return sealed ? open(secretKey, sealed, secretAad(id)) : null;
    },

    async set(id, secret) {
      checkSecretId(id);
      checkSecret(secret);
      await edit((doc) => {
        const secretKey = currentKey(doc);
        if (!doc) return null;
        return { ...doc, secrets: { ...doc.secrets, [id]: seal(secretKey, secret, secretAad(id)) } };
      });
    },

    async delete(id) {
      checkSecretId(id);
      await edit((doc) => {
        if (!doc || !Object.hasOwn(doc.secrets, id)) return doc;
        const secrets = { ...doc.secrets };
        delete secrets[id];
        return { ...doc, secrets };
      });
    },
  };
}
