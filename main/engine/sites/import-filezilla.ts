/**
 * Imports FileZilla 3's `sitemanager.xml` (or a Site Manager export, the
 * same format) into Ferry sites. Read as FileZilla reads it — GetServer() in
 * src/commonui/xml_file.cpp and site_manager::Load/ReadServerElement in
 * src/commonui/site_manager.cpp (3.62):
 *
 * - `<Servers>` holds `<Folder>`s and `<Server>`s; a folder's name is its own
 *   text (before the children in new files, after them in old ones).
 * - `Protocol`: 0 FTP (TLS if available), 1 SFTP, 3 FTPS (implicit), 4 FTPES
 *   (explicit required), 6 insecure FTP; 2, 5 and 7+ are HTTP(S) and cloud
 *   storage, which Ferry does not speak.
 * - `Logontype`: 0 anonymous, 1 normal, 2 ask, 3 interactive, 4 account,
 *   5 key file, 6 profile (cloud only).
 * - `<Pass encoding="base64">` is UTF-8 in base64; `encoding="crypt"` is
 *   sealed with FileZilla's own master password and cannot be read; no
 *   attribute is the plaintext of old versions.
 * - `PasvMode` MODE_DEFAULT|MODE_ACTIVE|MODE_PASSIVE; `EncodingType`
 *   Auto|UTF-8|Custom + `CustomEncoding`; `Colour` 0..7; `RemoteDir` in
 *   FileZilla's safe-path form (filezilla-path.ts); `<Bookmark>`s.
 *
 * Passwords come back in `secrets` (site id → password) for the caller to
 * put into the secret store (site-secrets.ts); they never enter the tree.
 */
import { domainToASCII } from 'node:url';
import { FerryError } from '../../../shared/errors.js';
import { CHARSETS, DEFAULT_PORTS, type Charset, type LogonType, type Protocol } from '../../../shared/model/session.js';
import { SITE_COLORS, makeSite, type Bookmark, type ImportReport, type Site, type SiteNode } from '../../../shared/model/site.js';
import { describeIssues, siteSchema } from '../../../shared/model/site-schema.js';
import { randomId, type NewId } from '../../../shared/model/site-tree.js';
import { safePathToPosix } from './filezilla-path.js';
import { childElements, childText, firstChild, ownText, parseXml, textOf, XmlError, type XmlElement } from './xml-reader.js';

export interface SitesImport {
  readonly tree: SiteNode[];
  /** Site id → password, to move into the secret store. Never log or send this. */
  readonly secrets: Map<string, string>;
  readonly report: ImportReport;
}

const PROTOCOLS: Readonly<Record<number, Protocol>> = { 0: 'ftp', 1: 'sftp', 3: 'ftps', 4: 'ftpes', 6: 'ftp-plain' };
const OTHER_PROTOCOLS = ['FTP', 'SFTP', 'HTTP', 'FTPS', 'FTPES', 'HTTPS', 'FTP', 'S3', 'Storj', 'WebDAV', 'Azure File', 'Azure Blob', 'OpenStack Swift', 'Google Cloud Storage', 'Google Drive', 'Dropbox', 'OneDrive', 'Backblaze B2', 'Box', 'WebDAV', 'Rackspace', 'Storj'];

/** FileZilla's custom encodings (iconv names) that Ferry can transcode. */
const CHARSET_ALIASES: Readonly<Record<string, Charset>> = {
  'iso-8859-1': 'latin1', latin1: 'latin1', 'iso8859-1': 'latin1', 'windows-1250': 'cp1250', 'windows-1251': 'cp1251', 'windows-1252': 'cp1252',
  'koi8-r': 'koi8-r', sjis: 'shift_jis', 'shift-jis': 'shift_jis', gb2312: 'gbk', cp936: 'gbk', 'big-5': 'big5', 'utf-8': 'auto', utf8: 'auto',
};

const HOST = /^[A-Za-z0-9._:%-]+$/;

/** Host as Ferry stores it: brackets off an IPv6 literal, international names in punycode; null when unusable. */
export function normalizeHost(raw: string): string | null {
  const host = raw.trim().replace(/^\[(.*)\]$/, '$1');
  const ascii = host.includes(':') || /^[\x21-\x7e]*$/.test(host) ? host : domainToASCII(host);
  return ascii !== '' && ascii.length <= 255 && HOST.test(ascii) ? ascii : null;
}

