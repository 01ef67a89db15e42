/**
 * Path helpers for both sides of a transfer. Remote paths are always posix
 * (`RemoteFs.pathStyle` of every server adapter); local paths use the host's
 * own rules through `node:path`.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';

/** Suffix of a file being written: never the final name until complete and verified. */
export const PART_SUFFIX = '.ferrypart';

/** The longest file name (in bytes) ext4, APFS, NTFS and most servers accept. */
const MAX_NAME_BYTES = 255;

export function remoteJoin(dir: string, name: string): string {
  return posix.join(dir, name);
}

export function remoteDirname(path: string): string {
  return posix.dirname(path);
}

export function remoteBasename(path: string): string {
  return posix.basename(path);
}

/**
 * The temporary name beside `path` (same folder, so the final rename never
 * crosses file systems). Deterministic: after a crash or restart the next
 * attempt finds the partial file again and resumes it.
 */
export function partPath(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (Buffer.byteLength(name) + PART_SUFFIX.length <= MAX_NAME_BYTES) return `${path}${PART_SUFFIX}`;
  // Most file systems cap a name at 255 bytes: shorten, keeping it unique and stable.
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 10);
  const chars = Array.from(name); // whole code points: never split a surrogate pair
  while (Buffer.byteLength(chars.join('')) + hash.length + PART_SUFFIX.length + 1 > MAX_NAME_BYTES) chars.pop();
  return `${path.slice(0, path.length - name.length)}${chars.join('')}~${hash}${PART_SUFFIX}`;
}

/**
 * Why a name from a listing cannot be used as one path segment, or null when
 * it can. A hostile (or broken) server could answer a listing with `..`,
 * `a/../../x` or `C:\x`; joining that to the download folder would write
 * outside the folder the user chose. NUL cuts a name short in system calls.
 */
export function unsafeNameReason(name: string): string | null {
  if (name === '') return 'empty name';
  if (name === '.' || name === '..') return `"${name}" is not a file name`;
  if (name.includes('/')) return 'contains "/"';
  if (name.includes('\\')) return 'contains "\\"';
  if (name.includes('\0')) return 'contains NUL';
  return null;
}
