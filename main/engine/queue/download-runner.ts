/**
 * One file from the server: size and time of the source → "target exists?"
 * → write `name.ferrypart` beside the target, resuming from what it holds →
 * verify → set the modification time → rename to the final name. Until the
 * rename the final name holds either nothing or the user's old file, never
 * a partial one.
 *
 * A job made from a folder listing already knows the source's size and
 * often its exact time, so a first attempt asks the server for neither
 * (SIZE and MDTM/stat were two round trips per file of a big tree): the
 * bytes that arrive are compared with the listed size, and only when they
 * differ (the file changed since it was listed) is the server asked. A
 * failed verification starts over with the server's own figures.
 */
import { readdir, rename, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FerryError } from '../../../shared/errors.js';
import type { ConflictDecision } from './conflict.js';
import { resolveConflict } from './conflict-check.js';
import { partPath } from './paths.js';
import { remoteOps, type RemoteOps } from './queue-fs.js';
import { remoteSizeOf } from './remote-size.js';
import { finishedBeforeStop, localFileInfo, mayHavePartial, resumeOffset, transferOptions, type RunContext, type RunOutcome } from './run-context.js';
import { verifyTransfer } from './verify.js';

/**
 * Whether a listed time is exact to the second. LIST and DOS listings give
 * minutes at best (or just a day), so a time with seconds came from MLSD or
 * SFTP. An exact time that falls on a whole minute is asked again: 1 in 60.
 */
export function isExactListedTime(ms: number | null): ms is number {
  return ms !== null && ms % 60_000 !== 0;
}

/** The source's time: the listing's when exact or when nothing needs it exact, else MDTM / SFTP stat. */
async function sourceTime(ctx: RunContext, ops: RemoteOps): Promise<number | null> {
  const listed = ctx.job.modified;
  if (!ctx.settings.preserveTimes && ctx.job.conflictAction !== 'overwrite-if-newer') return listed;
  if (isExactListedTime(listed) && !ctx.fresh) return listed;
  const exact = await ops.modifiedTime(ctx.job.remotePath).catch(() => null);
  return exact ?? listed;
}

async function serverSize(fs: RunContext['fs'], path: string): Promise<number> {
  const size = await remoteSizeOf(fs, path);
  if (size === null) throw new FerryError('NOT_FOUND', `${path} is no longer on the server`);
  return size;
}

export async function runDownload(ctx: RunContext): Promise<RunOutcome> {
  const { job, fs, signal } = ctx;
  const ops = remoteOps(fs);
  ctx.report({ phase: 'checking' });
  const listed = ctx.fresh ? null : job.size;
  let size = listed ?? (await serverSize(fs, job.remotePath));
  const modified = await sourceTime(ctx, ops);
  ctx.report({ size, modified });

  let target = job.localPath;
  let decision: ConflictDecision = { kind: 'overwrite' };
  await ctx.localDirs.ensure(dirname(target), job.attempts > 0);
  const existing = ctx.localDirs.claimNew(target, job.id) ? null : await localFileInfo(target);
  if (existing && finishedBeforeStop(ctx, existing, { size, modified })) {
    ctx.log(`${target} was already complete when Ferry stopped; not downloaded again`);
    return { status: 'done', verified: 'size' };
  }
  if (existing) {
    decision = await resolveConflict(ctx, {
      source: { path: job.remotePath, size, modified },
      target: { path: target, size: existing.size, modified: existing.modified },
      name: basename(target),
      siblings: async () => new Set(await readdir(dirname(target))),
    });
    if (decision.kind === 'skip') return { status: 'skipped', reason: decision.reason };
    if (decision.kind === 'rename') target = join(dirname(target), decision.name);
  }

  const useTemp = ctx.settings.tempNames && decision.kind !== 'resume';
  const writePath = useTemp ? partPath(target) : target;
  let offset = 0;
  if (decision.kind === 'resume' && job.ascii) ctx.log(`${target} is transferred as ASCII, which cannot resume: starting from byte 0`);
  else if (decision.kind === 'resume') offset = decision.offset;
  else if (useTemp && mayHavePartial(ctx)) offset = resumeOffset((await localFileInfo(writePath))?.size ?? 0, size, job, ctx.fresh);
  if (offset > 0) ctx.log(`Resuming ${job.remotePath} at byte ${offset}`);
  ctx.report({ phase: 'transferring', transferred: offset });
  // Bytes on disk after the download (the adapters cut the file to what arrived).
  let arrived: number | undefined;
  if (!(offset > 0 && offset === size)) {
    arrived = offset + (await fs.download(job.remotePath, writePath, transferOptions(ctx, offset))).bytes;
    // Not what was listed: the file may have changed since; the server's size now decides.
    if (listed !== null && arrived !== size) size = await serverSize(fs, job.remotePath);
  }

  ctx.report({ phase: 'verifying', transferred: size });
  const result = await verifyTransfer({
    fs,
    localPath: writePath,
    remotePath: job.remotePath,
    remoteSize: size,
    localSize: arrived,
    checksum: ctx.settings.verifyChecksums && !job.ascii ? ops.checksum : null,
    ascii: job.ascii,
    signal,
    log: ctx.log,
  });
  if (ctx.settings.preserveTimes && modified !== null) {
    const time = new Date(modified);
    await utimes(writePath, time, time);
  }
  if (useTemp) await rename(writePath, target);
  return { status: 'done', verified: result.verified, algorithm: result.algorithm };
}
