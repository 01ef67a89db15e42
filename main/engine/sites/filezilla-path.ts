/**
 * FileZilla's "safe path" encoding of a server path, as found in
 * `<RemoteDir>` (CServerPath::GetSafePath / SetSafePath in
 * src/engine/serverpath.cpp): `type prefixLength [prefix] (length segment)*`,
 * space separated, e.g. `1 0 3 pub 4 test` = Unix path `/pub/test`, `1 0` =
 * `/`. Lengths make it safe for names with spaces.
 *
 * Lengths count `wchar_t`s: UTF-16 units in the Windows build, code points
 * on Linux and macOS. Both agree for most text; for a name with an emoji
 * they differ, so both readings are tried.
 */

/** FileZilla's ServerType enum values (src/include/server.h), in order. */
const SERVER_TYPES = ['default', 'unix', 'vms', 'dos', 'mvs', 'vxworks', 'zvm', 'hpnonstop', 'dos-virtual', 'cygwin', 'dos-fwd-slashes'] as const;

/** Types whose paths are plain `/`-rooted Unix paths, which is what Ferry speaks to servers. */
const UNIX_LIKE = new Set<string>(['default', 'unix', 'vxworks', 'zvm', 'cygwin']);

export interface SafePath {
  readonly type: string;
  readonly prefix: string | null;
  readonly segments: readonly string[];
}

function parseUnits(units: readonly string[]): SafePath | null {
  let i = 0;
  const number = (): number | null => {
    const start = i;
    while (i < units.length && /^[0-9]$/.test(units[i] ?? '')) i += 1;
    return i > start && i - start <= 6 ? Number(units.slice(start, i).join('')) : null;
  };
  const space = (): boolean => units[i++] === ' ';
  const take = (length: number): string | null => {
    if (length < 1 || i + length > units.length) return null;
    const text = units.slice(i, i + length).join('');
    i += length;
    return text;
  };

  const typeIndex = number();
  const type = typeIndex === null ? undefined : SERVER_TYPES[typeIndex];
  if (type === undefined || !space()) return null;
  const prefixLength = number();
  if (prefixLength === null) return null;
  if (i === units.length) return prefixLength === 0 ? { type, prefix: null, segments: [] } : null;
  if (!space()) return null;
  let prefix: string | null = null;
  if (prefixLength > 0) {
    prefix = take(prefixLength);
    if (prefix === null || (i < units.length && !space())) return null;
  }
  const segments: string[] = [];
  while (i < units.length) {
    const length = number();
    if (length === null || !space()) return null;
    const segment = take(length);
    if (segment === null || (i < units.length && !space())) return null;
    segments.push(segment);
  }
  return { type, prefix, segments };
}

/** Decodes a safe path; null when it is not one. */
export function parseSafePath(safe: string): SafePath | null {
  return parseUnits(Array.from(safe)) ?? parseUnits(safe.split(''));
}

/**
 * The Unix path for Ferry, or null when the encoded path is empty, malformed
 * or from a server type with non-Unix paths (VMS, MVS, DOS drive letters).
 */
export function safePathToPosix(safe: string): string | null {
  const parsed = safe.trim() === '' ? null : parseSafePath(safe.trim());
  if (!parsed || !UNIX_LIKE.has(parsed.type)) return null;
  if (parsed.segments.some((segment) => segment.includes('/') || segment === '.' || segment === '..')) return null;
  const prefix = parsed.type === 'cygwin' && parsed.prefix !== null ? parsed.prefix : '';
  if (parsed.prefix !== null && parsed.type !== 'cygwin') return null;
  return `${prefix}/${parsed.segments.join('/')}`;
}
