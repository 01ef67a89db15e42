/**
 * Newline conversion for FTP ASCII transfers (`TYPE A`, RFC 959 §3.1.1.1):
 * on the wire every line ends in CRLF; on disk each side uses its own
 * convention. An upload turns the local file's line ends (LF or CRLF) into
 * CRLF; a download turns the wire's CRLF (or a bare LF some servers send)
 * into the local convention (LF on posix, CRLF on win32).
 *
 * A converter is fed chunk by chunk: a CR at the end of a chunk is held back
 * until the next chunk shows whether an LF follows it (`end()` releases it).
 * A CR not followed by LF is kept as it is.
 */

import { createReadStream } from 'node:fs';

const CR = 0x0d;
const LF = 0x0a;

/** The local newline convention of this platform. */
export const LOCAL_EOL: '\n' | '\r\n' = process.platform === 'win32' ? '\r\n' : '\n';

export class NewlineConverter {
  /** Input bytes seen so far. */
  bytesIn = 0;
  /** CRLF pairs seen in the input (across chunk boundaries too). */
  crlfIn = 0;
  private readonly eol: Buffer;
  private pendingCr = false;

  constructor(eol: '\n' | '\r\n') {
    this.eol = Buffer.from(eol, 'latin1');
  }

  /** The input's size with every CRLF counted as one LF (how a Unix server stores an ASCII upload). */
  get lfSize(): number {
    return this.bytesIn - this.crlfIn;
  }

  /** Converts one chunk; a trailing CR is held back for the next chunk or `end()`. */
  convert(chunk: Uint8Array): Buffer {
    this.bytesIn += chunk.length;
    // At most every byte becomes a two-byte newline, plus a held-back CR.
    const out = Buffer.allocUnsafe(chunk.length * 2 + 1);
    let length = 0;
    let cr = this.pendingCr;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte === LF) {
        if (cr) this.crlfIn++;
        cr = false;
        length += this.eol.copy(out, length);
        continue;
      }
      if (cr) out[length++] = CR; // a lone CR stays
      cr = byte === CR;
      if (!cr) out[length++] = byte;
    }
    this.pendingCr = cr;
    return out.subarray(0, length);
  }

  /** Counts a chunk as `convert` would (`bytesIn`, `crlfIn`) without producing output. */
  measure(chunk: Uint8Array): void {
    this.bytesIn += chunk.length;
    let cr = this.pendingCr;
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) {
      if (i === 0 ? cr : chunk[i - 1] === CR) this.crlfIn++;
    }
    if (chunk.length > 0) cr = chunk[chunk.length - 1] === CR;
    this.pendingCr = cr;
  }

  /** What is left at the end of the input: a held-back CR, or nothing. */
  end(): Buffer {
    if (!this.pendingCr) return Buffer.alloc(0);
    this.pendingCr = false;
    return Buffer.from([CR]);
  }
}

/** A local file's size with its CRLF pairs counted as LF: what a Unix server stores for it in ASCII mode. */
export async function lfSizeOfFile(path: string, signal?: AbortSignal): Promise<number> {
  const counter = new NewlineConverter('\n');
  for await (const chunk of createReadStream(path, { signal, highWaterMark: 256 * 1024 })) counter.measure(chunk as Buffer);
  return counter.lfSize;
}

/** Converts a whole buffer (tests, small files). */
export function convertNewlines(data: Uint8Array, eol: '\n' | '\r\n'): Buffer {
  const converter = new NewlineConverter(eol);
  return Buffer.concat([converter.convert(data), converter.end()]);
}
