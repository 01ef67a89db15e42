/**
 * Recursive delete and recursive chmod, built from the one-step primitives of
 * `FileOpsFs`. One failing item is reported (path and reason) and the walk
 * goes on; a folder whose contents could not all be deleted is not reported
 * again (its failure is the child's). Links are never followed.
 */
import type { Entry } from '../../shared/model/entry.js';
import { joinPath } from '../../shared/path.js';
import type { FileOpsFs } from '../engine/remote-fs.js';
import { toFerryError } from '../ipc/to-ferry-error.js';
import { isUsableChildName } from './child-name.js';
import type { OperationReporter } from './operation-progress.js';

export type ChmodScope = 'none' | 'all' | 'files' | 'folders';

const reasonOf = (error: unknown): string => toFerryError(error).message;

/** The entry at `path` or a failure recorded on the reporter (null). */
async function statOrFail(fs: FileOpsFs, path: string, report: OperationReporter): Promise<Entry | null> {
  try {
    const entry = await fs.stat(path);
    if (!entry) report.fail(path, 'It no longer exists.');
    return entry;
  } catch (error) {
    report.fail(path, reasonOf(error));
    return null;
  }
}

/** The usable children of a folder; unusable server names are reported, never joined. */
async function children(fs: FileOpsFs, dir: string, report: OperationReporter, signal: AbortSignal): Promise<Entry[] | null> {
  try {
    const listing = await fs.list(dir, signal);
    const usable: Entry[] = [];
    for (const entry of listing.entries) {
      if (entry.name === '.' || entry.name === '..') continue;
      if (isUsableChildName(entry.name)) usable.push(entry);
      else report.fail(`${dir} → ${JSON.stringify(entry.name)}`, 'The server listed a name that is not a plain file name; it was left alone.');
    }
    return usable;
  } catch (error) {
    if (signal.aborted) return null;
    report.fail(dir, reasonOf(error));
    return null;
  }
}

/** Deletes `paths` (folders with everything in them). Resolves when done or cancelled. */
export async function deleteRecursive(fs: FileOpsFs, paths: readonly string[], report: OperationReporter, signal: AbortSignal): Promise<void> {
  /** Deletes one item; true when it is gone. */
  const remove = async (path: string, type: Entry['type']): Promise<boolean> => {
    if (signal.aborted) return false;
    if (type === 'dir') {
      const list = await children(fs, path, report, signal);
      if (list === null) return false;
      let all = true;
      for (const child of list) {
        if (!(await remove(joinPath(fs.pathStyle, path, child.name), child.type))) all = false;
        if (signal.aborted) return false;
      }
      if (!all) return false; // the failing child was reported; the folder stays quietly
    }
    try {
      if (type === 'dir') await fs.removeDir(path);
      else await fs.removeFile(path);
      report.step(path);
      return true;
    } catch (error) {
      report.fail(path, reasonOf(error));
      return false;
    }
  };
  for (const path of paths) {
    if (signal.aborted) return;
    const entry = await statOrFail(fs, path, report);
    if (entry) await remove(path, entry.type);
  }
}

/** Sets `mode` on `paths` and, by `scope`, on everything below them ('files': files only; 'folders': folders only). */
export async function chmodRecursive(fs: FileOpsFs, paths: readonly string[], mode: number, scope: ChmodScope, report: OperationReporter, signal: AbortSignal): Promise<void> {
  const applies = (type: Entry['type']): boolean =>
    type !== 'link' && (scope === 'none' || scope === 'all' || (scope === 'files' ? type !== 'dir' : type === 'dir'));
  const visit = async (path: string, type: Entry['type'], top: boolean): Promise<void> => {
    if (signal.aborted) return;
    if (applies(type) || (top && scope === 'none')) {
      try {
        await fs.chmod(path, mode);
        report.step(path);
      } catch (error) {
        report.fail(path, reasonOf(error));
        if (toFerryError(error).code === 'UNSUPPORTED') throw error;
      }
    }
    if (type !== 'dir' || scope === 'none') return;
    const list = await children(fs, path, report, signal);
    for (const child of list ?? []) {
      if (signal.aborted) return;
      await visit(joinPath(fs.pathStyle, path, child.name), child.type, false);
    }
  };
  for (const path of paths) {
    if (signal.aborted) return;
    const entry = await statOrFail(fs, path, report);
    if (entry) await visit(path, entry.type, true);
  }
}
