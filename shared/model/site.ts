/**
 * The Site Manager's model: saved sites in folders, their bookmarks, and the
 * quick-connect history. Plain readonly data that crosses IPC and is written
 * to `sites.json`.
 *
 * Why no password field anywhere: a secret in this model would end up in the
 * JSON file, in exports, in logs and in the renderer. A site only says *where*
 * its secret lives (`SecretMode`); the secret itself stays in main's secret
 * store (OS keychain or the master-password vault), keyed by `secretId()`,
 * and the renderer asks main to connect by site id.
 */
import { DEFAULT_PORTS, isFtpFamily, type Charset, type ConnectOptions, type LogonType, type Protocol, type TlsVersion, type TransferMode } from './session.js';

/** Colour labels, in FileZilla's order (its `Colour` index 1..7; 0 is "none", our `null`). */
export const SITE_COLORS = ['red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange'] as const;
export type SiteColor = (typeof SITE_COLORS)[number];

/**
 * Where a site's secret lives: `none` = there is none (empty password, or a
 * key without passphrase); `stored` = in the secret store under `secretId()`;
 * `ask` = the user chose to be asked on every connect.
 */
export const SECRET_MODES = ['none', 'stored', 'ask'] as const;
export type SecretMode = (typeof SECRET_MODES)[number];

/** `default` follows the app-wide setting (passive unless changed), like FileZilla's MODE_DEFAULT. */
export const SITE_TRANSFER_MODES = ['default', 'passive', 'active'] as const;
export type SiteTransferMode = 'default' | TransferMode;

/** A named remote folder, optionally paired with a local one (FileZilla's site bookmarks). */
export interface Bookmark {
  readonly id: string;
  readonly name: string;
  readonly remoteDir: string;
  readonly localDir: string | null;
}

export interface Site {
  readonly kind: 'site';
  readonly id: string;
  readonly name: string;
  /** Protocol and encryption in one (`ftp`, `ftpes`, `ftps`, `ftp-plain`, `sftp`). */
  readonly protocol: Protocol;
  readonly host: string;
  readonly port: number;
  readonly logonType: LogonType;
  readonly user: string;
  /** The password's whereabouts (for `normal` logon); see `SecretMode`. */
  readonly secret: SecretMode;
  /** `key` logon: path of the private key file. */
  readonly keyFile: string | null;
  /** The key file's passphrase; stored under `secretId(id, 'passphrase')`. */
  readonly keyPassphrase: SecretMode;
  readonly transferMode: SiteTransferMode;
  readonly charset: Charset;
  /** Folders to open after connecting; null = the server's home / the last local folder. */
  readonly remoteDir: string | null;
  readonly localDir: string | null;
  /** Simultaneous transfer connections; null = the app-wide default. */
  readonly maxConnections: number | null;
  /** Upload to a temporary name and rename when complete, so readers never see a half file. */
  readonly tempNameUploads: boolean;
  /** FTPS: highest TLS version to offer (servers that break on TLS 1.3); null = newest. */
  readonly maxTlsVersion: TlsVersion | null;
  /** Connect/reply timeout; null = the app-wide default. */
  readonly timeoutSeconds: number | null;
  readonly comments: string;
  readonly color: SiteColor | null;
  readonly bookmarks: readonly Bookmark[];
}

export interface SiteFolder {
  readonly kind: 'folder';
  readonly id: string;
  readonly name: string;
  readonly children: readonly SiteNode[];
}

export type SiteNode = SiteFolder | Site;

/** Everything of a site but its identity: what a "new site" form starts from. */
export type SiteSettings = Omit<Site, 'kind' | 'id' | 'name'>;

/** One quick-connect history entry. Never a password: a secret belongs to a saved site or nowhere. */
export interface RecentServer {
  readonly protocol: Protocol;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly logonType: LogonType;
  /** Milliseconds since the epoch of the last connect. */
  readonly lastUsed: number;
}

/** How many quick-connect entries are kept (FileZilla keeps 10; a little more costs nothing). */
export const MAX_RECENT = 20;

