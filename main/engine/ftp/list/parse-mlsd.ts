/**
 * One MLSD line → `Entry`.
 *
 * Why: RFC 3659 §7 gives a machine-readable listing — `fact=value;` pairs, one
 * space, then the name — with UTC times, so it beats `LIST` whenever FEAT
 * announces MLST. Servers still differ: proftpd and pure-ftpd add `UNIX.mode`,
 * `UNIX.owner`/`UNIX.group` (ids) and proftpd `UNIX.ownername`/`UNIX.groupname`;
 * proftpd marks links `type=OS.unix=slink:<target>` (RFC 3659 §7.7.4's
 * example; the target may contain spaces), others `type=OS.unix=symlink`.
 */
import type { Entry, EntryType } from '../../../../shared/model/entry.js';
import { createZonedClock } from './zoned-time.js';
import { formatUnixMode } from '../../unix-mode.js';

/** Returned for `type=cdir`/`type=pdir` lines: the listed folder and its parent, never shown. */
export const MLSD_DIR_MARKER = 'dir-marker';

const UTC = createZonedClock('UTC');
const MODIFY = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(?:\.(\d{1,9}))?$/;
const DIGITS = /^\d+$/;
const OCTAL_MODE = /^[0-7]{1,7}$/;
const SLINK = 'os.unix=slink';

/**
 * `modify`/`create` (RFC 3659 §2.3: `YYYYMMDDHHMMSS[.sss]`, always UTC) →
 * epoch ms. Also takes the date-only and `HHMM` forms some servers send.
 */
export function parseMlsdTime(value: string): number | null {
  const m = MODIFY.exec(value);
  if (!m) return null;
  return UTC.toEpochMs({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)),
  });
}

/** `UNIX.mode` (octal, `0644`, `2755`, `00`) → `rw-r--r--`, with setuid/setgid/sticky as `s`/`S`/`t`/`T`. */
export function unixModeToString(mode: string): string | null {
  if (!OCTAL_MODE.test(mode)) return null;
  return formatUnixMode(parseInt(mode, 8) & 0o7777);
}

function isSeparator(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/** Splits `facts SP name`; fact names lower-cased (RFC 3659 §7.1: case-insensitive). Null when malformed. */
function splitFacts(line: string): { facts: Map<string, string>; name: string } | null {
  const facts = new Map<string, string>();
  if (line.startsWith(' ')) return { facts, name: line.slice(1) }; // RFC 3659: no facts at all
  let pos = 0;
  for (;;) {
    const nameStart = pos;
    while (pos < line.length && line[pos] !== '=' && line[pos] !== ';' && !isSeparator(line[pos])) pos++;
    if (line[pos] !== '=' || pos === nameStart) return null;
    const factName = line.slice(nameStart, pos).toLowerCase();
    const valueStart = ++pos;
    const spacesAllowed = factName === 'type' && line.slice(pos, pos + SLINK.length).toLowerCase() === SLINK;
    while (pos < line.length && line[pos] !== ';' && (spacesAllowed || !isSeparator(line[pos]))) pos++;
    if (pos >= line.length) return null;
    facts.set(factName, line.slice(valueStart, pos));
    if (line[pos] === ';') pos++;
    else return { facts, name: line.slice(pos + 1) }; // drafts before mlst-07 had no `;` after the last fact
    if (isSeparator(line[pos])) return { facts, name: line.slice(pos + 1) };
    if (pos >= line.length) return null;
  }
}

function typeOf(value: string | undefined): { type: EntryType | typeof MLSD_DIR_MARKER; target: string | null } {
  const lower = (value ?? 'file').toLowerCase();
  if (lower === 'file') return { type: 'file', target: null };
  if (lower === 'dir') return { type: 'dir', target: null };
  if (lower === 'cdir' || lower === 'pdir') return { type: MLSD_DIR_MARKER, target: null };
  if (lower.startsWith(SLINK)) {
    const target = (value ?? '').slice(SLINK.length + 1);
    return { type: 'link', target: target === '' ? null : target };
  }
  if (lower === 'os.unix=symlink') return { type: 'link', target: null };
  return { type: 'other', target: null };
}

function firstOf(facts: Map<string, string>, ...names: string[]): string | null {
  for (const name of names) {
    const value = facts.get(name);
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

/**
 * Parses one MLSD line. Returns `MLSD_DIR_MARKER` for `cdir`/`pdir` lines and
 * null for lines that are not MLSD. A missing `type` fact counts as a file
 * (FileZilla does the same). `perm` (RFC 3659 §7.5.5) describes FTP commands,
 * not Unix rights, so it is not shown as permissions.
 */
export function parseMlsdLine(line: string): Entry | typeof MLSD_DIR_MARKER | null {
  const split = splitFacts(line);
  if (!split || split.name === '') return null;
  const { facts, name } = split;
  const { type, target } = typeOf(facts.get('type'));
  if (type === MLSD_DIR_MARKER) return MLSD_DIR_MARKER;
  const sizeText = firstOf(facts, 'size', 'sizd');
  const modifyText = firstOf(facts, 'modify', 'create');
  const mode = firstOf(facts, 'unix.mode');
  return {
    name,
    type,
    size: sizeText !== null && DIGITS.test(sizeText) ? Number(sizeText) : null,
    modified: modifyText === null ? null : parseMlsdTime(modifyText),
    permissions: mode === null ? null : unixModeToString(mode),
    owner: firstOf(facts, 'unix.ownername', 'unix.owner', 'unix.uid'),
    group: firstOf(facts, 'unix.groupname', 'unix.group', 'unix.gid'),
    linkTarget: target,
  };
}
