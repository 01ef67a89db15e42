/**
 * The remote search's name test: a glob when the pattern has `*` or `?`
 * (matching the whole name), otherwise a substring; always case-insensitive,
 * because users type "report" and expect "Report-2024.PDF".
 */
export function nameMatcher(pattern: string): (name: string) => boolean {
  const lower = pattern.toLowerCase();
  if (!/[*?]/.test(lower)) return (name) => name.toLowerCase().includes(lower);
  const source = [...lower].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  const regex = new RegExp(`^${source}$`, 's');
  return (name) => regex.test(name.toLowerCase());
}
