/**
 * Checks the relative path of a file dropped into the browser host before it
 * becomes a path under `<dataDir>/staging/<batchId>/`: the renderer is
 * untrusted, so `../../.ssh/authorized_keys` or `/etc/passwd` must never
 * leave the batch folder. Segment by segment, like the queue's own name check.
 */
const MAX_SEGMENT = 255;
const MAX_DEPTH = 64;

/** The path's segments, or why it is refused. */
export function stagingSegments(relativePath: string, platform: NodeJS.Platform = process.platform): { readonly segments: readonly string[] } | { readonly refused: string } {
  if (relativePath === '') return { refused: 'the path is empty' };
  if (relativePath.startsWith('/')) return { refused: 'the path is absolute' };
  if (/^[A-Za-z]:/.test(relativePath)) return { refused: 'the path names a drive' };
  const segments = relativePath.split('/');
  if (segments.length > MAX_DEPTH) return { refused: `the path is deeper than ${MAX_DEPTH} folders` };
  for (const segment of segments) {
    if (segment === '') return { refused: 'the path has an empty segment' };
    if (segment === '.' || segment === '..') return { refused: `"${segment}" is not a file name` };
    if (segment.includes('\\')) return { refused: 'a name contains "\\"' };
    if (segment.includes('\0')) return { refused: 'a name contains NUL' };
    if (segment.length > MAX_SEGMENT) return { refused: `a name is longer than ${MAX_SEGMENT} characters` };
    // Windows: `a.txt:stream` would write an alternate data stream, and these characters are not allowed in names.
    if (platform === 'win32' && /[<>:"|?*\x00-\x1f]/.test(segment)) return { refused: 'a name contains a character Windows does not allow' };
  }
  return { segments };
}
