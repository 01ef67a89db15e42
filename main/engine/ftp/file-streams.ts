/**
 * Local file ends of a transfer, reading and writing at explicit offsets.
 *
 * Why not `fs.createReadStream`/`createWriteStream`: resume needs a download
 * to write from `offset` into an existing file without touching the bytes
 * before it (open 'r+', positional writes), and both directions must count
 * exactly what reached or left the disk for progress and for the "did we send
 * the whole file" check. None of these closes the FileHandle: the caller owns it.
 *
 * All await an optional `throttle` (the queue's shared speed limit,
 * `TransferOptions.throttle`) with each chunk's size before passing it on:
 * the source before returning what it read, the others before writing. A
 * throttle that rejects fails the read (source) or the write (appender), or
 * destroys the stream (writer), with its reason.
 *
 * An ASCII transfer passes a `NewlineConverter` (ascii-newlines.ts): the
 * source converts what it read before returning it (counts stay disk bytes),
 * the writer converts what it is given before writing it.
 */
import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import type { NewlineConverter } from './ascii-newlines.js';
import type { TransferProgress } from './transfer-progress.js';

/** Waits until `bytes` may be moved (see `TransferOptions.throttle`). */
export type Throttle = (bytes: number) => Promise<void>;

/**
 * Read size, and how much the writer buffers. Measured on loopback (1 GiB,
 * vsftpd): 256 KiB reads with one in flight and a 256 KiB write buffer made
 * the socket pause and resume every chunk, costing twice curl's CPU. 1 MiB
 * reads, and a 4 MiB write buffer flushed with one `writev` per batch, keep
 * the data socket flowing.
 */
export const CHUNK_BYTES = 1024 * 1024;
/** Reads once the file has grown past the size it had when opened. */
const GROWTH_CHUNK_BYTES = 64 * 1024;
const BUFFER_BYTES = 4 * CHUNK_BYTES;

/**
 * Reads `handle` from `start` to its end (as it is while read), one chunk per
 * `next`, into buffers the caller owns: an upload reuses a few buffers for a
 * whole file instead of allocating one per chunk (data-transfer.ts).
 */
export class FileRangeSource {
  /** Bytes read from disk so far. */
  bytesRead = 0;
  private position: number;
  private ended = false;
  private shortRead = false;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly progress?: TransferProgress,
    private readonly throttle?: Throttle,
    private readonly converter?: NewlineConverter,
    /** The file's size when opened: reads are sized to what is left (the file may still grow or shrink). */
    private readonly expectedSize = Number.POSITIVE_INFINITY,
  ) {
    this.position = start;
  }

  /**
   * The buffer size the next read wants: what is left plus one byte, so the
   * read that reaches the end also shows whether the file grew, and the next
   * one (one byte) sees EOF — a 4 KiB file costs 4 KiB of buffer, not a
   * megabyte. At most `CHUNK_BYTES`.
   */
  nextSize(): number {
    const left = this.expectedSize - this.position;
    return left >= 0 ? Math.min(CHUNK_BYTES, left + 1) : GROWTH_CHUNK_BYTES;
  }

  /**
   * The next chunk once the throttle allows it — a view of `buffer`, or for
   * an ASCII transfer a converted copy — or null at the end of the file.
   */
  async next(buffer: Buffer): Promise<Buffer | null> {
    for (;;) {
      if (this.ended) return null;
      const bytesRead = this.shortRead ? 0 : (await this.handle.read(buffer, 0, buffer.length, this.position)).bytesRead;
      // A regular file reads short only at its end (what it is at that moment): no need to read again to see it.
      if (bytesRead < buffer.length) this.shortRead = true;
      if (bytesRead === 0) {
        this.ended = true;
        const rest = this.converter?.end();
        return rest && rest.length > 0 ? rest : null;
      }
      await this.throttle?.(bytesRead);
      this.position += bytesRead;
      this.bytesRead += bytesRead;
      this.progress?.add(bytesRead);
      const data = buffer.subarray(0, bytesRead);
      if (!this.converter) return data;
      const converted = this.converter.convert(data);
      // A chunk that was only a held-back CR converts to nothing: read on (an empty chunk would end nothing).
      if (converted.length > 0) return converted;
    }
  }
}

/**
 * Positional writes into `handle` from `start` on, one after another: each
 * batch waits for the throttle, goes out in one `writev` (no copying; again
 * for what a short write left) and counts as progress once on disk.
 */
export class FileAppender {
  /** Bytes written to disk so far. */
  bytesWritten = 0;
  private position: number;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly progress?: TransferProgress,
    private readonly throttle?: Throttle,
  ) {
    this.position = start;
  }

  async write(buffers: Buffer[]): Promise<void> {
    let pending = buffers.filter((b) => b.length > 0);
    await this.throttle?.(pending.reduce((sum, b) => sum + b.length, 0));
    while (pending.length > 0) {
      const { bytesWritten } = await this.handle.writev(pending, this.position);
      this.position += bytesWritten;
      this.bytesWritten += bytesWritten;
      this.progress?.add(bytesWritten);
      pending = dropBytes(pending, bytesWritten);
    }
  }
}

/** Writes everything it is given into `handle`, starting at `start`. */
export class FileRangeWriter extends Writable {
  private readonly file: FileAppender;

  constructor(handle: FileHandle, start: number, progress?: TransferProgress, throttle?: Throttle, private readonly converter?: NewlineConverter) {
    super({ highWaterMark: BUFFER_BYTES });
    this.file = new FileAppender(handle, start, progress, throttle);
  }

  /** Bytes written to disk so far. */
  get bytesWritten(): number {
    return this.file.bytesWritten;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeAll([this.convert(chunk)]).then(() => callback(), callback);
  }

  /** Everything buffered while the previous write ran, in one positional `writev` (no copying). */
  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.writeAll(chunks.map((c) => this.convert(c.chunk))).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    const rest = this.converter?.end();
    if (!rest || rest.length === 0) return callback();
    this.writeAll([rest]).then(() => callback(), callback);
  }

  private convert(chunk: Buffer): Buffer {
    return this.converter ? this.converter.convert(chunk) : chunk;
  }

  private writeAll(buffers: Buffer[]): Promise<void> {
    return this.file.write(buffers);
  }
}

/** What is left of `buffers` after their first `count` bytes (a short `writev`). */
function dropBytes(buffers: Buffer[], count: number): Buffer[] {
  let left = count;
  let i = 0;
  while (i < buffers.length && left >= (buffers[i] as Buffer).length) left -= (buffers[i++] as Buffer).length;
  const rest = buffers.slice(i);
  if (left > 0 && rest.length > 0) rest[0] = (rest[0] as Buffer).subarray(left);
  return rest;
}