/** What an import did, for the "imported N sites, skipped M" summary. */
export interface ImportReport {
  readonly imported: number;
  /** Sites or hosts left out, each with the reason in words the user can act on. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  /** Sites imported with a setting dropped or changed (e.g. an unsupported charset). */
  readonly warnings: readonly { readonly name: string; readonly message: string }[];
}

export type SecretKind = 'password' | 'passphrase';

/** The secret store key for a site's password (`<id>`) or key passphrase (`<id>:passphrase`). */
export function secretId(siteId: string, kind: SecretKind = 'password'): string {
  return kind === 'password' ? siteId : `${siteId}:passphrase`;
}

/** A site's settings when the user clicks "New site". */
export function defaultSiteSettings(protocol: Protocol = 'ftp'): SiteSettings {
  return {
    protocol,
    host: '',
    port: DEFAULT_PORTS[protocol],
    logonType: 'normal',
    user: '',
    secret: 'none',
    keyFile: null,
    keyPassphrase: 'none',
    transferMode: 'default',
    charset: 'auto',
    remoteDir: null,
    localDir: null,
    maxConnections: null,
    tempNameUploads: false,
    maxTlsVersion: null,
    timeoutSeconds: null,
    comments: '',
    color: null,
    bookmarks: [],
  };
}

/** Builds a complete site from a few fields, the rest from `defaultSiteSettings`. */
export function makeSite(id: string, name: string, fields: Partial<SiteSettings> = {}): Site {
  const base = defaultSiteSettings(fields.protocol);
  return { ...base, ...fields, kind: 'site', id, name };
}

export function makeFolder(id: string, name: string, children: readonly SiteNode[] = []): SiteFolder {
  return { kind: 'folder', id, name, children };
}

/**
 * The connection a site describes, for the session layer. `secret` is the
 * password main read from the secret store; without one, a `normal` site
 * whose password is not `none` connects as `ask`, so the engine prompts
 * instead of sending an empty password (the "ask every time" store, a
 * locked vault, or a keychain entry that went missing). Transfer mode
 * `default` becomes passive, the app-wide default (no setting for it yet).
 *
 * The key passphrase is not part of `ConnectOptions` yet: the SFTP adapter
 * asks for it when the key turns out to be encrypted.
 */
export function siteToConnectOptions(site: Site, secret?: string): ConnectOptions {
  const ftp = isFtpFamily(site.protocol);
  let logonType: LogonType = site.logonType;
  if (logonType === 'normal' && secret === undefined && site.secret !== 'none') logonType = 'ask';
  const anonymous = logonType === 'anonymous';
  const options: { -readonly [K in keyof ConnectOptions]: ConnectOptions[K] } = {
    protocol: site.protocol,
    host: site.host,
    port: site.port,
    user: anonymous ? 'anonymous' : site.user,
    password: anonymous ? 'anonymous@' : logonType === 'normal' ? (secret ?? '') : '',
    logonType,
    transferMode: site.transferMode === 'active' ? 'active' : 'passive',
  };
  if (logonType === 'key' && site.keyFile !== null) options.privateKeyPath = site.keyFile;
  if (ftp && site.charset !== 'auto') options.charset = site.charset;
  if (ftp && site.protocol !== 'ftp-plain' && site.maxTlsVersion !== null) options.maxTlsVersion = site.maxTlsVersion;
  if (site.timeoutSeconds !== null) options.timeoutMs = site.timeoutSeconds * 1000;
  return options;
}

/** True when two history entries are the same server and account. */
function sameServer(a: RecentServer, b: RecentServer): boolean {
  return a.protocol === b.protocol && a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port && a.user === b.user;
}

/** Puts `entry` first in the history, dropping an older copy of it and the oldest beyond `max`. */
export function rememberRecent(list: readonly RecentServer[], entry: RecentServer, max = MAX_RECENT): readonly RecentServer[] {
  return [entry, ...list.filter((other) => !sameServer(other, entry))].slice(0, max);
}
