/**
 * The local disk behind the same interfaces as the servers (`FileOpsFs`), so
 * the left pane is just another session and the transfer queue and file
 * operations treat both sides alike: "download" and "upload" are local copies
 * with resume offsets (local-copy.ts), the file operations are in
 * local-ops.ts. Symlinks are reported as links with their target; a link
 * whose target is gone is still listed.
 */
import { readdir, realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { FerryError } from '../../../shared/errors.js';
import type { Entry, Listing } from '../../../shared/model/entry.js';
import type { PathStyle } from '../../../shared/model/session.js';
import type { ChecksumAlgorithm } from '../../../shared/model/transfer.js';
import { toFerryError } from '../../ipc/to-ferry-error.js';
import type { FileChecksum, FileOpsFs, RenameOptions, TransferOptions, TransferResult } from '../remote-fs.js';
import { assertSafeTarget } from '../safe-name.js';
import { copyLocalFile } from './local-copy.js';
import {
  describeEntry,
  localChecksum,
  localChmod,
  localCreateEmptyFile,
  localMkdir,
  localModifiedTime,
  localRemoveDir,
  localRemoveFile,
  localRename,
  localSetModifiedTime,
  localSize,
  localStat,
} from './local-ops.js';
import { mapLimited } from '../map-limited.js';

/** lstat calls in flight at once: enough to hide latency, few enough not to exhaust file handles. */
const STAT_CONCURRENCY = 64;

export class LocalFs implements FileOpsFs {
  readonly pathStyle: PathStyle = sep === '\\' ? 'win32' : 'posix';

  private get windows(): boolean {
    return this.pathStyle === 'win32';
  }

  async list(path: string): Promise<Listing> {
    const dir = resolve(path);
    try {
      const canonical = await realpath(dir);
      const names = await readdir(canonical);
      const entries = await mapLimited(names, STAT_CONCURRENCY, (name) => describeEntry(canonical, name, this.windows));
      return { path: dir, entries: entries.filter((entry): entry is Entry => entry !== null), skipped: 0 };
    } catch (error) {
      const mapped = toFerryError(error);
      const reason: Partial<Record<string, string>> = {
        NOT_FOUND: 'no such folder',
        NOT_A_DIRECTORY: 'it is a file, not a folder',
        PERMISSION_DENIED: 'permission denied',
      };
      throw new FerryError(mapped.code, `Cannot open ${dir}: ${reason[mapped.code] ?? mapped.message}`, { cause: error });
    }
  }

  size(path: string): Promise<number | null> {
    return localSize(resolve(path));
  }

  /** A local copy from `from` (the "remote" side) to `localPath`, resumable like a real download. */
  download(from: string, localPath: string, options?: TransferOptions): Promise<TransferResult> {
    return copyLocalFile(resolve(from), resolve(localPath), options);
  }

  /** A local copy from `localPath` to `to`, resumable like a real upload. */
  upload(localPath: string, to: string, options?: TransferOptions): Promise<TransferResult> {
    return copyLocalFile(resolve(localPath), resolve(to), options);
  }

  stat(path: string): Promise<Entry | null> {
    return localStat(resolve(path), this.windows);
  }

  async mkdir(path: string): Promise<void> {
    assertSafeTarget(path, this.pathStyle);
    await localMkdir(resolve(path));
  }

  async rename(from: string, to: string, options: RenameOptions = {}): Promise<void> {
    assertSafeTarget(to, this.pathStyle);
    await localRename(resolve(from), resolve(to), options.replace === true);
  }

  modifiedTime(path: string): Promise<number | null> {
    return localModifiedTime(resolve(path));
  }

  removeFile(path: string): Promise<void> {
    return localRemoveFile(resolve(path));
  }

  removeDir(path: string): Promise<void> {
    return localRemoveDir(resolve(path));
  }

  chmod(path: string, mode: number): Promise<void> {
    return localChmod(resolve(path), mode);
  }

  setModifiedTime(path: string, mtimeMs: number): Promise<boolean> {
    return localSetModifiedTime(resolve(path), mtimeMs);
  }

  checksum(path: string, algorithms: readonly ChecksumAlgorithm[]): Promise<FileChecksum | null> {
    return localChecksum(resolve(path), algorithms);
  }

  async createEmptyFile(path: string): Promise<void> {
    assertSafeTarget(path, this.pathStyle);
    await localCreateEmptyFile(resolve(path));
  }

  async close(): Promise<void> {}
}
