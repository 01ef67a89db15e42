/**
 * Local file ends of a transfer, reading and writing at explicit offsets.
 *
 * Why not `fs.createReadStream`/`createWriteStream`: resume needs a download
 * to write from `offset` into an existing file without touching the bytes
 * before it (open 'r+', positional writes), and both directions must count
 * exactly what reached or left the disk for progress and for the "did we send
 * the whole file" check. Neither class closes the FileHandle: the caller owns it.
 *
 * Both await an optional `throttle` (the queue's shared speed limit,
 * `TransferOptions.throttle`) with each chunk's size before passing it on:
 * the reader before pushing what it read, the writer before writing. A
 * throttle that rejects destroys the stream with its reason.
 *
 * An ASCII transfer passes a `NewlineConverter` (ascii-newlines.ts): the
 * reader converts what it read before pushing it (counts stay disk bytes),
 * the writer converts what it is given before writing it.
 */
import type { FileHandle } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import type { NewlineConverter } from './ascii-newlines.js';
import type { TransferProgress } from './transfer-progress.js';

/** Waits until `bytes` may be moved (see `TransferOptions.throttle`). */
export type Throttle = (bytes: number) => Promise<void>;

const CHUNK_BYTES = 256 * 1024;

/** Reads `handle` from `start` to its end (as it is while read). */
export class FileRangeReader extends Readable {
  /** Bytes read from disk so far. */
  bytesRead = 0;
  private position: number;
  private ended = false;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly progress?: TransferProgress,
    private readonly throttle?: Throttle,
    private readonly converter?: NewlineConverter,
  ) {
    super({ highWaterMark: CHUNK_BYTES });
    this.position = start;
  }

  override _read(size: number): void {
    this.readChunk(Buffer.allocUnsafe(Math.max(size, CHUNK_BYTES))).then(
      (chunk) => {
        if (!this.destroyed) this.push(chunk);
      },
      (error: Error) => this.destroy(error),
    );
  }

  /** The next chunk once the throttle allows it, or null at the end of the file. */
  private async readChunk(buffer: Buffer): Promise<Buffer | null> {
    for (;;) {
      if (this.ended) return null;
      const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, this.position);
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
      // A chunk that was only a held-back CR converts to nothing: read on (an empty push would stall the stream).
      if (converted.length > 0) return converted;
    }
  }
}

/** Writes everything it is given into `handle`, starting at `start`. */
export class FileRangeWriter extends Writable {
  /** Bytes written to disk so far. */
  bytesWritten = 0;
  private position: number;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly progress?: TransferProgress,
    private readonly throttle?: Throttle,
    private readonly converter?: NewlineConverter,
  ) {
    super({ highWaterMark: CHUNK_BYTES });
    this.position = start;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeAll(this.convert(chunk)).then(() => callback(), callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.writeAll(this.convert(Buffer.concat(chunks.map((c) => c.chunk)))).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    const rest = this.converter?.end();
    if (!rest || rest.length === 0) return callback();
    this.writeAll(rest).then(() => callback(), callback);
  }

  private convert(chunk: Buffer): Buffer {
    return this.converter ? this.converter.convert(chunk) : chunk;
  }

  private async writeAll(data: Buffer): Promise<void> {
    await this.throttle?.(data.length);
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await this.handle.write(data, offset, data.length - offset, this.position);
      offset += bytesWritten;
      this.position += bytesWritten;
      this.bytesWritten += bytesWritten;
      this.progress?.add(bytesWritten);
    }
  }
}
