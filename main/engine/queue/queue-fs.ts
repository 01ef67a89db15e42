/**
 * What the queue needs from a connection: the adapters' file operations
 * (`FileOpsFs` in remote-fs.ts), which `FtpFs`, `SftpFs` and `LocalFs`
 * implement. `remoteOps` turns them into what a transfer wants: "make sure
 * this folder exists", "replace the target", "the strongest checksum".
 */
import type { ChecksumAlgorithm } from '../../../shared/model/transfer.js';
import type { FileOpsFs } from '../remote-fs.js';
import type { RemoteChecksum } from './verify.js';

/** A connection the queue can run jobs on. */
export type QueueFs = FileOpsFs;

/** Strongest first: the one the queue asks for when several are offered. */
export const CHECKSUM_PREFERENCE: readonly ChecksumAlgorithm[] = ['sha256', 'sha1', 'md5', 'crc32'];

/** What a transfer does on the server, for one connection. */
export interface RemoteOps {
  /** Makes sure `path` is a folder: true when it was created now, false when it was already there. */
  readonly ensureDir: (path: string) => Promise<boolean>;
  /** Renames `from` to `to`, replacing a file at `to` (the user chose to overwrite it). */
  readonly replace: (from: string, to: string) => Promise<void>;
  readonly removeFile: (path: string) => Promise<void>;
  /** False when the server cannot set times. */
  readonly setModifiedTime: (path: string, mtimeMs: number) => Promise<boolean>;
  /** A file's exact time (MDTM, SFTP stat), or null when unknown. */
  readonly modifiedTime: (path: string) => Promise<number | null>;
  /** The strongest checksum the server offers (see `CHECKSUM_PREFERENCE`), or null when it offers none. */
  readonly checksum: (path: string) => Promise<RemoteChecksum | null>;
}

const cache = new WeakMap<QueueFs, RemoteOps>();

/** The operations on `fs` (resolved once per connection object). */
export function remoteOps(fs: QueueFs): RemoteOps {
  let ops = cache.get(fs);
  if (!ops) {
    ops = resolveOps(fs);
    cache.set(fs, ops);
  }
  return ops;
}

function resolveOps(fs: QueueFs): RemoteOps {
  return {
    ensureDir: async (path) => {
      try {
        await fs.mkdir(path);
        return true;
      } catch (error) {
        // "Already there" is what we want — if it is a folder (a file there is an error).
        const entry = await fs.stat(path).catch(() => null);
        if (entry?.type === 'dir') return false;
        throw error;
      }
    },
    replace: (from, to) => fs.rename(from, to, { replace: true }),
    removeFile: (path) => fs.removeFile(path),
    setModifiedTime: (path, ms) => fs.setModifiedTime(path, ms),
    modifiedTime: (path) => fs.modifiedTime(path),
    checksum: (path) => fs.checksum(path, CHECKSUM_PREFERENCE),
  };
}
