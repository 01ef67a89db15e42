/**
 * Test support only: local trees with known content and times, hashes, and
 * a queue wired to a fake or real server with quick backoff and saves.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueueSettings, TransferJob } from '../../../shared/model/transfer.js';
import type { OpenConnection } from './connection-pool.js';
import { TransferQueue, type QueueEvent, type TransferQueueOptions } from './transfer-queue.js';

/** A fixed, whole-second time so every server can keep it (MFMT has second precision). */
export const TREE_TIME = Date.UTC(2021, 4, 6, 7, 8, 9);

export interface TreeFile {
  /** Path relative to the tree root, `/`-separated. */
  readonly rel: string;
  readonly sha256: string;
  readonly size: number;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function sha256File(path: string): Promise<string> {
  return sha256(await readFile(path));
}

export async function tempDir(prefix: string, base = tmpdir()): Promise<string> {
  return mkdtemp(join(base, prefix));
}

/**
 * Writes `folders` folders of `perFolder` random files under `root`, sizes
 * cycling through `sizes`, one empty folder, and sets every file's time to
 * `TREE_TIME` (plus the file's index in seconds, so times differ).
 */
export async function makeTree(root: string, folders: number, perFolder: number, sizes: readonly number[]): Promise<TreeFile[]> {
  const files: TreeFile[] = [];
  await mkdir(join(root, 'empty folder'), { recursive: true });
  let n = 0;
  for (let f = 0; f < folders; f++) {
    const dir = `dir ${String(f).padStart(2, '0')}`;
    await mkdir(join(root, dir), { recursive: true });
    await Promise.all(
      Array.from({ length: perFolder }, async (_, i) => {
        const index = n + i;
        const size = sizes[index % sizes.length] ?? 0;
        const data = randomBytes(size);
        const rel = `${dir}/file-${String(i).padStart(3, '0')}.bin`;
        await writeFile(join(root, rel), data);
        const time = new Date(TREE_TIME + index * 1000);
        await utimes(join(root, rel), time, time);
        files.push({ rel, sha256: sha256(data), size });
      }),
    );
    n += perFolder;
  }
  return files.sort((a, b) => a.rel.localeCompare(b.rel));
}

/** The time `makeTree` gave file number `index` (files are numbered in creation order). */
export function treeTime(rel: string, perFolder: number): number {
  const m = /^dir (\d+)\/file-(\d+)\.bin$/.exec(rel);
  if (!m) throw new Error(`not a tree file: ${rel}`);
  return TREE_TIME + (Number(m[1]) * perFolder + Number(m[2])) * 1000;
}

export interface TestQueue {
  readonly queue: TransferQueue;
  readonly events: QueueEvent[];
  readonly dataDir: string;
}

/** A queue on `dataDir` (a fresh one by default) with fast retries and saves. */
export async function openTestQueue(open: OpenConnection, settings: Partial<QueueSettings> = {}, extra: Partial<TransferQueueOptions> = {}): Promise<TestQueue> {
  const dataDir = extra.dataDir ?? (await tempDir('ferry-queue-data-'));
  const queue = await TransferQueue.create({
    dataDir,
    open,
    settings: { defaultConflictAction: 'overwrite', ...settings },
    backoff: { baseMs: 20, maxMs: 200, factor: 2 },
    saveIntervalMs: 50,
    batchIntervalMs: 50,
    ...extra,
  });
  const events: QueueEvent[] = [];
  queue.subscribe((event) => events.push(event));
  return { queue, events, dataDir };
}

/** Jobs not done, with their states, for a readable assertion message. */
export function unfinished(jobs: readonly TransferJob[]): string[] {
  return jobs.filter((job) => job.state.status !== 'done').map((job) => `${job.remotePath}: ${JSON.stringify(job.state)}`);
}
