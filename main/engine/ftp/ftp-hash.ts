/**
 * Server-side checksums over FTP, in the two dialects servers speak:
 *
 * - `HASH` (draft-bryan-ftpext-hash-02): FEAT lists `HASH CRC32;MD5;SHA-1*;SHA-256`
 *   (`*` = the one selected), `OPTS HASH SHA-256` selects (§4: `200 SHA-256`),
 *   and `HASH <path>` answers `213 SHA-256 0-1234 <hex> <path>` (§3.2). The
 *   path is the whole rest of the line, so spaces are safe.
 * - The older, never-specified `XSHA256` / `XSHA1` / `XMD5` / `XCRC`
 *   (draft-bryan-ftpext-hash-02 Appendix B) answering `250 <HEX>`.
 *
 * proftpd's mod_digest speaks both, selects SHA-1 by default, sends a
 * `213-Computing SHA-256 digest` / `250-Computing...` line first (and more while
 * hashing a big file, to keep middleboxes awake), and answers X-commands in
 * upper case. It splits an X-command's argument at spaces ("XXX Watch out for
 * paths with spaces" in mod_digest.c: `XSHA256 /a b` hashes nothing) but
 * accepts the path in double quotes — so HASH is preferred, and an X-command
 * path with white space is quoted. vsftpd and pure-ftpd offer neither.
 */
import type { ChecksumAlgorithm } from '../../../shared/model/transfer.js';
import type { FileChecksum } from '../remote-fs.js';

/** One reply as `sendIgnoringError` gives it: the whole text, code included, all lines. */
export interface FtpReply {
  readonly code: number;
  readonly message: string;
}

/** Sends one complete command line (the path already in the server's charset) and resolves with any reply. */
export type SendLine = (line: string) => Promise<FtpReply>;

const HASH_NAMES: Readonly<Record<ChecksumAlgorithm, string>> = { sha256: 'SHA-256', sha1: 'SHA-1', md5: 'MD5', crc32: 'CRC32' };
const X_COMMANDS: Readonly<Record<ChecksumAlgorithm, readonly string[]>> = { sha256: ['XSHA256'], sha1: ['XSHA1', 'XSHA'], md5: ['XMD5'], crc32: ['XCRC'] };
const HEX_LENGTH: Readonly<Record<ChecksumAlgorithm, number>> = { sha256: 64, sha1: 40, md5: 32, crc32: 8 };

/** What a server offers, from FEAT: algorithms for `HASH`, the selected one, and the X-commands present. */
export interface ChecksumSupport {
  readonly hash: readonly ChecksumAlgorithm[];
  readonly selected: ChecksumAlgorithm | null;
  /** Algorithm → the X-command to send for it. */
  readonly x: Readonly<Partial<Record<ChecksumAlgorithm, string>>>;
}

function algorithmNamed(name: string): ChecksumAlgorithm | null {
  const upper = name.trim().toUpperCase();
  const found = (Object.keys(HASH_NAMES) as ChecksumAlgorithm[]).find((alg) => HASH_NAMES[alg] === upper);
  return found ?? null;
}

/** Reads FEAT as basic-ftp's `features()` gives it (first word → rest of the first argument). */
export function checksumSupport(features: ReadonlyMap<string, string>): ChecksumSupport {
  const verbs = new Map([...features].map(([verb, args]) => [verb.toUpperCase(), args]));
  const hash: ChecksumAlgorithm[] = [];
  let selected: ChecksumAlgorithm | null = null;
  for (const item of (verbs.get('HASH') ?? '').split(';')) {
    const alg = algorithmNamed(item.replace(/\*$/, ''));
    if (!alg) continue;
    if (!hash.includes(alg)) hash.push(alg);
    if (item.trim().endsWith('*')) selected = alg;
  }
  const x: Partial<Record<ChecksumAlgorithm, string>> = {};
  for (const alg of Object.keys(X_COMMANDS) as ChecksumAlgorithm[]) {
    const verb = X_COMMANDS[alg].find((v) => verbs.has(v));
    if (verb) x[alg] = verb;
  }
  return { hash, selected, x };
}

