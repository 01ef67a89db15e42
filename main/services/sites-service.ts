/**
 * The Site Manager behind the contract: edits go to the locked, versioned
 * store; passwords and passphrases go to the secret store (never the model,
 * never the renderer); connecting by site id reads the secret here and hands
 * the session layer complete options. Every change is announced with
 * `sites.changed` so other windows follow.
 */
import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { FerryError } from '../../shared/errors.js';
import type { ResultOf } from '../../shared/ipc/contract.js';
import type { ConnectOptions } from '../../shared/model/session.js';
import { secretId, siteToConnectOptions, type ImportReport, type Site, type SiteNode } from '../../shared/model/site.js';
import { duplicateNode, findNode, insertNode, moveNode, randomId, removeNode, renameNode, siteIdsIn, updateSite } from '../../shared/model/site-tree.js';
import type { SitesState } from '../../shared/model/sites-state.js';
import { exportSites, importFerrySites } from '../engine/sites/export-json.js';
import { importFileZillaSites, type SitesImport } from '../engine/sites/import-filezilla.js';
import { importSshConfig } from '../engine/sites/import-ssh-config.js';
import { copySiteSecrets, forgetSiteSecrets, storeImportedSecrets } from '../engine/sites/site-secrets.js';
import type { SiteStore } from '../engine/sites/site-store.js';
import type { SecretStore } from '../engine/sites/secret-store.js';
import type { EventBus } from '../ipc/event-bus.js';
import type { PromptService } from './prompt-service.js';
import type { SessionService } from './session-service.js';
import { siteKeyForSite } from './site-key.js';
import { ensureVaultUnlocked } from './vault-unlock.js';

export interface SitesServiceOptions {
  readonly store: SiteStore;
  readonly secrets: SecretStore;
  readonly prompts: PromptService;
  readonly sessions: SessionService;
  readonly bus: EventBus;
  /** ~/.ssh/config, for "Import hosts from ~/.ssh/config". */
  readonly sshConfigPath?: string;
  /** Told when a session to a saved site opened (the queue takes the site's transfer settings from it). */
  readonly onSiteConnected?: (siteKey: string, site: Site) => void;
}

type SaveParams = { parentId: string | null; site: Site; password?: string | null | undefined; passphrase?: string | null | undefined };

