/**
 * What the queue needs from a connection beyond `TransferFs`, as optional
 * capabilities with the signatures and meanings of the adapters' file
 * operations (`FileOpsFs` in remote-fs.ts: `mkdir` and `rename` refuse with
 * ALREADY_EXISTS, `setModifiedTime` answers false when the server cannot,
 * `checksum` answers null), so `FtpFs` and `SftpFs` are `QueueFs`es as they
 * are. `remoteOps` turns them into what a transfer wants: "make sure this
 * folder exists", "replace the target", and so on.
 *
 * Missing capabilities degrade, never fail: no `rename` → uploads go
 * straight to the final name; no `mkdir` → folders must exist; no
 * `setModifiedTime` → times are not kept (noted once). An FTP connection
 * without the methods but with a `sendCommand` hook gets them spoken as raw
 * commands (ftp-commands.ts, ftp-checksum.ts).
 */
import { FerryError } from '../../../shared/errors.js';
import type { Entry } from '../../../shared/model/entry.js';
import type { ChecksumAlgorithm } from '../../../shared/model/transfer.js';
import { CHECKSUM_PREFERENCE, ftpChecksumOf, ftpChecksumSupport, type FtpChecksumSupport } from './ftp-checksum.js';
import { ftpEnsureDir, ftpModifiedTime, ftpRemove, ftpReplace, ftpSetModifiedTime, type SendCommand } from './ftp-commands.js';
import type { RemoteChecksum, VerifiableFs } from './verify.js';

export interface QueueFs extends VerifiableFs {
  /** FTP: one raw command (the path in the session charset); resolves with any reply. See ftp-commands.ts. */
  sendCommand?: SendCommand;
  /** The entry at a path, or null when nothing is there. */
  stat?(path: string): Promise<Entry | null>;
  /** Creates one folder; ALREADY_EXISTS when something is there. */
  mkdir?(path: string): Promise<void>;
  /** Renames; ALREADY_EXISTS when the target exists. */
  rename?(from: string, to: string): Promise<void>;
  /** Deletes a file. */
  removeFile?(path: string): Promise<void>;
  /** Sets a file's modification time; false when the server cannot. */
  setModifiedTime?(path: string, mtimeMs: number): Promise<boolean>;
  /**
   * A file's exact modification time with one cheap request (FTP MDTM, SFTP
   * stat), or null when unknown. Not `stat`: FTP's lists the whole parent
   * folder, too dear per file in a queue of thousands.
   */
  modifiedTime?(path: string): Promise<number | null>;
}

/** What a transfer does on the server, resolved for one connection; null = not available. */
export interface RemoteOps {
  /** Makes sure `path` is a folder (creates it, or finds it already there). */
  readonly ensureDir: ((path: string) => Promise<void>) | null;
  /** Renames `from` to `to`, replacing a file at `to`. */
  readonly replace: ((from: string, to: string) => Promise<void>) | null;
  readonly removeFile: ((path: string) => Promise<void>) | null;
  /** False when the server cannot set times. */
  readonly setModifiedTime: ((path: string, mtimeMs: number) => Promise<boolean>) | null;
  /** A file's exact time (MDTM, SFTP stat), or null when unknown. */
  readonly modifiedTime: ((path: string) => Promise<number | null>) | null;
  readonly checksum: ((path: string) => Promise<RemoteChecksum | null>) | null;
}

const cache = new WeakMap<QueueFs, RemoteOps>();

/** The operations available on `fs` (resolved once per connection object). */
export function remoteOps(fs: QueueFs): RemoteOps {
  let ops = cache.get(fs);
  if (!ops) {
    ops = resolveOps(fs);
    cache.set(fs, ops);
  }
  return ops;
}

const isCode = (error: unknown, code: FerryError['code']): boolean => error instanceof FerryError && error.code === code;

function resolveOps(fs: QueueFs): RemoteOps {
  const send = fs.sendCommand?.bind(fs);
  const stat = fs.stat?.bind(fs);
  const mkdir = fs.mkdir?.bind(fs);
  const rename = fs.rename?.bind(fs);
  const removeFile = fs.removeFile?.bind(fs) ?? (send ? (path: string) => ftpRemove(send, path) : undefined);
  const checksum = fs.checksum?.bind(fs);
  return {
    ensureDir: mkdir
      ? async (path) => {
          try {
            await mkdir(path);
          } catch (error) {
            // "Already there" is what we want — if it is a folder (a file there is an error).
            const entry = stat ? await stat(path).catch(() => null) : null;
            if (entry?.type === 'dir' || (!stat && isCode(error, 'ALREADY_EXISTS'))) return;
            throw error;
          }
        }
      : send
        ? (path) => ftpEnsureDir(send, path)
        : null,
    replace: rename
      ? async (from, to) => {
          try {
            await rename(from, to);
          } catch (error) {
            if (!isCode(error, 'ALREADY_EXISTS') || !removeFile) throw error;
            await removeFile(to);
            await rename(from, to);
          }
        }
      : send
        ? (from, to) => ftpReplace(send, from, to)
        : null,
    removeFile: removeFile ?? null,
    setModifiedTime: fs.setModifiedTime?.bind(fs) ?? (send ? (path, ms) => ftpSetModifiedTime(send, path, ms) : null),
    modifiedTime: fs.modifiedTime?.bind(fs) ?? (send ? (path) => ftpModifiedTime(send, path) : null),
    checksum: checksum ? (path) => checksum(path, CHECKSUM_PREFERENCE) : send ? ftpChecksumSource(send) : null,
  };
}

/** Checksums over `sendCommand`; FEAT is asked once per connection. */
function ftpChecksumSource(send: SendCommand): (path: string) => Promise<RemoteChecksum | null> {
  let support: Promise<FtpChecksumSupport> | null = null;
  const load = (): Promise<FtpChecksumSupport> =>
    (support ??= ftpChecksumSupport(send).catch((error: unknown) => {
      support = null;
      throw error;
    }));
  return async (path) => ftpChecksumOf(send, await load(), path, CHECKSUM_PREFERENCE as readonly ChecksumAlgorithm[]);
}
