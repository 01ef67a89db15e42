/**
 * Unix permission bits as the Permissions dialog edits them: nine checkboxes
 * (read/write/execute for owner/group/others) kept in step with an octal
 * field. Special bits (setuid, setgid, sticky) survive in the octal value.
 */

export const WHO = ['Owner', 'Group', 'Others'] as const;
export const WHAT = ['read', 'write', 'execute'] as const;
export type Who = (typeof WHO)[number];
export type What = (typeof WHAT)[number];

/** The bit for one checkbox, e.g. Owner read = 0o400. */
export function bitOf(who: Who, what: What): number {
  const shift = (2 - WHO.indexOf(who)) * 3;
  const value = what === 'read' ? 4 : what === 'write' ? 2 : 1;
  return value << shift;
}

export function hasBit(mode: number, who: Who, what: What): boolean {
  return (mode & bitOf(who, what)) !== 0;
}

export function withBit(mode: number, who: Who, what: What, on: boolean): number {
  const bit = bitOf(who, what);
  return on ? mode | bit : mode & ~bit;
}

/** `755` / `0755` / `4755` → the mode; null when it is not 3–4 octal digits. */
export function parseOctal(text: string): number | null {
  const t = text.trim();
  if (!/^0?[0-7]{3,4}$/.test(t) || t.length > 4) return null;
  return parseInt(t, 8);
}

/** The mode as three octal digits (four when special bits are set). */
export function formatOctal(mode: number): string {
  return mode > 0o777 ? mode.toString(8).padStart(4, '0') : mode.toString(8).padStart(3, '0');
}

/**
 * A listing's permission string (`drwxr-xr-x`, `rw-r--r--`, `rwsr-x--T`) as a
 * mode; null when it does not look like one (DOS listings, unknown).
 */
export function modeFromString(text: string | null): number | null {
  if (!text) return null;
  const s = text.length === 10 ? text.slice(1) : text;
  if (!/^[r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-]$/.test(s)) return null;
  let mode = 0;
  const triples = [s.slice(0, 3), s.slice(3, 6), s.slice(6, 9)];
  triples.forEach((t, i) => {
    const shift = (2 - i) * 3;
    if (t[0] === 'r') mode |= 4 << shift;
    if (t[1] === 'w') mode |= 2 << shift;
    const x = t[2] ?? '-';
    if (x === 'x' || x === 's' || x === 't') mode |= 1 << shift;
    if (x === 's' || x === 'S') mode |= i === 0 ? 0o4000 : 0o2000;
    if (x === 't' || x === 'T') mode |= 0o1000;
  });
  return mode;
}
