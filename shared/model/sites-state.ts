/**
 * What the renderer sees of the Site Manager: the tree, the quick-connect
 * history and how secrets are kept — never a secret itself.
 */
import type { RecentServer, SiteNode } from './site.js';

export interface SitesState {
  readonly tree: readonly SiteNode[];
  readonly recent: readonly RecentServer[];
  /** A problem met loading `sites.json` (corrupt, newer version), to show once; null when none. */
  readonly problem: string | null;
  /** True when the file is from a newer Ferry: shown, never overwritten. */
  readonly readOnly: boolean;
  readonly secrets: {
    /** `os-keychain` (desktop app with a keychain), `vault` (master password), or `ask` (nothing stored). */
    readonly kind: 'os-keychain' | 'vault' | 'ask';
    /** For the vault: whether it was unlocked in this run. */
    readonly unlocked: boolean;
  };
}

/** Pinned certificates and trusted host keys, for the settings page. */
export interface TrustList {
  readonly certificates: readonly { readonly host: string; readonly port: number; readonly fingerprint256: string; readonly subject: string; readonly addedAt: number }[];
  readonly hostKeys: readonly { readonly host: string; readonly port: number; readonly keyType: string; readonly fingerprint: string; readonly addedAt: number }[];
}
