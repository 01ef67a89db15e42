/**
 * Names that come FROM a server are data, not paths: a listing line may hold
 * `..`, `a/b` or `a\b` (a hostile or broken server). Joining such a name to a
 * folder would reach outside it — deleting a parent, or writing a local file
 * outside the folder the user chose. These guards keep every built path
 * inside its folder.
 */
import { resolve, sep } from 'node:path';
import { FerryError } from '../../shared/errors.js';
import type { PathStyle } from '../../shared/model/session.js';
import { assertSafeTarget } from '../engine/safe-name.js';

/** Whether a name from a listing can be joined to its folder (no separators, not `.`/`..`, no NUL, not empty). */
export function isUsableChildName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

/**
 * The local path for `name` inside `dir`; INVALID_PARAMS when the name is not
 * a plain name or the result would not be directly inside `dir`.
 */
export function localChildPath(dir: string, name: string): string {
  if (!isUsableChildName(name)) throw new FerryError('INVALID_PARAMS', `The server sent the name ${JSON.stringify(name)}, which cannot be used as a local file name.`);
  const base = resolve(dir);
  const path = resolve(base, name);
  if (path.slice(0, base.length + 1) !== base + sep || path.slice(base.length + 1).includes(sep)) {
    throw new FerryError('INVALID_PARAMS', `The name ${JSON.stringify(name)} would leave the folder ${base}.`);
  }
  return path;
}

/**
 * `assertSafeTarget` for a path about to be created, plus one rule it leaves
 * out: a path ending in a separator is a new item with an EMPTY name (the
 * renderer joined the folder and an empty field), not the folder itself.
 */
export function assertNewTarget(path: string, style: PathStyle): void {
  const trailing = style === 'win32' ? /[\\/]$/ : /\/$/;
  if (path === '' || trailing.test(path)) throw new FerryError('INVALID_PARAMS', 'A name cannot be empty.');
  assertSafeTarget(path, style);
}