function charsetOf(server: XmlElement, warn: (message: string) => void): Charset {
  if (childText(server, 'EncodingType') !== 'Custom') return 'auto';
  const custom = childText(server, 'CustomEncoding').trim();
  const lower = custom.toLowerCase();
  const known = CHARSET_ALIASES[lower] ?? (CHARSETS as readonly string[]).find((c) => c === lower.replace(/^cp-?/, 'cp'));
  if (known) return known as Charset;
  warn(`its character set "${custom}" is not supported; UTF-8 is used`);
  return 'auto';
}

/** The password from `<Pass>`: plaintext or null, with why when it cannot be read. */
function passwordOf(server: XmlElement): { readonly password: string | null; readonly problem?: string } {
  const pass = firstChild(server, 'Pass');
  if (!pass) return { password: null };
  const encoding = pass.attributes.get('encoding') ?? '';
  const text = textOf(pass);
  if (encoding === '') return { password: text };
  if (encoding === 'base64') {
    const compact = text.replace(/\s+/g, '');
    if (/^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 === 0) return { password: Buffer.from(compact, 'base64').toString('utf8') };
    return { password: null, problem: 'its saved password is damaged; Ferry will ask for it' };
  }
  if (encoding === 'crypt') return { password: null, problem: "its password is protected by FileZilla's master password and cannot be read; Ferry will ask for it" };
  return { password: null, problem: `its password uses an unknown encoding "${encoding}"; Ferry will ask for it` };
}

interface Converted {
  readonly site?: Site;
  readonly password?: string;
  readonly skip?: string;
  readonly warnings: string[];
}

function convertServer(server: XmlElement, newId: NewId): Converted {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const skip = (reason: string): Converted => ({ skip: reason, warnings });
  const protocolNumber = Number(childText(server, 'Protocol').trim() || '0');
  const protocol = PROTOCOLS[protocolNumber];
  if (!protocol) return skip(`it uses ${OTHER_PROTOCOLS[protocolNumber] ?? `protocol ${protocolNumber}`}, which Ferry does not support`);
  const rawHost = childText(server, 'Host');
  if (rawHost.trim() === '') return skip('it has no host');
  const host = normalizeHost(rawHost);
  if (host === null) return skip(`its host "${rawHost.trim()}" is not a valid host name`);
  const portText = childText(server, 'Port').trim();
  const port = portText === '' ? DEFAULT_PORTS[protocol] : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return skip(`its port "${portText}" is not valid`);

  const logonNumber = Number(childText(server, 'Logontype').trim() || '0');
  let logonType: LogonType;
  if (logonNumber === 0) logonType = 'anonymous';
  else if (logonNumber === 1 || logonNumber === 4) logonType = 'normal';
  else if (logonNumber === 2 || (logonNumber === 3 && protocol !== 'sftp')) logonType = 'ask';
  else if (logonNumber === 3) logonType = 'interactive';
  else if (logonNumber === 5 && protocol === 'sftp') logonType = 'key';
  else if (logonNumber === 5) return skip('it uses a key file with FTP');
  else return skip(`its logon type (${logonNumber}) is not supported`);
  if (logonNumber === 4) warn('FTP accounts (ACCT) are not supported; it logs in with user and password only');

  const user = logonType === 'anonymous' ? '' : childText(server, 'User');
  if (user === '' && (logonType === 'normal' || logonType === 'key')) return skip('it has no user name');
  let secret: Site['secret'] = logonType === 'ask' ? 'ask' : 'none';
  let password: string | undefined;
  if (logonType === 'normal') {
    const found = passwordOf(server);
    if (found.problem) {
      warn(found.problem);
      secret = 'ask';
    } else if (found.password) {
      password = found.password;
      secret = 'stored';
    }
  }
  const keyFile = logonType === 'key' ? childText(server, 'Keyfile').trim() || null : null;
  if (logonType === 'key' && keyFile === null) warn('it has no key file set');

  const pasv = childText(server, 'PasvMode').trim();
  const maxText = childText(server, 'MaximumMultipleConnections').trim();
  const maxConnections = Number(maxText) > 0 ? Math.min(Math.floor(Number(maxText)), 10) : null;
  if (Number(childText(server, 'TimezoneOffset') || '0') !== 0) warn('its server time zone offset was not imported');
  if (childElements(firstChild(server, 'PostLoginCommands') ?? server, 'Command').length > 0) warn('its post-login commands were not imported');
  const colour = Number(childText(server, 'Colour').trim() || '0');
  const remoteText = childText(server, 'RemoteDir');
  const remoteDir = safePathToPosix(remoteText);
  if (remoteDir === null && remoteText.trim() !== '') warn('its default remote folder could not be read');

  const bookmarks: Bookmark[] = [];
  for (const element of childElements(server, 'Bookmark')) {
    const name = childText(element, 'Name').trim().slice(0, 255);
    const bookmarkRemote = safePathToPosix(childText(element, 'RemoteDir'));
    if (name === '') continue; // FileZilla ignores these too
    if (bookmarkRemote === null) warn(`bookmark "${name}" has no remote folder Ferry can use and was left out`);
    else bookmarks.push({ id: newId(), name, remoteDir: bookmarkRemote, localDir: childText(element, 'LocalDir').trim() || null });
  }

  const name = (childText(server, 'Name').trim() || ownText(server) || host).slice(0, 255);
  const candidate = makeSite(newId(), name, {
    protocol, host, port, logonType, user, secret, keyFile,
    transferMode: pasv === 'MODE_PASSIVE' ? 'passive' : pasv === 'MODE_ACTIVE' ? 'active' : 'default',
    charset: protocol === 'sftp' ? 'auto' : charsetOf(server, warn),
    remoteDir,
    localDir: childText(server, 'LocalDir').trim() || null,
    maxConnections,
    comments: childText(server, 'Comments').slice(0, 10_000),
    color: SITE_COLORS[colour - 1] ?? null,
    bookmarks,
  });
  const checked = siteSchema.safeParse(candidate);
  if (!checked.success) return skip(`it has a setting Ferry cannot use (${describeIssues(checked.error, 1)})`);
  return password === undefined ? { site: checked.data, warnings } : { site: checked.data, password, warnings };
}

