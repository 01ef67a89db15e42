/**
 * The upload pump against stand-in sockets (Writables): it must reuse its
 * buffers only after the destination called back, keep at most a few in
 * flight, end the destination, and fail — not hang — when the destination
 * goes away.
 */
import { randomBytes } from 'node:crypto';
import { open, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tempDirPerTest } from '../testing/temp-dir-per-test.js';
import { sendFrom } from './data-pump.js';
import { CHUNK_BYTES, FileRangeSource } from './file-streams.js';

const dir = tempDirPerTest('ferry-data-pump-');

/**
 * A destination that holds every chunk until a later turn of the event loop
 * (like a socket whose kernel buffer is full) and checks, when it calls
 * back, that nobody wrote into the chunk meanwhile.
 */
function slowDestination(): { stream: Writable; received: Buffer[]; buffers: Set<ArrayBufferLike>; overwritten: () => number } {
  const received: Buffer[] = [];
  const buffers = new Set<ArrayBufferLike>();
  let overwritten = 0;
  const stream = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      const copy = Buffer.from(chunk);
      buffers.add(chunk.buffer);
      setImmediate(() => {
        if (!chunk.equals(copy)) overwritten++;
        received.push(copy);
        callback();
      });
    },
  });
  return { stream, received, buffers, overwritten: () => overwritten };
}

async function sourceOf(content: Buffer): Promise<{ source: FileRangeSource; close: () => Promise<void> }> {
  const path = join(dir(), 'src.bin');
  await writeFile(path, content);
  const handle = await open(path, 'r');
  return { source: new FileRangeSource(handle, 0, undefined, undefined, undefined, content.length), close: () => handle.close() };
}

describe('sendFrom', () => {
  it('sends the whole file through a few reused buffers, never one still being sent', async () => {
    const content = randomBytes(8 * CHUNK_BYTES + 12_345);
    const { source, close } = await sourceOf(content);
    const destination = slowDestination();
    try {
      await sendFrom(source)(destination.stream as unknown as Socket);
    } finally {
      await close();
    }
    expect(Buffer.concat(destination.received).equals(content)).toBe(true);
    expect(destination.overwritten()).toBe(0);
    expect(destination.stream.writableFinished).toBe(true);
    // Nine full chunks and a tail: without reuse, ten buffers.
    expect(destination.received.length).toBeGreaterThanOrEqual(9);
    expect(destination.buffers.size).toBeLessThanOrEqual(4);
  });

  it('fails instead of waiting forever when the destination is destroyed mid-file', async () => {
    const { source, close } = await sourceOf(randomBytes(6 * CHUNK_BYTES));
    let writes = 0;
    const stream = new Writable({
      highWaterMark: 16 * 1024,
      write(_chunk, _encoding, callback) {
        if (++writes === 2) {
          // Like a socket the server reset: no callback, gone.
          setImmediate(() => stream.destroy());
          return;
        }
        setImmediate(callback);
      },
    });
    try {
      await expect(sendFrom(source)(stream as unknown as Socket)).rejects.toMatchObject({ code: 'CONNECTION_LOST' });
    } finally {
      await close();
    }
  });

  it('fails with the reason of a throttle that rejects', async () => {
    const path = join(dir(), 'src.bin');
    await writeFile(path, randomBytes(3 * CHUNK_BYTES));
    const handle = await open(path, 'r');
    let calls = 0;
    const source = new FileRangeSource(handle, 0, undefined, async () => {
      if (++calls === 2) throw new Error('queue paused');
    });
    try {
      await expect(sendFrom(source)(slowDestination().stream as unknown as Socket)).rejects.toThrow('queue paused');
    } finally {
      await handle.close();
    }
  });
});
