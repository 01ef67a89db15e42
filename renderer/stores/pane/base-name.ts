/**
 * The last segment of a path, so "Up" can focus the folder the user came
 * from. Lives here because shared/path.ts has no such helper and the renderer
 * may not use node:path.
 */
import type { PathStyle } from '../../../shared/model/session.js';

export function baseName(style: PathStyle, path: string): string | null {
  const separators = style === 'win32' ? /[\\/]+$/ : /\/+$/;
  const trimmed = path.replace(separators, '');
  const cut = style === 'win32' ? Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/')) : trimmed.lastIndexOf('/');
  const name = trimmed.slice(cut + 1);
  if (name === '' || (style === 'win32' && /^[A-Za-z]:$/.test(name))) return null;
  return name;
}
