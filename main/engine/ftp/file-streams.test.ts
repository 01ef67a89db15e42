import { randomBytes } from 'node:crypto';
import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { tempDirPerTest } from '../testing/temp-dir-per-test.js';
import { FileRangeSource, FileRangeWriter } from './file-streams.js';
import { TransferProgress } from './transfer-progress.js';

/** The chunks `source` reads, each into a buffer of the size it asks for. */
async function readChunks(source: FileRangeSource): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for (let chunk = await source.next(Buffer.alloc(source.nextSize())); chunk; chunk = await source.next(Buffer.alloc(source.nextSize()))) {
    chunks.push(chunk);
  }
  return chunks;
}

const readAll = async (source: FileRangeSource): Promise<Buffer> => Buffer.concat(await readChunks(source));

const dir = tempDirPerTest('ferry-file-streams-');

describe('FileRangeSource', () => {
  it('reads from an offset to the end and counts the bytes', async () => {
    const content = randomBytes(700_000);
    const path = join(dir(), 'src.bin');
    await writeFile(path, content);
    const handle = await open(path, 'r');
    try {
      const progress = new TransferProgress();
      const source = new FileRangeSource(handle, 123_456, progress);
      expect((await readAll(source)).equals(content.subarray(123_456))).toBe(true);
      expect(source.bytesRead).toBe(700_000 - 123_456);
      expect(progress.bytes).toBe(source.bytesRead);
    } finally {
      await handle.close();
    }
  });
});

describe('FileRangeSource with the size measured at open', () => {
  it.each([0, 1, 4096, 1_500_000])('reads a %i-byte file whole, and one that grew since to its new end', async (size) => {
    const content = randomBytes(size + 70_000);
    const path = join(dir(), 'grown.bin');
    await writeFile(path, content);
    const handle = await open(path, 'r');
    try {
      for (const expected of [size + 70_000, size]) {
        const source = new FileRangeSource(handle, 0, undefined, undefined, undefined, expected);
        expect((await readAll(source)).equals(content)).toBe(true);
      }
    } finally {
      await handle.close();
    }
  });
});

describe('FileRangeWriter', () => {
  it('writes from an offset and keeps the bytes before it', async () => {
    const content = randomBytes(600_000);
    const path = join(dir(), 'dst.bin');
    await writeFile(path, content.subarray(0, 250_000));
    const handle = await open(path, 'r+');
    try {
      const writer = new FileRangeWriter(handle, 250_000);
      await pipeline(Readable.from([content.subarray(250_000, 400_000), content.subarray(400_000)]), writer);
      expect(writer.bytesWritten).toBe(350_000);
    } finally {
      await handle.close();
    }
    expect((await readFile(path)).equals(content)).toBe(true);
  });
});

describe('throttle (the speed limit)', () => {
  it('is awaited with every chunk read and written, adding up to the bytes moved', async () => {
    const content = randomBytes(2_500_000);
    const src = join(dir(), 'src.bin');
    await writeFile(src, content);
    await writeFile(join(dir(), 'dst.bin'), '');
    const input = await open(src, 'r');
    const output = await open(join(dir(), 'dst.bin'), 'r+');
    const read: number[] = [];
    const written: number[] = [];
    try {
      const source = new FileRangeSource(input, 0, undefined, async (bytes: number) => void read.push(bytes));
      const writer = new FileRangeWriter(output, 0, undefined, async (bytes) => void written.push(bytes));
      await pipeline(Readable.from(await readChunks(source)), writer);
    } finally {
      await input.close();
      await output.close();
    }
    expect(read.reduce((a, b) => a + b, 0)).toBe(2_500_000);
    expect(written.reduce((a, b) => a + b, 0)).toBe(2_500_000);
    expect(read.length).toBeGreaterThan(1);
    expect((await readFile(join(dir(), 'dst.bin'))).equals(content)).toBe(true);
  });

  it('fails the read when it rejects', async () => {
    const path = join(dir(), 'src.bin');
    await writeFile(path, randomBytes(10_000));
    const handle = await open(path, 'r');
    try {
      const source = new FileRangeSource(handle, 0, undefined, async () => Promise.reject(new Error('limit aborted')));
      await expect(readAll(source)).rejects.toThrow('limit aborted');
    } finally {
      await handle.close();
    }
  });
});
