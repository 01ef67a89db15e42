import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import { makeSite, secretId } from '../../../shared/model/site.js';
import { insertNode } from '../../../shared/model/site-tree.js';
import { importFileZillaSites } from './import-filezilla.js';
import { createSiteStore } from './site-store.js';
import { tempDirPerTest } from '../testing/temp-dir-per-test.js';
import { copySiteSecrets, forgetSiteSecrets, storeImportedSecrets } from './site-secrets.js';
import { chooseSecretStore, createAskSecretStore, createSafeStorageSecretStore, createVaultSecretStore, type SafeStorageLike } from './secret-store.js';

/** Cheap scrypt for tests (4 MiB); the default cost is checked once below. */
const FAST = { cost: { N: 2 ** 12, r: 8, p: 1 } };
const dir = tempDirPerTest('ferry-secrets-');

const failure = async (promise: Promise<unknown>): Promise<FerryError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FerryError) return error;
    throw error;
  }
  throw new Error('resolved');
};

/** A stand-in for Electron's safeStorage: "encrypts" by XOR, enough to prove nothing is stored in the clear. */
function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike & { broken: boolean } {
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    broken: false,
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: async (text) => Buffer.concat([Buffer.from('v10'), xor(Buffer.from(text, 'utf8'))]),
    decryptString(data) {
      if (this.broken || !data.subarray(0, 3).equals(Buffer.from('v10'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(data.subarray(3)).toString('utf8');
    },
  };
}

/** Every file under `root`, searched for `secret` as UTF-8, UTF-16, base64 and hex. */
async function findPlaintext(root: string, secret: string): Promise<string[]> {
  const forms = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(Buffer.from(secret).toString('base64')), Buffer.from(Buffer.from(secret).toString('hex'))];
  const hits: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    if (forms.some((form) => bytes.includes(form))) hits.push(path);
  }
  return hits;
}

