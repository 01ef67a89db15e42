/**
 * Folders this queue created itself, on either side. Such a folder was empty
 * when made, so a file transferred into it cannot meet an existing file —
 * unless another job of this queue targets the same path. Knowing that saves
 * the "target exists?" check (a SIZE or stat round trip on the server, an
 * lstat on disk) for every file of a freshly copied tree.
 */
export class FreshFolders {
  private readonly created = new Set<string>();
  /** Paths in created folders, with the job that first targeted each. */
  private readonly claims = new Map<string, string>();

  /** Notes that this queue has just created `folder`. */
  add(folder: string): void {
    this.created.add(folder);
  }

  /**
   * True when `path` (in `folder`) is certainly free: the folder was created
   * by this queue and no job other than `jobId` has targeted `path` since.
   */
  claim(folder: string, path: string, jobId: string): boolean {
    if (!this.created.has(folder)) return false;
    const owner = this.claims.get(path);
    if (owner === undefined) this.claims.set(path, jobId);
    return owner === undefined || owner === jobId;
  }

  clear(): void {
    this.created.clear();
    this.claims.clear();
  }
}
