/**
 * Path arithmetic for both sides, without `node:path` (shared code runs in the
 * renderer too). Remote paths are always posix; the local side is win32 on
 * Windows. Names are joined as given: the engine, not this module, refuses
 * names that would escape a folder.
 */
import type { PathStyle } from './model/session.js';

function isWinRoot(path: string): boolean {
  return /^[A-Za-z]:\\?$/.test(path) || path === '\\';
}

export function joinPath(style: PathStyle, dir: string, name: string): string {
  if (style === 'win32') {
    return dir.endsWith('\\') ? dir + name : `${dir}\\${name}`;
  }
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** The parent folder, or null at a root. */
export function parentPath(style: PathStyle, path: string): string | null {
  if (style === 'win32') {
    if (isWinRoot(path)) return null;
    const trimmed = path.replace(/\\+$/, '');
    const cut = trimmed.lastIndexOf('\\');
    if (cut < 0) return null;
    const parent = trimmed.slice(0, cut);
    return /^[A-Za-z]:$/.test(parent) ? `${parent}\\` : parent || '\\';
  }
  if (path === '/' || path === '') return null;
  const trimmed = path.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  if (cut < 0) return null;
  return cut === 0 ? '/' : trimmed.slice(0, cut);
}
