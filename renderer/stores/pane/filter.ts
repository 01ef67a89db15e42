/**
 * The pane's filter box: a case-insensitive substring, or a glob when the text
 * has `*` or `?` (then it must match the whole name).
 */

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

/** A predicate for names; everything passes for an empty filter. */
export function nameMatcher(filter: string): (name: string) => boolean {
  const text = filter.trim();
  if (text === '') return () => true;
  if (/[*?]/.test(text)) {
    const re = globToRegExp(text);
    return (name) => re.test(name);
  }
  const lower = text.toLowerCase();
  return (name) => name.toLowerCase().includes(lower);
}
