/**
 * Reusable transfer buffers of one size. Allocating a fresh megabyte per
 * chunk made garbage collection a third of the client's CPU on a 1 GiB
 * upload: V8 collects on external-memory growth, so every few dozen chunks
 * cost a full collection. A request smaller than a full buffer (a small
 * file, the tail of a big one) gets a buffer of its own size instead, never
 * pooled: a tree of 4 KiB files would otherwise hold a full buffer per file.
 */
export interface BufferPool {
  /** A buffer of exactly `length` bytes (`length` ≤ the pool's size), pooled when it is the full size. */
  take(length: number): Buffer;
  /** Returns a buffer from `take` for reuse; the caller must be done with it. Others are ignored. */
  give(buffer: Buffer): void;
}

export function bufferPool(size: number): BufferPool {
  const free: Buffer[] = [];
  return {
    take: (length) => (length < size ? Buffer.allocUnsafe(length) : (free.pop() ?? Buffer.allocUnsafe(size))),
    give: (buffer) => {
      if (buffer.length === size) free.push(buffer);
    },
  };
}