describe('master-password vault', () => {
  it('sets the master password on first unlock, then stores and reads secrets', async () => {
    const vault = createVaultSecretStore(dir(), FAST);
    expect([vault.kind, vault.isUnlocked(), await vault.isInitialized()]).toEqual(['vault', false, false]);
    await vault.unlock('correct horse');
    expect(vault.isUnlocked()).toBe(true);
    await vault.set('site1', 'pässwörd 🔑');
    await vault.set(secretId('site1', 'passphrase'), 'key phrase');
    expect(await vault.get('site1')).toBe('pässwörd 🔑');
    expect(await vault.get('site1:passphrase')).toBe('key phrase');
    expect(await vault.get('site2')).toBeNull();
    const doc = JSON.parse(await readFile(join(dir(), 'vault.json'), 'utf8'));
    expect(doc.kdf).toMatchObject({ name: 'scrypt', N: 4096, r: 8, p: 1 });
    expect(Buffer.from(doc.secrets.site1.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(doc.secrets.site1.tag, 'base64')).toHaveLength(16);
    expect(await findPlaintext(dir(), 'pässwörd 🔑')).toEqual([]);
  });

  it('refuses a wrong master password without changing anything, and accepts the right one', async () => {
    const first = createVaultSecretStore(dir(), FAST);
    await first.unlock('correct horse');
    await first.set('site1', 'hunter2');
    const before = await readFile(join(dir(), 'vault.json'));

    const vault = createVaultSecretStore(dir(), FAST);
    expect((await failure(vault.get('site1'))).code).toBe('UNAUTHORIZED');
    const wrong = await failure(vault.unlock('Correct horse'));
    expect([wrong.code, wrong.message]).toEqual(['AUTH_FAILED', 'Wrong master password']);
    expect(vault.isUnlocked()).toBe(false);
    expect(await readFile(join(dir(), 'vault.json'))).toEqual(before);
    await vault.unlock('correct horse');
    expect(await vault.get('site1')).toBe('hunter2');
    expect((await failure(vault.unlock(''))).code).toBe('INVALID_PARAMS');
  });

  it('locks, deletes while locked, and notices a vault replaced by another process', async () => {
    const vault = createVaultSecretStore(dir(), FAST);
    await vault.unlock('one');
    await vault.set('site1', 'a');
    vault.lock();
    expect((await failure(vault.set('site1', 'b'))).code).toBe('UNAUTHORIZED');
    await vault.delete('site1');
    await vault.delete('never-stored');
    await vault.unlock('one');
    expect(await vault.get('site1')).toBeNull();

    await rm(join(dir(), 'vault.json'));
    await createVaultSecretStore(dir(), FAST).unlock('two');
    expect((await failure(vault.get('site1'))).code).toBe('UNAUTHORIZED');
    expect(vault.isUnlocked()).toBe(false);
  });

  it('answers null for a tampered or swapped secret instead of the wrong plaintext', async () => {
    const vault = createVaultSecretStore(dir(), FAST);
    await vault.unlock('pw');
    await vault.set('site1', 'one');
    await vault.set('site2', 'two');
    const path = join(dir(), 'vault.json');
    const doc = JSON.parse(await readFile(path, 'utf8'));
    doc.secrets.site2 = doc.secrets.site1; // bound to its id by the GCM additional data
    doc.secrets.site1 = { ...doc.secrets.site1, data: Buffer.from('xxx').toString('base64') };
    await writeFile(path, JSON.stringify(doc));
    expect(await vault.get('site1')).toBeNull();
    expect(await vault.get('site2')).toBeNull();
  });

  it('refuses unknown ids and a planted vault with absurd scrypt parameters', async () => {
    const vault = createVaultSecretStore(dir(), FAST);
    await vault.unlock('pw');
    expect((await failure(vault.set('../x', 's'))).code).toBe('INVALID_PARAMS');
    expect((await failure(vault.get('__proto__'))).code).toBe('INVALID_PARAMS');
    const doc = JSON.parse(await readFile(join(dir(), 'vault.json'), 'utf8'));
    await writeFile(join(dir(), 'vault.json'), JSON.stringify({ ...doc, kdf: { ...doc.kdf, N: 2 ** 30 } }));
    const planted = createVaultSecretStore(dir(), FAST);
    expect(await planted.isInitialized()).toBe(false);
    expect(planted.problem()).toMatch(/unreadable \(bad key derivation parameters\); it was moved to .*vault\.json\.corrupt-/);
  });

  it('uses memory-hard defaults (scrypt N=2^17, r=8) when not told otherwise', async () => {
    const vault = createVaultSecretStore(dir());
    await vault.unlock('pw');
    expect(JSON.parse(await readFile(join(dir(), 'vault.json'), 'utf8')).kdf).toMatchObject({ N: 131072, r: 8, p: 1 });
  }, 20_000);
});

describe('OS keychain (safeStorage) store', () => {
  it('keeps only ciphertext in secrets.json', async () => {
    const store = createSafeStorageSecretStore(dir(), fakeSafeStorage());
    expect([store.kind, store.isUnlocked()]).toEqual(['os-keychain', true]);
    await store.set('site1', 'hunter2 ünïcode');
    expect(await store.get('site1')).toBe('hunter2 ünïcode');
    expect(await store.get('site2')).toBeNull();
    expect(Object.keys(JSON.parse(await readFile(join(dir(), 'secrets.json'), 'utf8')).secrets)).toEqual(['site1']);
    expect(await findPlaintext(dir(), 'hunter2 ünïcode')).toEqual([]);
    await store.delete('site1');
    expect(await store.get('site1')).toBeNull();
  });

  it("treats Linux's basic_text backend (a hard-coded key) as no keychain", async () => {
    const store = createSafeStorageSecretStore(dir(), fakeSafeStorage('basic_text'));
    expect(store.isUnlocked()).toBe(false);
    expect((await failure(store.set('site1', 'x'))).code).toBe('UNSUPPORTED');
    expect(await readdir(dir())).toEqual([]);
    expect(chooseSecretStore({ dataDir: dir(), mode: 'auto', safeStorage: fakeSafeStorage('basic_text') }).kind).toBe('vault');
    expect(chooseSecretStore({ dataDir: dir(), mode: 'auto', safeStorage: fakeSafeStorage() }).kind).toBe('os-keychain');
    expect(chooseSecretStore({ dataDir: dir(), mode: 'auto' }).kind).toBe('vault');
    expect(chooseSecretStore({ dataDir: dir(), mode: 'ask', safeStorage: fakeSafeStorage() }).kind).toBe('ask');
  });

  it('answers null when the keychain can no longer decrypt (so the user is asked)', async () => {
    const safeStorage = fakeSafeStorage();
    const store = createSafeStorageSecretStore(dir(), safeStorage);
    await store.set('site1', 'x');
    safeStorage.broken = true;
    expect(await store.get('site1')).toBeNull();
  });
});

describe('"ask every time" store and imported secrets', () => {
  it('stores nothing', async () => {
    const store = createAskSecretStore();
    await store.set('site1', 'hunter2');
    expect(await store.get('site1')).toBeNull();
    expect(await readdir(dir())).toEqual([]);
  });

  it('moves imported passwords into the store, or switches the site to "ask" when it cannot', async () => {
    const tree = [makeSite('s1', 'A', { host: 'a', user: 'u', secret: 'stored' }), makeSite('s2', 'B', { host: 'b', secret: 'ask' })];
    const secrets = new Map([['s1', 'hunter2']]);
    const vault = createVaultSecretStore(dir(), FAST);
    expect((await storeImportedSecrets(tree, secrets, vault)).tree.map((s) => s.kind === 'site' && s.secret)).toEqual(['ask', 'ask']);
    await vault.unlock('pw');
    const stored = await storeImportedSecrets(tree, secrets, vault);
    expect([stored.stored, stored.asked]).toEqual([1, 0]);
    expect(await vault.get('s1')).toBe('hunter2');
    expect((await storeImportedSecrets(tree, secrets, createAskSecretStore())).asked).toBe(1);
  });

  it('copies secrets to a duplicate and forgets those of deleted sites', async () => {
    const vault = createVaultSecretStore(dir(), FAST);
    await vault.unlock('pw');
    await vault.set('s1', 'pw1');
    await vault.set('s1:passphrase', 'phrase1');
    expect(await copySiteSecrets(vault, new Map([['s1', 'c1']]))).toEqual([]);
    expect([await vault.get('c1'), await vault.get('c1:passphrase')]).toEqual(['pw1', 'phrase1']);
    vault.lock();
    expect(await copySiteSecrets(vault, new Map([['s1', 'c2']]))).toEqual(['c2']);
    await forgetSiteSecrets(vault, ['s1', 'c1']);
    await vault.unlock('pw');
    expect(Object.keys(JSON.parse(await readFile(join(dir(), 'vault.json'), 'utf8')).secrets)).toEqual([]);
  });
});

describe('no plaintext secret anywhere in the data folder', () => {
  it.each([
    ['vault', () => createVaultSecretStore(dir(), FAST)],
    ['os-keychain', () => createSafeStorageSecretStore(dir(), fakeSafeStorage())],
  ])('after saving a site with a password (%s)', async (kind, open) => {
    const password = 'Tr0ub4dor&3-ünïque';
    const secrets = open();
    await secrets.unlock('master pw');
    const sites = createSiteStore(dir());
    const site = makeSite('site1', 'Shop', { host: 'ftp.shop.example', user: 'alice', secret: 'stored' });
    await sites.update((data) => ({ ...data, tree: insertNode(data.tree, site) }));
    await secrets.set(secretId(site.id), password);
    await sites.addRecent({ protocol: 'ftp', host: 'ftp.shop.example', port: 21, user: 'alice', logonType: 'normal', lastUsed: 1 });
    expect(await secrets.get(secretId(site.id))).toBe(password);
    expect((await readdir(dir())).sort()).toEqual(kind === 'vault' ? ['sites.json', 'vault.json'] : ['secrets.json', 'sites.json']);
    expect(await findPlaintext(dir(), password)).toEqual([]);
  });

  it('after importing FileZilla sites with base64 passwords', async () => {
    const xml = readFileSync(new URL('./fixtures/sitemanager-3.67-windows.xml', import.meta.url), 'utf8');
    const imported = importFileZillaSites(xml);
    const vault = createVaultSecretStore(dir(), FAST);
    await vault.unlock('master pw');
    const { tree, stored } = await storeImportedSecrets(imported.tree, imported.secrets, vault);
    await createSiteStore(dir()).update((data) => ({ ...data, tree: [...data.tree, ...tree] }));
    expect(stored).toBe(3);
    for (const password of imported.secrets.values()) expect(await findPlaintext(dir(), password)).toEqual([]);
  });
});
