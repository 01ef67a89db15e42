/**
 * Local file ends of a transfer, reading and writing at explicit offsets.
 *
 * Why not `fs.createReadStream`/`createWriteStream`: resume needs a download
 * to write from `offset` into an existing file without touching the bytes
 * before it (open 'r+', positional writes), and both directions must count
 * exactly what reached or left the disk for progress and for the "did we send
 * the whole file" check. Neither class closes the FileHandle: the caller owns it.
 */
import type { FileHandle } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import type { TransferProgress } from './transfer-progress.js';

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
  ) {
    super({ highWaterMark: CHUNK_BYTES });
    this.position = start;
  }

  override _read(size: number): void {
    const buffer = Buffer.allocUnsafe(Math.max(size, CHUNK_BYTES));
    this.handle.read(buffer, 0, buffer.length, this.position).then(
      ({ bytesRead }) => {
        if (bytesRead === 0) {
          this.push(null);
          return;
        }
        this.position += bytesRead;
        this.bytesRead += bytesRead;
        this.progress?.add(bytesRead);
        this.push(buffer.subarray(0, bytesRead));
      },
      (error: Error) => this.destroy(error),
    );
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
