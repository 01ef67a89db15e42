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
 */
import type { FileHandle } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import type { TransferProgress } from './transfer-progress.js';

/** Waits until `bytes` may be moved (see `TransferOptions.throttle`). */
export type Throttle = (bytes: number) => Promise<void>;

const CHUNK_BYTES = 256 * 1024;

/** Reads `handle` from `start` to its end (as it is while read). */
export class FileRangeReader extends Readable {
  /** Bytes read from disk so far. */
  bytesRead = 0;
  private position: number;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly progress?: TransferProgress,
    private readonly throttle?: Throttle,
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
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, this.position);
    if (bytesRead === 0) return null;
    await this.throttle?.(bytesRead);
    this.position += bytesRead;
    this.bytesRead += bytesRead;
    this.progress?.add(bytesRead);
    return buffer.subarray(0, bytesRead);
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
  ) {
    super({ highWaterMark: CHUNK_BYTES });
    this.position = start;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeAll(chunk).then(() => callback(), callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.writeAll(Buffer.concat(chunks.map((c) => c.chunk))).then(() => callback(), callback);
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