export function createSitesService(options: SitesServiceOptions) {
  const { store, secrets, prompts, sessions, bus } = options;

  const state = async (): Promise<SitesState> => {
    const { tree, recent } = await store.read();
    return { tree, recent, problem: store.problem(), readOnly: store.isReadOnly(), secrets: { kind: secrets.kind, unlocked: secrets.isUnlocked() } };
  };
  /** Applies a change, announces it, and returns the new state. */
  const change = async (apply: Parameters<SiteStore['update']>[0]): Promise<SitesState> => {
    await store.update(apply);
    const next = await state();
    bus.emit('sites.changed', next);
    return next;
  };
  const unlock = (): Promise<void> => ensureVaultUnlocked(secrets, prompts);

  /** Stores, removes or keeps one secret; returns the site's new `SecretMode` for it. */
  async function applySecret(id: string, value: string | null | undefined, current: Site['secret']): Promise<Site['secret']> {
    if (value === undefined) return current;
    if (value === null) {
      await secrets.delete(id);
      return current === 'stored' ? 'none' : current;
    }
    if (secrets.kind === 'ask') return 'ask';
    await unlock();
    await secrets.set(id, value);
    return 'stored';
  }

  async function readSecret(id: string, mode: Site['secret']): Promise<string | undefined> {
    if (mode !== 'stored' || secrets.kind === 'ask') return undefined;
    await unlock();
    return (await secrets.get(id)) ?? undefined;
  }

  /**
   * A saved site and complete options to connect to it, secrets read from the
   * secret store (unlocking the vault if needed): for `sites.connect` and for
   * every extra connection the transfer queue opens to the site.
   */
  async function optionsForSite(siteId: string): Promise<{ site: Site; options: ConnectOptions }> {
    const node = findNode((await store.read()).tree, siteId);
    if (!node || node.kind !== 'site') throw new FerryError('NOT_FOUND', 'That site no longer exists.');
    const password = node.logonType === 'normal' ? await readSecret(secretId(node.id), node.secret) : undefined;
    const passphrase = node.logonType === 'key' ? await readSecret(secretId(node.id, 'passphrase'), node.keyPassphrase) : undefined;
    return { site: node, options: { ...siteToConnectOptions(node, password), ...(passphrase !== undefined ? { keyPassphrase: passphrase } : {}) } };
  }

  async function importInto(imported: SitesImport): Promise<ResultOf<'sites.import'>> {
    // Imported passwords go straight into the secret store (unlocking the vault for it) or become "ask".
    if (imported.secrets.size > 0 && secrets.kind !== 'ask') await unlock();
    const stored = await storeImportedSecrets(imported.tree, imported.secrets, secrets);
    const next = await change((data) => ({ ...data, tree: [...data.tree, ...stored.tree] }));
    const warnings =
      stored.asked > 0 ? [...imported.report.warnings, { name: `${stored.asked} site(s)`, message: 'The password could not be stored; Ferry will ask for it when connecting.' }] : imported.report.warnings;
    const report: ImportReport = { ...imported.report, warnings };
    return { ...next, report };
  }

  return {
    get: state,

    async save({ parentId, site, password, passphrase }: SaveParams): Promise<ResultOf<'sites.save'>> {
      const secret = await applySecret(secretId(site.id), password, site.secret);
      const keyPassphrase = await applySecret(secretId(site.id, 'passphrase'), passphrase, site.keyPassphrase);
      const saved: Site = { ...site, secret, keyPassphrase };
      const next = await change((data) => ({
        ...data,
        tree: findNode(data.tree, site.id) ? updateSite(data.tree, site.id, () => saved) : insertNode(data.tree, saved, parentId),
      }));
      return { ...next, siteId: site.id };
    },

    async createFolder(parentId: string | null, name: string): Promise<ResultOf<'sites.createFolder'>> {
      const folderId = randomId();
      const next = await change((data) => ({ ...data, tree: insertNode(data.tree, { kind: 'folder', id: folderId, name, children: [] }, parentId) }));
      return { ...next, folderId };
    },

    rename: (id: string, name: string) => change((data) => ({ ...data, tree: renameNode(data.tree, id, name) })),

    async duplicate(id: string): Promise<ResultOf<'sites.duplicate'>> {
      let copyId = '';
      let idMap: ReadonlyMap<string, string> = new Map();
      const next = await change((data) => {
        const result = duplicateNode(data.tree, id);
        copyId = result.copy.id;
        idMap = result.idMap;
        return { ...data, tree: result.tree };
      });
      if (secrets.isUnlocked()) await copySiteSecrets(secrets, idMap);
      return { ...next, copyId };
    },

    async delete(id: string): Promise<SitesState> {
      let removed: SiteNode | null = null;
      const next = await change((data) => {
        const result = removeNode(data.tree, id);
        removed = result.removed;
        return { ...data, tree: result.tree };
      });
      if (removed) await forgetSiteSecrets(secrets, siteIdsIn(removed));
      return next;
    },

    move: (id: string, parentId: string | null, index?: number) => change((data) => ({ ...data, tree: moveNode(data.tree, id, parentId, index) })),

    optionsForSite,

    async connect(siteId: string): Promise<ResultOf<'sites.connect'>> {
      const { site, options: connectOptions } = await optionsForSite(siteId);
      const siteKey = siteKeyForSite(site.id);
      const session = await sessions.connect(connectOptions, siteKey);
      options.onSiteConnected?.(siteKey, site);
      return { session, remoteDir: site.remoteDir, localDir: site.localDir };
    },

    async import(format: 'filezilla' | 'ssh-config' | 'ferry', text?: string): Promise<ResultOf<'sites.import'>> {
      if (format === 'ssh-config') {
        const path = options.sshConfigPath ?? join(homedir(), '.ssh', 'config');
        const source =
          text ??
          (await readFile(path, 'utf8').catch(() => {
            throw new FerryError('NOT_FOUND', `There is no ssh config at ${path}.`);
          }));
        return importInto(importSshConfig(source, { home: homedir(), localUser: userInfo().username, agentAvailable: Boolean(process.env.SSH_AUTH_SOCK) }));
      }
      if (text === undefined) throw new FerryError('INVALID_PARAMS', 'Choose a file to import.');
      return importInto(format === 'filezilla' ? importFileZillaSites(text) : importFerrySites(text));
    },

    async export(): Promise<ResultOf<'sites.export'>> {
      const { tree } = await store.read();
      return { json: exportSites(tree), fileName: `ferry-sites-${new Date().toISOString().slice(0, 10)}.json` };
    },

    /** Records a quick-connect server in the history (never its password). */
    async remember(connect: ConnectOptions): Promise<void> {
      await store.addRecent({ protocol: connect.protocol, host: connect.host, port: connect.port, user: connect.user, logonType: connect.logonType ?? 'normal', lastUsed: Date.now() });
      bus.emit('sites.changed', await state());
    },
  };
}

export type SitesService = ReturnType<typeof createSitesService>;
