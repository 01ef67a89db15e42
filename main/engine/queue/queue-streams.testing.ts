/**
 * Test support only: streaming hashes and large random files, so tests with
 * 100 MB files or thousands of files never hold a whole file in memory, and
 * a walk that lists a tree's files.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** sha256 of a file, read as a stream. */
export async function sha256Stream(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), hash);
  return hash.digest('hex');
}

/** Writes `size` random bytes to `path` in 1 MiB chunks; returns their sha256. Sets the time when given. */
export async function writeRandomFile(path: string, size: number, time?: number): Promise<string> {
  const hash = createHash('sha256');
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let done = 0; done < size; ) {
      const chunk = randomBytes(Math.min(1024 * 1024, size - done));
      hash.update(chunk);
      done += chunk.length;
      yield chunk;
    }
  }
  await pipeline(Readable.from(chunks()), createWriteStream(path));
  if (time !== undefined) await utimes(path, new Date(time), new Date(time));
  return hash.digest('hex');
}

/** Every entry under `root`, relative and `/`-separated, folders with a trailing `/`, sorted. */
export async function walkTree(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      out.push(entry.isDirectory() ? `${path}/` : path);
      if (entry.isDirectory()) await walk(join(dir, entry.name), path);
    }
  };
  await walk(root, '');
  return out.sort();
}