/** Parses the file; throws INVALID_PARAMS (not XML, or not a site file) or UNSUPPORTED (FileZilla 2). */
function serversOf(xml: string): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) throw new FerryError('INVALID_PARAMS', `This file is not valid XML: ${error.message}.`, { cause: error });
    throw error;
  }
  if (root.name === 'FileZilla') throw new FerryError('UNSUPPORTED', 'This is a FileZilla 2 site file. Open it in FileZilla 3 and use its sitemanager.xml.');
  if (root.name !== 'FileZilla3') throw new FerryError('INVALID_PARAMS', `This is not a FileZilla site file (it starts with <${root.name}>).`);
  const servers = firstChild(root, 'Servers');
  if (servers) return servers;
  if (firstChild(root, 'RecentServers')) throw new FerryError('INVALID_PARAMS', 'This is FileZilla\'s recentservers.xml; choose sitemanager.xml instead.');
  throw new FerryError('INVALID_PARAMS', 'This FileZilla file has no sites in it (no <Servers> section); choose sitemanager.xml.');
}

export function importFileZillaSites(xml: string, options: { readonly newId?: NewId } = {}): SitesImport {
  const newId = options.newId ?? randomId;
  const secrets = new Map<string, string>();
  const skipped: { name: string; reason: string }[] = [];
  const warnings: { name: string; message: string }[] = [];
  let imported = 0;

  const walk = (parent: XmlElement, path: readonly string[]): SiteNode[] => {
    const nodes: SiteNode[] = [];
    for (const child of childElements(parent)) {
      if (child.name === 'Folder') {
        const name = ownText(child).slice(0, 255);
        if (name === '') {
          skipped.push({ name: [...path, '(folder without a name)'].join(' / '), reason: 'FileZilla ignores a folder without a name, and everything in it' });
          continue;
        }
        nodes.push({ kind: 'folder', id: newId(), name, children: walk(child, [...path, name]) });
      } else if (child.name === 'Server') {
        const result = convertServer(child, newId);
        const label = [...path, (childText(child, 'Name').trim() || ownText(child) || childText(child, 'Host').trim() || '(unnamed)').slice(0, 255)].join(' / ');
        for (const message of result.warnings) warnings.push({ name: label, message });
        if (!result.site) {
          skipped.push({ name: label, reason: result.skip ?? 'unknown' });
          continue;
        }
        if (result.password !== undefined) secrets.set(result.site.id, result.password);
        nodes.push(result.site);
        imported += 1;
      }
    }
    return nodes;
  };

  const tree = walk(serversOf(xml), []);
  return { tree, secrets, report: { imported, skipped, warnings } };
}
