/**
 * Checks a file or folder name typed by the user before anything is sent to
 * main: names are single path components, so no separators and no control
 * characters that would break a server command line.
 */

/** Why `name` cannot be used, or null when it is fine. */
export function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'Enter a name.';
  if (name.includes('/')) return 'A name cannot contain “/”.';
  if (name.includes('\0')) return 'A name cannot contain a NUL character.';
  if (name.includes('\r') || name.includes('\n')) return 'A name cannot contain line breaks.';
  if (name === '.' || name === '..') return '“.” and “..” are not valid names.';
  return null;
}
