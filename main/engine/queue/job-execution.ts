/**
 * One job's run inside the queue: borrow a connection, run the transfer,
 * keep the job's state current (phase, bytes, speed, ETA), and settle it —
 * done or skipped; failed at once for a permanent failure; back to the queue
 * with a backoff for a transient one until the retries run out; paused,
 * cancelled, re-queued or removed when the user stopped it.
 */
import { unlink } from 'node:fs/promises';
import type { RunningPhase, TransferJob, TransferState } from '../../../shared/model/transfer.js';
import type { Clock } from './clock.js';
import type { ConflictGate } from './conflict-gate.js';
import type { ConnectionPool, Lease } from './connection-pool.js';
import type { JobTable } from './job-table.js';
import { partPath } from './paths.js';
import { remoteOps } from './queue-fs.js';
import { RateMeter } from './rate-meter.js';
import type { LocalDirs } from './local-dirs.js';
import type { RemoteDirs } from './remote-dirs.js';
import { backoffDelay, classifyFailure, failureReason, type BackoffOptions } from './retry-policy.js';
import type { RunProgress, RunSettings, SiteFacts } from './run-context.js';
import type { StopReason } from './scheduler.js';
import type { SpeedLimiter } from './speed-limiter.js';
import { runJob } from './transfer-runner.js';
import { VerificationError } from './verify.js';

export interface ExecutionDeps {
  readonly table: JobTable;
  readonly pool: ConnectionPool;
  readonly gate: ConflictGate;
  readonly limiter: SpeedLimiter;
  readonly clock: Clock;
  readonly backoff: BackoffOptions;
  /** Jobs whose next attempt must start from byte zero (their last one failed verification). */
  readonly fresh: Set<string>;
  readonly retries: () => number;
  readonly runSettings: (siteKey: string) => RunSettings;
  readonly dirs: (siteKey: string) => RemoteDirs;
  readonly localDirs: LocalDirs;
  readonly facts: (siteKey: string) => SiteFacts;
  readonly log: (text: string) => void;
}

const setState = (deps: ExecutionDeps, id: string, state: TransferState, patch: Partial<TransferJob> = {}): void => {
  deps.table.update(id, (job) => ({ ...job, ...patch, state }));
};

export async function executeJob(deps: ExecutionDeps, start: TransferJob, signal: AbortSignal): Promise<void> {
  const id = start.id;
  const meter = new RateMeter();
  let phase: RunningPhase = 'connecting';
  const report = (progress: RunProgress): void => {
    deps.table.update(id, (job) => {
      phase = progress.phase ?? phase;
      const transferred = progress.transferred ?? job.transferred;
      const size = progress.size ?? job.size;
      if (progress.transferred !== undefined) meter.add(deps.clock.now(), transferred);
      const eta = size === null ? null : meter.eta(size - transferred);
      return {
        ...job,
        size,
        modified: progress.modified === undefined ? job.modified : progress.modified,
        transferred,
        state: { status: 'running', phase, speed: Math.round(meter.speed()), eta },
      };
    });
  };
  report({ phase: 'connecting' });
  let lease: Lease | null = null;
  try {
    lease = await deps.pool.acquire(start.siteKey, signal);
    const job = deps.table.get(id) ?? start;
    const outcome = await runJob({
      job,
      fs: lease.fs,
      signal,
      settings: deps.runSettings(job.siteKey),
      dirs: deps.dirs(job.siteKey),
      localDirs: deps.localDirs,
      site: deps.facts(job.siteKey),
      fresh: deps.fresh.has(id),
      chooseConflict: (question) => deps.gate.choose(deps.table.get(id) ?? job, question, signal),
      throttle: (bytes) => deps.limiter.take(job.direction, bytes, signal),
      report,
      log: deps.log,
    });
    signal.throwIfAborted();
    lease.release();
    deps.fresh.delete(id);
    if (outcome.status === 'done') {
      setState(deps, id, { status: 'done', verified: outcome.verified, algorithm: outcome.algorithm }, { interrupted: false, transferred: deps.table.get(id)?.size ?? 0 });
    } else {
      setState(deps, id, { status: 'skipped', reason: outcome.reason }, { interrupted: false });
    }
  } catch (error) {
    const stop = signal.aborted ? (signal.reason as StopReason) : null;
    if (stop) {
      if (stop === 'cancel' || stop === 'remove') await discardPartial(start, lease, deps.log);
      lease?.release({ discard: true });
      settleStopped(deps, id, stop);
      return;
    }
    const kind = classifyFailure(error);
    lease?.release({ discard: kind !== 'permanent' });
    settleFailure(deps, id, error, kind === 'permanent' || kind === 'cancelled');
  }
}

function settleStopped(deps: ExecutionDeps, id: string, stop: StopReason): void {
  switch (stop) {
    case 'pause':
      return setState(deps, id, { status: 'paused' });
    case 'stop':
      return setState(deps, id, { status: 'queued' });
    case 'cancel':
      return setState(deps, id, { status: 'cancelled' }, { transferred: 0 });
    case 'remove':
      deps.table.remove(id);
  }
}

function settleFailure(deps: ExecutionDeps, id: string, error: unknown, permanent: boolean): void {
  const job = deps.table.get(id);
  if (!job) return;
  const attempts = job.attempts + 1;
  const { code, message } = failureReason(error);
  if (error instanceof VerificationError) deps.fresh.add(id);
  if (permanent || attempts > deps.retries()) {
    deps.log(`Failed: ${job.remotePath}: ${message}`);
    setState(deps, id, { status: 'failed', code, message, attempts }, { attempts });
    return;
  }
  const delay = backoffDelay(attempts, deps.backoff);
  deps.log(`Retrying ${job.remotePath} in ${(delay / 1000).toFixed(1)} s (attempt ${attempts + 1}): ${message}`);
  setState(deps, id, { status: 'queued', retryAt: deps.clock.now() + delay, lastError: message }, { attempts });
}

/**
 * A cancelled job's partial file is not worth keeping: remove the local
 * `.ferrypart` of a download, or the remote one of an upload (best effort —
 * the connection may be gone; a later attempt at the same file overwrites it).
 */
async function discardPartial(job: TransferJob, lease: Lease | null, log: (text: string) => void): Promise<void> {
  if (job.kind !== 'file') return;
  if (job.direction === 'download') {
    await unlink(partPath(job.localPath)).catch(() => undefined);
    return;
  }
  if (!lease) return;
  await remoteOps(lease.fs).removeFile(partPath(job.remotePath)).catch((error: unknown) => log(`Could not remove ${partPath(job.remotePath)}: ${error instanceof Error ? error.message : String(error)}`));
}
