/**
 * Synchronized browsing: both panes start at a pair of base folders; a folder
 * entered on one side is expressed relative to its base and the same relative
 * path is opened under the other side's base.
 */
import type { PathStyle } from '../../../shared/model/session.js';
import { joinPath } from '../../../shared/path.js';

function split(style: PathStyle, path: string): string[] {
  const parts = style === 'win32' ? path.split('\\') : path.split('/');
  return parts.filter((p) => p !== '');
}

function same(style: PathStyle, a: string, b: string): boolean {
  return style === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The path components leading from `base` to `path`, or null when `path` is not inside `base`. */
export function relativeParts(style: PathStyle, base: string, path: string): string[] | null {
  const b = split(style, base);
  const p = split(style, path);
  if (p.length < b.length) return null;
  for (let i = 0; i < b.length; i++) if (!same(style, b[i] ?? '', p[i] ?? '')) return null;
  return p.slice(b.length);
}

/** `base` followed by `parts`. */
export function resolveParts(style: PathStyle, base: string, parts: readonly string[]): string {
  return parts.reduce((dir, part) => joinPath(style, dir, part), base);
}

/**
 * Where the other pane should go when this one moved from `base` to `path`:
 * null when `path` left the synchronized tree.
 */
export function syncTarget(from: { style: PathStyle; base: string; path: string }, to: { style: PathStyle; base: string }): string | null {
  const parts = relativeParts(from.style, from.base, from.path);
  return parts === null ? null : resolveParts(to.style, to.base, parts);
}
