import { randomBytes } from 'node:crypto';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-dir.js';
import { FileRangeReader, FileRangeWriter } from './file-streams.js';
import { TransferProgress } from './transfer-progress.js';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('ferry-file-streams-');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileRangeReader', () => {
  it('reads from an offset to the end and counts the bytes', async () => {
    const content = randomBytes(700_000);
    const path = join(dir, 'src.bin');
    await writeFile(path, content);
    const handle = await open(path, 'r');
    try {
      const progress = new TransferProgress();
      const reader = new FileRangeReader(handle, 123_456, progress);
      const chunks: Buffer[] = [];
      await pipeline(reader, new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) }));
      expect(Buffer.concat(chunks).equals(content.subarray(123_456))).toBe(true);
      expect(reader.bytesRead).toBe(700_000 - 123_456);
      expect(progress.bytes).toBe(reader.bytesRead);
    } finally {
      await handle.close();
    }
  });
});

describe('FileRangeReader with the size measured at open', () => {
  it.each([0, 1, 4096, 1_500_000])('reads a %i-byte file whole, and one that grew since to its new end', async (size) => {
    const content = randomBytes(size + 70_000);
    const path = join(dir, 'grown.bin');
    await writeFile(path, content);
    const handle = await open(path, 'r');
    try {
      for (const expected of [size + 70_000, size]) {
        const reader = new FileRangeReader(handle, 0, undefined, undefined, undefined, expected);
        const chunks: Buffer[] = [];
        await pipeline(reader, new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) }));
        expect(Buffer.concat(chunks).equals(content)).toBe(true);
      }
    } finally {
      await handle.close();
    }
  });
});

describe('FileRangeWriter', () => {
  it('writes from an offset and keeps the bytes before it', async () => {
    const content = randomBytes(600_000);
    const path = join(dir, 'dst.bin');
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
    const src = join(dir, 'src.bin');
    await writeFile(src, content);
    await writeFile(join(dir, 'dst.bin'), '');
    const input = await open(src, 'r');
    const output = await open(join(dir, 'dst.bin'), 'r+');
    const read: number[] = [];
    const written: number[] = [];
    try {
      const reader = new FileRangeReader(input, 0, undefined, async (bytes) => void read.push(bytes));
      const writer = new FileRangeWriter(output, 0, undefined, async (bytes) => void written.push(bytes));
      await pipeline(reader, writer);
    } finally {
      await input.close();
      await output.close();
    }
    expect(read.reduce((a, b) => a + b, 0)).toBe(2_500_000);
    expect(written.reduce((a, b) => a + b, 0)).toBe(2_500_000);
    expect(read.length).toBeGreaterThan(1);
    expect((await readFile(join(dir, 'dst.bin'))).equals(content)).toBe(true);
  });

  it('stops the stream when it rejects', async () => {
    const path = join(dir, 'src.bin');
    await writeFile(path, randomBytes(10_000));
    const handle = await open(path, 'r');
    try {
      const reader = new FileRangeReader(handle, 0, undefined, async () => Promise.reject(new Error('limit aborted')));
      await expect(pipeline(reader, new Writable({ write: (_c, _e, cb) => cb() }))).rejects.toThrow('limit aborted');
    } finally {
      await handle.close();
    }
  });
});
