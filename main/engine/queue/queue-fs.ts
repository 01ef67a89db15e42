/**
 * What the queue needs from a server beyond `TransferFs`, as optional
 * capabilities: the queue works with whatever an adapter offers today and
 * gets better as hooks land. Missing hooks degrade, never fail:
 * no `rename` → uploads go straight to the final name; no `mkdir` → folders
 * must exist; no `setModifiedTime` → times are not preserved (noted once).
 *
 * For FTP a single hook, `sendCommand`, is enough: mkdir, rename, delete,
 * MFMT, MDTM and checksums are spoken over it here (ftp-commands.ts,
 * ftp-checksum.ts). A method the adapter implements itself wins over that.
 */
import type { ChecksumAlgorithm } from '../../../shared/model/transfer.js';
import { checksumAlgorithms, ftpChecksum, ftpChecksumSupport, type FtpChecksumSupport } from './ftp-checksum.js';
import { ftpMkdir, ftpModifiedTime, ftpRemove, ftpRename, ftpSetModifiedTime, type SendCommand } from './ftp-commands.js';
import type { ChecksumSource, VerifiableFs } from './verify.js';

export interface QueueFs extends VerifiableFs {
  /** FTP: send one raw command (path in the session charset); resolves with any reply. See ftp-commands.ts. */
  sendCommand?: SendCommand;
  /** Makes sure `path` is a folder (created, or already there). */
  mkdir?(path: string): Promise<void>;
  /** Renames a file, replacing an existing `to`. */
  rename?(from: string, to: string): Promise<void>;
  /** Deletes a file. */
  remove?(path: string): Promise<void>;
  /** Sets a file's modification time (ms since the epoch, UTC); rejects with UNSUPPORTED when the server cannot. */
  setModifiedTime?(path: string, modified: number): Promise<void>;
  /** A file's exact modification time, or null when unknown. */
  modifiedTime?(path: string): Promise<number | null>;
}

/** The capabilities resolved for one connection; null = not available. */
export interface RemoteOps {
  readonly mkdir: ((path: string) => Promise<void>) | null;
  readonly rename: ((from: string, to: string) => Promise<void>) | null;
  readonly remove: ((path: string) => Promise<void>) | null;
  readonly setModifiedTime: ((path: string, modified: number) => Promise<void>) | null;
  readonly modifiedTime: ((path: string) => Promise<number | null>) | null;
  readonly checksum: ChecksumSource | null;
}

const cache = new WeakMap<QueueFs, RemoteOps>();

/** The operations available on `fs` (computed once per connection object). */
export function remoteOps(fs: QueueFs): RemoteOps {
  let ops = cache.get(fs);
  if (!ops) {
    ops = resolveOps(fs);
    cache.set(fs, ops);
  }
  return ops;
}

function resolveOps(fs: QueueFs): RemoteOps {
  const send = fs.sendCommand?.bind(fs);
  const own = <K extends keyof QueueFs>(key: K): QueueFs[K] | undefined => {
    const value = fs[key];
    return typeof value === 'function' ? (value.bind(fs) as QueueFs[K]) : undefined;
  };
  return {
    mkdir: own('mkdir') ?? (send ? (path) => ftpMkdir(send, path) : null),
    rename: own('rename') ?? (send ? (from, to) => ftpRename(send, from, to) : null),
    remove: own('remove') ?? (send ? (path) => ftpRemove(send, path) : null),
    setModifiedTime: own('setModifiedTime') ?? (send ? (path, ms) => ftpSetModifiedTime(send, path, ms) : null),
    modifiedTime: own('modifiedTime') ?? (send ? (path) => ftpModifiedTime(send, path) : null),
    checksum: ownChecksum(fs) ?? (send ? ftpChecksumSource(send) : null),
  };
}

function ownChecksum(fs: QueueFs): ChecksumSource | null {
  const { checksum, checksumAlgorithms: algorithms } = fs;
  if (!checksum || !algorithms) return null;
  return { algorithms: () => algorithms.call(fs), digest: (path, alg) => checksum.call(fs, path, alg) };
}

/** Checksums over `sendCommand`; FEAT is asked once per connection. */
function ftpChecksumSource(send: SendCommand): ChecksumSource {
  let support: Promise<FtpChecksumSupport> | null = null;
  const load = (): Promise<FtpChecksumSupport> => (support ??= ftpChecksumSupport(send).catch((error: unknown) => {
    support = null;
    throw error;
  }));
  return {
    algorithms: async (): Promise<readonly ChecksumAlgorithm[]> => checksumAlgorithms(await load()),
    digest: async (path, algorithm) => ftpChecksum(send, await load(), path, algorithm),
  };
}
