/**
 * Remote folders known to exist, per site. Jobs run in parallel, so a file
 * may start before the folder job that creates its parent finished: every
 * upload first makes sure its parent exists, sharing one MKD per folder
 * among all the jobs that need it, and creating missing ancestors when the
 * server says the parent is missing.
 *
 * The folders an MKD created are remembered (fresh-folders.ts): `claimNew`
 * lets an upload into one skip the "target exists?" request.
 */
import type { QueueFs } from './queue-fs.js';
import { remoteOps } from './queue-fs.js';
import { FreshFolders } from './fresh-folders.js';
import { remoteDirname } from './paths.js';
import { classifyFailure } from './retry-policy.js';

export class RemoteDirs {
  private readonly known = new Set<string>(['/', '.', '']);
  private readonly pending = new Map<string, Promise<void>>();
  private readonly fresh = new FreshFolders();

  /** Forgets what is known (the user may have changed the server since). */
  clear(): void {
    this.known.clear();
    for (const root of ['/', '.', '']) this.known.add(root);
    this.fresh.clear();
  }

  /**
   * True when `path` is certainly free on the server: its folder was created
   * by this queue and no job other than `jobId` has targeted `path` since.
   */
  claimNew(path: string, jobId: string): boolean {
    return this.fresh.claim(remoteDirname(path), path, jobId);
  }

  /** Makes sure `path` is a folder on the server. */
  async ensure(fs: QueueFs, path: string, depth = 0): Promise<void> {
    if (this.known.has(path)) return;
    const mkdir = remoteOps(fs).ensureDir;
    const inflight = this.pending.get(path);
    if (inflight) {
      // Another job creates it; if that one was cancelled or failed, try ourselves.
      await inflight.catch(() => undefined);
      if (this.known.has(path)) return;
    }
    const attempt = this.create(fs, mkdir, path, depth);
    this.pending.set(path, attempt);
    try {
      await attempt;
      this.known.add(path);
    } finally {
      if (this.pending.get(path) === attempt) this.pending.delete(path);
    }
  }

  private async create(fs: QueueFs, mkdir: (path: string) => Promise<boolean>, path: string, depth: number): Promise<void> {
    let created: boolean;
    try {
      created = await mkdir(path);
    } catch (error) {
      const parent = remoteDirname(path);
      if (parent === path || depth > 64 || classifyFailure(error) !== 'permanent') throw error;
      await this.ensure(fs, parent, depth + 1);
      created = await mkdir(path);
    }
    if (created) this.fresh.add(path);
  }
}
