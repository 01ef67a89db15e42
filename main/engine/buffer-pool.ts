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

/** A pool of `size`-byte buffers that keeps at most `maxFree` of them while they are not taken. */
export function bufferPool(size: number, maxFree = Number.POSITIVE_INFINITY): BufferPool {
  const free: Buffer[] = [];
  return {
    take: (length) => (length < size ? Buffer.allocUnsafe(length) : (free.pop() ?? Buffer.allocUnsafe(size))),
    give: (buffer) => {
      if (buffer.length === size && free.length < maxFree) free.push(buffer);
    },
  };
}
