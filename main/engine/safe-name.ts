/**
 * Names Ferry is about to create (a new folder, a rename target, a new empty
 * file) are checked before any request leaves: a name with `/` or `\` would
 * create something somewhere else than the user typed, `.`/`..` name the
 * folder itself or its parent, NUL ends the name early in every C server, and
 * CR/LF would end an FTP command line and start another (RFC 959 §4.1 — the
 * Telnet end-of-line is the command terminator). SFTP carries names as
 * length-prefixed strings (draft-ietf-secsh-filexfer-02 §3), but the file
 * systems behind it refuse or mangle the same characters, so both protocols
 * and the local disk share one rule.
 *
 * Only the last segment of a path is checked: full paths naturally contain
 * `/`, and existing names (which may hold anything the server allows) are
 * never refused when they are only read, renamed from or deleted.
 */
import { FerryError } from '../../shared/errors.js';
import type { PathStyle } from '../../shared/model/session.js';

const FORBIDDEN: readonly [string, string][] = [
  ['/', 'a slash (/)'],
  ['\\', 'a backslash (\\)'],
  ['\0', 'a NUL character'],
  ['\r', 'a carriage return'],
  ['\n', 'a line feed'],
];

/** Throws INVALID_PARAMS with a message a user understands when `name` cannot be a new file or folder name. */
export function assertSafeName(name: string): void {
  if (name === '') throw new FerryError('INVALID_PARAMS', 'A name cannot be empty.');
  if (name === '.' || name === '..') throw new FerryError('INVALID_PARAMS', `"${name}" cannot be used as a name: it means the folder itself or its parent.`);
  for (const [ch, what] of FORBIDDEN) {
    if (name.includes(ch)) throw new FerryError('INVALID_PARAMS', `${JSON.stringify(name)} cannot be used as a name: it contains ${what}.`);
  }
}

/**
 * The last segment of `path` (a trailing separator ignored), split at `/`
 * (and `\` for Windows paths).
 */
export function lastSegment(path: string, style: PathStyle = 'posix'): string {
  const separators = style === 'win32' ? /[\\/]+$/ : /\/+$/;
  const trimmed = path.replace(separators, '');
  const cut = style === 'win32' ? Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) : trimmed.lastIndexOf('/');
  return trimmed.slice(cut + 1);
}

/** `assertSafeName` on the last segment of a path that is about to be created. */
export function assertSafeTarget(path: string, style: PathStyle = 'posix'): void {
  if (path.includes('\0')) throw new FerryError('INVALID_PARAMS', `${JSON.stringify(path)} cannot be used as a path: it contains a NUL character.`);
  assertSafeName(lastSegment(path, style));
}
