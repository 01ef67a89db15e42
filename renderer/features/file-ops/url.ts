/**
 * "Copy URL": a remote path as `protocol://user@host:port/path` (never a
 * password), a local path as a `file:` URL.
 */
import type { PathStyle, SessionInfo } from '../../../shared/model/session.js';

const SCHEME: Readonly<Record<string, string>> = { ftp: 'ftp', ftps: 'ftps', ftpes: 'ftpes', 'ftp-plain': 'ftp', sftp: 'sftp' };

function encodePath(path: string): string {
  return path
    .split('/')
    .map((part) => (/^[A-Za-z]:$/.test(part) ? part : encodeURIComponent(part)))
    .join('/');
}

export function remoteUrl(session: Pick<SessionInfo, 'protocol' | 'host' | 'port' | 'user'>, path: string): string {
  const scheme = SCHEME[session.protocol] ?? session.protocol;
  const user = session.user ? `${encodeURIComponent(session.user)}@` : '';
  const host = session.host.includes(':') && !session.host.startsWith('[') ? `[${session.host}]` : session.host;
  const absolute = path.startsWith('/') ? path : `/${path}`;
  return `${scheme}://${user}${host}:${session.port}${encodePath(absolute)}`;
}

export function localUrl(style: PathStyle, path: string): string {
  if (style === 'win32') return `file:///${encodePath(path.replace(/\\/g, '/'))}`;
  return `file://${encodePath(path)}`;
}
