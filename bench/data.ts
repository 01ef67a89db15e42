/**
 * The benchmark's data: one big random file and a tree of small random files,
 * made once in the shared server root (download sources) and in a local
 * folder (upload sources), plus the checks that make a fast-but-wrong run
 * count as a failure: exact sizes everywhere, sha256 of the big file.
 */
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { BenchConfig } from './config.js';

export const BIG_NAME = 'big.bin';
export const TREE_NAME = 'tree';

export interface TreeFile {
  /** Path relative to the tree's folder, with '/' separators. */
  readonly rel: string;
  readonly size: number;
}

export interface BenchData {
  readonly bigSize: number;
  readonly bigSha256: string;
  readonly tree: readonly TreeFile[];
  readonly treeFolders: readonly string[];
}

const CHUNK = 16 * 1024 * 1024;

async function writeRandomFile(path: string, size: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, size));
    for (let done = 0; done < size; ) {
      const n = Math.min(buffer.length, size - done);
      randomFillSync(buffer, 0, n);
      await handle.write(buffer, 0, n);
      done += n;
    }
  } finally {
    await handle.close();
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function folderName(i: number): string {
  return `d${String(i).padStart(2, '0')}`;
}

/** Writes the big file and the tree under `remoteRoot`, and copies both under `localRoot`. */
export async function makeData(config: BenchConfig, remoteRoot: string, localRoot: string): Promise<BenchData> {
  const bigSize = config.sizeMb * 1024 * 1024;
  await writeRandomFile(join(remoteRoot, BIG_NAME), bigSize);
  await copyFile(join(remoteRoot, BIG_NAME), join(localRoot, BIG_NAME));
  const bigSha256 = await sha256File(join(remoteRoot, BIG_NAME));

  const tree: TreeFile[] = [];
  const treeFolders: string[] = [];
  const content = Buffer.allocUnsafe(config.fileSize);
  for (let f = 0; f < config.folders; f++) {
    const folder = folderName(f);
    treeFolders.push(folder);
    for (const base of [remoteRoot, localRoot]) await mkdir(join(base, TREE_NAME, folder), { recursive: true });
    for (let i = 0; i < config.filesPerFolder; i++) {
      const rel = `${folder}/f${String(i).padStart(4, '0')}.dat`;
      randomFillSync(content);
      for (const base of [remoteRoot, localRoot]) await writeFile(join(base, TREE_NAME, rel), content);
      tree.push({ rel, size: config.fileSize });
    }
  }
  return { bigSize, bigSha256, tree, treeFolders };
}

/** Throws unless `path` is the big file (size always; sha256 when `hash`). */
export async function verifyBig(data: BenchData, path: string, hash: boolean): Promise<void> {
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) throw new Error(`missing: ${path}`);
  if (st.size !== data.bigSize) throw new Error(`wrong size: ${path} has ${st.size} bytes, expected ${data.bigSize}`);
  if (hash) {
    const digest = await sha256File(path);
    if (digest !== data.bigSha256) throw new Error(`wrong content: sha256 of ${path} is ${digest}, expected ${data.bigSha256}`);
  }
}

async function listFiles(dir: string, base = dir, out: string[] = []): Promise<string[]> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await listFiles(path, base, out);
    else out.push(relative(base, path).split('\\').join('/'));
  }
  return out;
}

/** Throws unless `dir` holds exactly the tree: every file with its size, nothing else (no leftover temp files). */
export async function verifyTree(data: BenchData, dir: string): Promise<void> {
  const found = await listFiles(dir).catch(() => null);
  if (!found) throw new Error(`missing: ${dir}`);
  const expected = new Map(data.tree.map((f) => [f.rel, f.size]));
  const extra = found.filter((rel) => !expected.has(rel));
  if (extra.length > 0) throw new Error(`${extra.length} unexpected files in ${dir}, e.g. ${extra.slice(0, 3).join(', ')}`);
  if (found.length !== expected.size) throw new Error(`${dir} holds ${found.length} of ${expected.size} files`);
  for (const [rel, size] of expected) {
    const st = await stat(join(dir, rel));
    if (st.size !== size) throw new Error(`wrong size: ${rel} has ${st.size} bytes, expected ${size}`);
  }
}
