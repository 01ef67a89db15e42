/**
 * Local folders made or found by downloads: each folder is created once per
 * busy period (not once per file — every `mkdir` is a trip through libuv's
 * thread pool), and the ones this queue created are remembered
 * (fresh-folders.ts) so a download into one skips the "target exists?" lstat.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FreshFolders } from './fresh-folders.js';

export class LocalDirs {
  private readonly known = new Map<string, Promise<void>>();
  private readonly fresh = new FreshFolders();

  /**
   * Makes sure `folder` exists (with its parents). `recheck` asks the disk
   * again (a retry: the user may have deleted the folder meanwhile).
   */
  ensure(folder: string, recheck = false): Promise<void> {
    if (recheck) this.known.delete(folder);
    let made = this.known.get(folder);
    if (!made) {
      made = mkdir(folder, { recursive: true }).then((first) => {
        // `first` is the outermost folder created; everything from there down to `folder` is new.
        if (first === undefined) return;
        for (let f = folder; ; f = dirname(f)) {
          this.fresh.add(f);
          if (f === first || dirname(f) === f) break;
        }
      });
      // A failure is not remembered: the next job tries again.
      made.catch(() => this.known.delete(folder));
      this.known.set(folder, made);
    }
    return made;
  }

  /** True when `path` certainly does not exist (see `FreshFolders.claim`). */
  claimNew(path: string, jobId: string): boolean {
    return this.fresh.claim(dirname(path), path, jobId);
  }

  /** Forgets everything (the user may have changed the disk since). */
  clear(): void {
    this.known.clear();
    this.fresh.clear();
  }
}
