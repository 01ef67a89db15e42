/**
 * What one job's run is given and what it may report: the leased
 * connection, the abort signal, the settings that shape it, and the
 * per-site helpers shared by all of that site's jobs.
 */
import { lstat } from 'node:fs/promises';
import type { ChecksumAlgorithm, ConflictQuestion, RunningPhase, TransferJob, VerifyMethod } from '../../../shared/model/transfer.js';
import type { ConflictChoice } from './conflict-gate.js';
import type { TransferOptions } from '../remote-fs.js';
import type { SourceFacts } from '../source-check.js';
import type { QueueFs } from './queue-fs.js';
import type { LocalDirs } from './local-dirs.js';
import type { RemoteDirs } from './remote-dirs.js';

/**
 * Bytes an SFTP transfer keeps in flight (sftp-transfer.ts `IN_FLIGHT_BYTES`):
 * after a crash, a partial file may hold up to this much out-of-order data
 * beyond the last confirmed count, so that much is sent again.
 */
export const CRASH_MARGIN_BYTES = 4 * 1024 * 1024;

export interface RunSettings {
  readonly tempNames: boolean;
  readonly verifyChecksums: boolean;
  readonly preserveTimes: boolean;
}

/** Things learnt about a site once and remembered by all its jobs. */
export interface SiteFacts {
  /** Why modification times cannot be set on this server (set after the first refusal); null while unknown. */
  noModifiedTime: string | null;
}

export interface RunProgress {
  readonly phase?: RunningPhase;
  /** Bytes present at the target, resumed bytes included. */
  readonly transferred?: number;
  /** The source's size as measured now. */
  readonly size?: number;
  readonly modified?: number | null;
}

export interface RunContext {
  readonly job: TransferJob;
  readonly fs: QueueFs;
  readonly signal: AbortSignal;
  readonly settings: RunSettings;
  readonly dirs: RemoteDirs;
  /** Local folders made by downloads (shared by all sites). */
  readonly localDirs: LocalDirs;
  readonly site: SiteFacts;
  /** Start from byte zero (the previous attempt failed verification). */
  readonly fresh: boolean;
  /** The answer to "target exists" (conflict-gate.ts); `question` is built only if the user is asked. */
  readonly chooseConflict: (question: () => Promise<ConflictQuestion>) => Promise<ConflictChoice>;
  /** Waits until `bytes` may be moved under the speed limit (see speed-limiter.ts). */
  readonly throttle: (bytes: number) => Promise<void>;
  readonly report: (progress: RunProgress) => void;
  readonly log: (text: string) => void;
}

export type RunOutcome =
  | { readonly status: 'done'; readonly verified: VerifyMethod; readonly algorithm?: ChecksumAlgorithm | undefined }
  | { readonly status: 'skipped'; readonly reason: string };

/**
 * Where to resume, given the bytes `present` at the partial target: none on
 * a fresh start, for ASCII jobs, or when the partial file is longer than the
 * source (a stale leftover). `mayHaveHoles` (an SFTP upload after a failed
 * attempt, `TransferFs.uploadsMayLeaveHoles`): no further than the bytes the
 * job saw confirmed (`transferred`) — the remote file, cut off with its
 * connection, may hold holes below its size, and the adapter's own cut-back
 * died with that connection. FTP stores a stream in order, and a download's
 * partial file is local and cut to its contiguous bytes by the adapter, so
 * there what is present counts. After a crash, the stored count less a
 * margin (it was saved a moment earlier).
 */
export function resumeOffset(present: number, sourceSize: number, job: TransferJob, fresh: boolean, mayHaveHoles = false): number {
  // ASCII transfers change the size on the way (newlines), so a partial file's size says nothing: always from byte 0.
  if (fresh || job.ascii || present > sourceSize) return 0;
  if (job.interrupted) return Math.max(0, Math.min(present, job.transferred) - CRASH_MARGIN_BYTES);
  if (mayHaveHoles && job.attempts > 0) return Math.min(present, job.transferred);
  return present;
}

/**
 * Whether a partial target left by this job may exist: it moved bytes
 * before (progress reports the first chunk at once), or Ferry stopped while
 * it ran. A job that never started ignores a stray `.ferrypart` of unknown
 * origin and overwrites it — and saves the request that would look for it.
 */
export function mayHavePartial(ctx: RunContext): boolean {
  return !ctx.fresh && (ctx.job.transferred > 0 || ctx.job.interrupted);
}

/**
 * Whether `target` is this job's own finished file from before Ferry
 * stopped: a crash can come after the rename into place but before "done"
 * was saved. The queue sets the source's time before that rename, so an
 * interrupted job whose target has the source's size and time (to the
 * second: FTP MDTM and SFTP carry seconds) finished — not a file to ask
 * the user about. Without kept times nothing can tell, and the user is asked.
 */
export function finishedBeforeStop(ctx: RunContext, target: { size: number; modified: number | null }, source: { size: number; modified: number | null }): boolean {
  if (!ctx.job.interrupted || !ctx.settings.preserveTimes || target.size !== source.size) return false;
  if (target.modified === null || source.modified === null) return false;
  return Math.floor(target.modified / 1000) === Math.floor(source.modified / 1000);
}

/** Size and time of a local file, or null when there is none (a folder in its place is an error). */
export async function localFileInfo(path: string): Promise<{ size: number; modified: number } | null> {
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!info) return null;
  if (info.isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
  return { size: info.size, modified: info.mtimeMs };
}

/** Transfer options as the queue passes them: every field of `TransferOptions` set (`modified` on uploads that keep times, `source` on uploads trusting the listing), the throttle being the shared speed limit. */
export type QueueTransferOptions = Required<Omit<TransferOptions, 'modified' | 'source'>> & Pick<TransferOptions, 'modified' | 'source'>;

export function transferOptions(ctx: RunContext, offset: number, modified?: number, source?: SourceFacts): QueueTransferOptions {
  return {
    offset,
    modified,
    source,
    signal: ctx.signal,
    onProgress: (bytes) => ctx.report({ transferred: offset + bytes }),
    throttle: ctx.throttle,
    ascii: ctx.job.ascii,
  };
}
