/**
 * Server-side checksums over FTP. Two dialects exist:
 * - `HASH` (draft-bryan-ftpext-hash-02): FEAT lists `HASH SHA-256*;SHA-1;MD5;CRC32`
 *   (`*` = selected), `OPTS HASH <alg>` selects, `HASH path` answers
 *   `213 SHA-256 0-1234 <hex> path`.
 * - The older `XSHA256` / `XSHA1` / `XMD5` / `XCRC` commands answering `250 <hex>`.
 * proftpd's mod_digest speaks both and sends `213-`/`250-` keep-alive lines
 * while hashing a big file, so only the last line carries the digest.
 * vsftpd and pure-ftpd offer neither: the queue then verifies by size.
 */
import type { ChecksumAlgorithm } from '../../../shared/model/transfer.js';
import { ftpFeatures, replyError, type FtpReply, type SendCommand } from './ftp-commands.js';

/** Strongest first: the one the queue asks for when several are offered. */
export const CHECKSUM_PREFERENCE: readonly ChecksumAlgorithm[] = ['sha256', 'sha1', 'md5', 'crc32'];

const HASH_NAMES: Readonly<Record<ChecksumAlgorithm, string>> = { sha256: 'SHA-256', sha1: 'SHA-1', md5: 'MD5', crc32: 'CRC32' };
const X_COMMANDS: Readonly<Record<ChecksumAlgorithm, string>> = { sha256: 'XSHA256', sha1: 'XSHA1', md5: 'XMD5', crc32: 'XCRC' };
const HEX_LENGTH: Readonly<Record<ChecksumAlgorithm, number>> = { sha256: 64, sha1: 40, md5: 32, crc32: 8 };

/** What the server offers, from its FEAT lines. */
export interface FtpChecksumSupport {
  /** Algorithms usable with `HASH`. */
  readonly hash: readonly ChecksumAlgorithm[];
  /** Algorithms with an `X…` command. */
  readonly x: readonly ChecksumAlgorithm[];
}

export function parseChecksumFeatures(features: readonly string[]): FtpChecksumSupport {
  const hash: ChecksumAlgorithm[] = [];
  const x: ChecksumAlgorithm[] = [];
  for (const line of features) {
    const [verb = '', args = ''] = line.split(/\s+(.*)/);
    const upper = verb.toUpperCase();
    if (upper === 'HASH') {
      for (const name of args.split(';')) {
        const alg = CHECKSUM_PREFERENCE.find((a) => HASH_NAMES[a] === name.replace(/\*$/, '').trim().toUpperCase());
        if (alg && !hash.includes(alg)) hash.push(alg);
      }
    }
    const xAlg = CHECKSUM_PREFERENCE.find((a) => X_COMMANDS[a] === upper);
    if (xAlg && !x.includes(xAlg)) x.push(xAlg);
  }
  return { hash, x };
}

/** Every algorithm the server can compute, strongest first. */
export function checksumAlgorithms(support: FtpChecksumSupport): ChecksumAlgorithm[] {
  return CHECKSUM_PREFERENCE.filter((alg) => support.hash.includes(alg) || support.x.includes(alg));
}

/** The strongest checksum of `path` the server offers among `preference`, or null when it offers none. */
export async function ftpChecksumOf(
  send: SendCommand,
  support: FtpChecksumSupport,
  path: string,
  preference: readonly ChecksumAlgorithm[],
): Promise<{ algorithm: ChecksumAlgorithm; hex: string } | null> {
  const algorithm = preference.find((alg) => support.hash.includes(alg) || support.x.includes(alg));
  if (!algorithm) return null;
  const hex = await ftpChecksum(send, support, path, algorithm);
  return hex === null ? null : { algorithm, hex };
}

export async function ftpChecksumSupport(send: SendCommand): Promise<FtpChecksumSupport> {
  return parseChecksumFeatures(await ftpFeatures(send));
}

/**
 * The digest (lowercase hex) in a HASH or X-command reply: on the last line,
 * the first token of exactly the algorithm's hex length — the file name that
 * may follow in a HASH reply cannot be mistaken for it because the digest
 * comes first. Null when no such token is present.
 */
export function parseChecksumReply(message: string, algorithm: ChecksumAlgorithm): string | null {
  const lines = message.split(/\r?\n/).filter((line) => line.trim() !== '');
  const last = (lines[lines.length - 1] ?? '').replace(/^\d{3}[ -]/, '');
  const want = HEX_LENGTH[algorithm];
  for (const token of last.trim().split(/\s+/)) {
    if (token.length === want && /^[0-9a-f]+$/i.test(token)) return token.toLowerCase();
  }
  return null;
}

/**
 * Asks the server for `algorithm` of `path`: `HASH` when offered for it
 * (after `OPTS HASH`), else the X-command. Null when the server offers
 * neither for this algorithm; rejects with the server's reason when it
 * refuses (e.g. 550 for a missing file). proftpd's mod_digest splits an
 * X-command's argument at spaces but accepts it in double quotes.
 */
export async function ftpChecksum(send: SendCommand, support: FtpChecksumSupport, path: string, algorithm: ChecksumAlgorithm): Promise<string | null> {
  let reply: FtpReply;
  if (support.hash.includes(algorithm)) {
    const opts = await send(`OPTS HASH ${HASH_NAMES[algorithm]}`);
    if (opts.code !== 200) throw replyError(opts, `Cannot select ${HASH_NAMES[algorithm]} for HASH`);
    reply = await send('HASH', path);
  } else if (support.x.includes(algorithm)) {
    reply = await send(X_COMMANDS[algorithm], /\s/.test(path) ? `"${path}"` : path);
  } else {
    return null;
  }
  if (reply.code < 200 || reply.code >= 300) throw replyError(reply, `Cannot compute the checksum of ${path}`);
  const digest = parseChecksumReply(reply.message, algorithm);
  if (digest === null) throw replyError({ code: 500, message: reply.message }, `Cannot read the checksum of ${path}`);
  return digest;
}