/** The final line of a possibly multi-line reply, without its code: mod_digest's `213-Computing...` lines come first. */
function finalLine(message: string): string {
  const lines = message.split(/\r?\n/).filter((line) => line.trim() !== '');
  return (lines[lines.length - 1] ?? '').replace(/^\d{3}[ -]?/, '').trim();
}

function normaliseHex(token: string, algorithm: ChecksumAlgorithm): string | null {
  const want = HEX_LENGTH[algorithm];
  if (!/^[0-9a-f]+$/i.test(token)) return null;
  // Some servers drop a CRC's leading zeros.
  if (algorithm === 'crc32' && token.length < want) return token.padStart(want, '0').toLowerCase();
  return token.length === want ? token.toLowerCase() : null;
}

/**
 * `213 SHA-256 0-1234 <hex> <path>` (draft §3.2): the algorithm must be the
 * one asked for and the range must start at 0 (a whole-file digest). Null for
 * anything else.
 */
export function parseHashReply(message: string, algorithm: ChecksumAlgorithm): string | null {
  const m = /^(\S+)\s+(\d+)-(\d+)\s+(\S+)/.exec(finalLine(message));
  if (!m || algorithmNamed(m[1] ?? '') !== algorithm || m[2] !== '0') return null;
  return normaliseHex(m[4] ?? '', algorithm);
}

/** `250 <HEX>` (any case) on the final line; the first token that is a digest of the right length. */
export function parseXReply(message: string, algorithm: ChecksumAlgorithm): string | null {
  for (const token of finalLine(message).split(/\s+/)) {
    const hex = normaliseHex(token, algorithm);
    if (hex) return hex;
  }
  return null;
}

/** An X-command argument: quoted when it holds white space (mod_digest splits at spaces), as is otherwise. */
export function xCommandPath(wirePath: string): string | null {
  if (!/\s/.test(wirePath)) return wirePath;
  return wirePath.includes('"') ? null : `"${wirePath}"`;
}

/** Thrown with the reply when the server refused to hash the file (missing, not a file, too big). */
export class ChecksumRefused extends Error {
  constructor(readonly reply: FtpReply) {
    super(reply.message);
    this.name = 'ChecksumRefused';
  }
}

const ok = (reply: FtpReply): boolean => reply.code >= 200 && reply.code < 300;
/** RFC 959 §4.2: "command not implemented / not understood / parameter not implemented". */
const unsupported = (reply: FtpReply): boolean => [500, 501, 502, 504].includes(reply.code);

/**
 * The first algorithm of `algorithms` (the caller's preference order) that
 * the server can hash, by HASH (after `OPTS HASH` when another one is
 * selected) or else its X-command. Null when it offers none of them. Rejects
 * with `ChecksumRefused` when the server refuses this file (550 missing,
 * proftpd's `553 Not a regular file`).
 */
export async function ftpChecksum(
  send: SendLine,
  support: ChecksumSupport,
  wirePath: string,
  algorithms: readonly ChecksumAlgorithm[],
  state: { selected: ChecksumAlgorithm | null },
): Promise<FileChecksum | null> {
  for (const algorithm of algorithms) {
    if (support.hash.includes(algorithm)) {
      let selectable = state.selected === algorithm;
      if (!selectable) {
        const opts = await send(`OPTS HASH ${HASH_NAMES[algorithm]}`);
        selectable = ok(opts);
        if (selectable) state.selected = algorithm;
      }
      if (selectable) {
        const reply = await send(`HASH ${wirePath}`);
        if (ok(reply)) {
          const hex = parseHashReply(reply.message, algorithm);
          if (hex) return { algorithm, hex };
        } else if (!unsupported(reply)) {
          throw new ChecksumRefused(reply);
        }
      }
    }
    const verb = support.x[algorithm];
    const arg = xCommandPath(wirePath);
    if (verb && arg !== null) {
      const reply = await send(`${verb} ${arg}`);
      if (ok(reply)) {
        const hex = parseXReply(reply.message, algorithm);
        if (hex) return { algorithm, hex };
      } else if (!unsupported(reply)) {
        throw new ChecksumRefused(reply);
      }
    }
  }
  return null;
}
