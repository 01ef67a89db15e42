/**
 * File-name encodings for FTP servers that do not speak UTF-8.
 *
 * FTP names are bytes (RFC 959 assumed ASCII; RFC 2640 added UTF-8), and many
 * old servers store names in a local code page (cp1251 in Russia, Shift_JIS
 * in Japan, GBK in China...). basic-ftp decodes the control connection with
 * one Node encoding, and Node has none of these code pages, so for them the
 * control socket runs in `latin1` — a byte-for-byte mapping — and this codec
 * converts between those "byte strings" and real Unicode text with iconv-lite.
 *
 * Names must round-trip byte-exactly: a name shown in a pane and sent back in
 * CWD/RETR must reach the server as the same bytes, or the user opens another
 * file or none. Bytes the code page cannot decode (e.g. 0x98 in cp1251, a
 * broken Shift_JIS sequence) are therefore kept as "escaped bytes" — lone
 * surrogates U+DC80..U+DCFF, like Python's `surrogateescape` — per
 * space-separated token, and turned back into the same bytes on the way out.
 */
import iconv from 'iconv-lite';
import { FerryError } from '../../../shared/errors.js';
import type { Charset } from '../../../shared/model/session.js';

export interface CharsetCodec {
  readonly charset: Charset;
  /** What basic-ftp's control socket must decode with: `utf8` for `auto`, else `latin1` (byte-transparent). */
  readonly controlEncoding: 'utf8' | 'latin1';
  /** Unicode text → the string to put on the wire (for `latin1`, one char per byte). Throws `INVALID_PARAMS` for unencodable text. */
  encode(text: string): string;
  /** Wire string (as the control socket or a listing read it) → Unicode text for display. */
  decode(wire: string): string;
}

const ESCAPE_BASE = 0xdc00;
/** Escapes we produce, and U+FFFD, which some iconv tables use for an unassigned byte (cp1251 0x98). */
const ESCAPED = /[\udc80-\udcff\ufffd]/;

const identity: CharsetCodec = {
  charset: 'auto',
  controlEncoding: 'utf8',
  encode: (text) => text,
  decode: (wire) => wire,
};

/** Bytes ≥ 0x80 become U+DC80..U+DCFF; ASCII stays as it is. */
function escapeBytes(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte >= 0x80 ? ESCAPE_BASE + byte : byte);
  return out;
}

/** Decodes one token; falls back to escaped bytes when the decoding would not give the same bytes back. */
function decodeToken(bytes: Buffer, charset: string): string {
  const text = iconv.decode(bytes, charset);
  if (!ESCAPED.test(text) && iconv.encode(text, charset).equals(bytes)) return text;
  return escapeBytes(bytes);
}

function decodeBytes(bytes: Buffer, charset: string): string {
  // Fast path: the whole text round-trips (the normal case for a listing).
  const whole = iconv.decode(bytes, charset);
  if (!ESCAPED.test(whole) && iconv.encode(whole, charset).equals(bytes)) return whole;
  // Split at spaces, tabs and line breaks: no code page offered here uses
  // 0x09/0x0A/0x0D/0x20 inside a multi-byte character (trail bytes are ≥ 0x40).
  let out = '';
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const byte = bytes[i];
    if (i < bytes.length && byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) continue;
    if (i > start) out += decodeToken(bytes.subarray(start, i), charset);
    if (byte !== undefined) out += String.fromCharCode(byte);
    start = i + 1;
  }
  return out;
}

function countByte(bytes: Buffer, byte: number): number {
  let n = 0;
  for (const b of bytes) if (b === byte) n++;
  return n;
}

function countChar(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

function encodeText(text: string, charset: Charset): Buffer {
  const parts: Buffer[] = [];
  let run = '';
  const flush = (): void => {
    if (!run) return;
    const bytes = iconv.encode(run, charset);
    // iconv-lite writes '?' for what the code page lacks; no code page here
    // has 0x3F inside a multi-byte character, so extra '?' bytes mean loss.
    if (countByte(bytes, 0x3f) !== countChar(run, '?')) {
      throw new FerryError('INVALID_PARAMS', `"${run}" cannot be written in the server's character set (${charset})`);
    }
    parts.push(bytes);
    run = '';
  };
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xdc80 && code <= 0xdcff) {
      flush();
      parts.push(Buffer.of(code - ESCAPE_BASE));
    } else {
      run += ch;
    }
  }
  flush();
  return Buffer.concat(parts);
}

/**
 * The codec for a session's `charset` (`auto` or absent = UTF-8, no
 * transcoding). Throws `INVALID_PARAMS` for a charset iconv-lite does not know,
 * so a bad setting fails at connect instead of garbling names later.
 */
export function createCharsetCodec(charset: Charset | undefined): CharsetCodec {
  if (charset === undefined || charset === 'auto') return identity;
  if (typeof charset !== 'string' || !iconv.encodingExists(charset)) {
    throw new FerryError('INVALID_PARAMS', `Unknown character set: ${String(charset)}`);
  }
  return {
    charset,
    controlEncoding: 'latin1',
    encode: (text) => encodeText(text, charset).toString('latin1'),
    decode: (wire) => decodeBytes(Buffer.from(wire, 'latin1'), charset),
  };
}
