/**
 * Keeping the secret store in step with the site tree: imported passwords
 * go in, a duplicated site gets copies, a deleted site's secrets go.
 *
 * Import: the passwords found in the file move into the secret store, so
 * they exist only there. A site whose password cannot be stored — the user
 * chose "ask every time", the vault is locked, the keychain refused — is
 * switched to `ask` rather than left claiming a stored secret that is not
 * there. Errors are not passed on: their messages could
 * only say "could not store", and must never carry the secret.
 */
import { secretId, type SiteNode } from '../../../shared/model/site.js';
import type { SecretStore } from './secret-common.js';

export interface StoredSecrets {
  readonly tree: SiteNode[];
  /** Passwords now in the secret store. */
  readonly stored: number;
  /** Sites switched to "ask" because their password could not be stored. */
  readonly asked: number;
}

export async function storeImportedSecrets(tree: readonly SiteNode[], secrets: ReadonlyMap<string, string>, store: SecretStore): Promise<StoredSecrets> {
  let stored = 0;
  let asked = 0;
  const canStore = store.kind !== 'ask' && store.isUnlocked();
  const visit = async (node: SiteNode): Promise<SiteNode> => {
    if (node.kind === 'folder') {
      const children: SiteNode[] = [];
      for (const child of node.children) children.push(await visit(child));
      return { ...node, children };
    }
    if (node.secret !== 'stored') return node;
    const secret = secrets.get(node.id);
    if (canStore && secret !== undefined) {
      try {
        await store.set(secretId(node.id), secret);
        stored += 1;
        return node;
      } catch {
        // fall through: ask instead
      }
    }
    asked += 1;
    return { ...node, secret: 'ask' };
  };
  const result: SiteNode[] = [];
  for (const node of tree) result.push(await visit(node));
  return { tree: result, stored, asked };
}

/**
 * After `duplicateNode`: copies each original site's password and passphrase
 * to its copy (`idMap`: original id → copy id). Returns the copies whose
 * secrets could not be copied (locked vault, "ask" store), to set to `ask`.
 */
export async function copySiteSecrets(store: SecretStore, idMap: ReadonlyMap<string, string>): Promise<string[]> {
  const missed: string[] = [];
  for (const [from, to] of idMap) {
    try {
      for (const kind of ['password', 'passphrase'] as const) {
        const value = await store.get(secretId(from, kind));
        if (value !== null) await store.set(secretId(to, kind), value);
      }
    } catch {
      missed.push(to);
    }
  }
  return missed;
}

/** After `removeNode`: deletes the password and passphrase of every removed site (works on a locked vault too). */
export async function forgetSiteSecrets(store: SecretStore, siteIds: readonly string[]): Promise<void> {
  for (const id of siteIds.flatMap((siteId) => [secretId(siteId), secretId(siteId, 'passphrase')])) await store.delete(id);
}
