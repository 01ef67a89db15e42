/**
 * Site keys: which pool of connections a transfer job uses, stored with the
 * job in `queue.json`. `site:<siteId>` names a saved site (main reads its
 * options and secrets when it opens a connection); `quick:<protocol>://<user>@<host>:<port>`
 * names a quick-connect server. A key is written to disk and shown to the
 * renderer, so it never holds a password: after a restart a quick key's
 * password is asked for again.
 */
import { PROTOCOLS, type ConnectOptions, type Protocol } from '../../shared/model/session.js';

export type ParsedSiteKey =
  | { readonly kind: 'site'; readonly siteId: string }
  | { readonly kind: 'quick'; readonly protocol: Protocol; readonly host: string; readonly port: number; readonly user: string };

const SITE_PREFIX = 'site:';
const QUICK_PREFIX = 'quick:';
const SITE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const HOST = /^[A-Za-z0-9._:%-]{1,255}$/;

export function siteKeyForSite(siteId: string): string {
  return `${SITE_PREFIX}${siteId}`;
}

/** The key of a quick-connect server: protocol, user, host and port — never the password. */
export function quickSiteKey(options: Pick<ConnectOptions, 'protocol' | 'host' | 'port' | 'user'>): string {
  return `${QUICK_PREFIX}${options.protocol}://${encodeURIComponent(options.user)}@${options.host.toLowerCase()}:${options.port}`;
}

/** Reads a key back; null for anything malformed (a hand-edited or corrupt `queue.json`). */
export function parseSiteKey(key: string): ParsedSiteKey | null {
  if (key.startsWith(SITE_PREFIX)) {
    const siteId = key.slice(SITE_PREFIX.length);
    return SITE_ID.test(siteId) ? { kind: 'site', siteId } : null;
  }
  if (!key.startsWith(QUICK_PREFIX)) return null;
  const match = /^([a-z-]+):\/\/([^@/]*)@(.+):(\d{1,5})$/.exec(key.slice(QUICK_PREFIX.length));
  if (!match) return null;
  const [, protocol = '', encodedUser = '', host = '', portText = ''] = match;
  if (!(PROTOCOLS as readonly string[]).includes(protocol) || !HOST.test(host)) return null;
  const port = Number(portText);
  if (port < 1 || port > 65535) return null;
  let user: string;
  try {
    user = decodeURIComponent(encodedUser);
  } catch {
    return null;
  }
  if (/[\r\n\0]/.test(user)) return null;
  return { kind: 'quick', protocol: protocol as Protocol, host, port, user };
}

/**
 * Options for a quick key nobody connected to in this run (the queue was
 * restored after a restart): the password was never stored, so the user is
 * asked for it (`ask`), or an anonymous login is repeated as such.
 */
export function askOptionsForQuickKey(key: Extract<ParsedSiteKey, { kind: 'quick' }>): ConnectOptions {
  const anonymous = key.protocol !== 'sftp' && (key.user === '' || key.user === 'anonymous');
  return {
    protocol: key.protocol,
    host: key.host,
    port: key.port,
    user: key.user,
    password: anonymous ? 'anonymous@' : '',
    logonType: anonymous ? 'anonymous' : 'ask',
    transferMode: 'passive',
  };
}
