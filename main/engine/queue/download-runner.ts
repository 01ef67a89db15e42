/**
 * One file from the server: size and time of the source → "target exists?"
 * → write `name.ferrypart` beside the target, resuming from what it holds →
 * verify → set the modification time → rename to the final name. Until the
 * rename the final name holds either nothing or the user's old file, never
 * a partial one.
 */
import { mkdir, readdir, rename, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FerryError } from '../../../shared/errors.js';
import type { ConflictDecision } from './conflict.js';
import { resolveConflict } from './conflict-check.js';
import { partPath } from './paths.js';
import { remoteOps, type RemoteOps } from './queue-fs.js';
import { remoteSizeOf } from './remote-size.js';
import { localFileInfo, resumeOffset, transferOptions, type RunContext, type RunOutcome } from './run-context.js';
import { verifyTransfer } from './verify.js';

/** The source's exact time when the connection can tell cheaply (LIST dates are minutes or days), else the listing's. */
async function sourceTime(ctx: RunContext, ops: RemoteOps): Promise<number | null> {
  if (!ctx.settings.preserveTimes && ctx.job.conflictAction !== 'overwrite-if-newer') return ctx.job.modified;
  const exact = await ops.modifiedTime(ctx.job.remotePath).catch(() => null);
  return exact ?? ctx.job.modified;
}

export async function runDownload(ctx: RunContext): Promise<RunOutcome> {
  const { job, fs, signal } = ctx;
  const ops = remoteOps(fs);
  ctx.report({ phase: 'checking' });
  const size = await remoteSizeOf(fs, job.remotePath);
  if (size === null) throw new FerryError('NOT_FOUND', `${job.remotePath} is no longer on the server`);
  const modified = await sourceTime(ctx, ops);
  ctx.report({ size, modified });

  let target = job.localPath;
  let decision: ConflictDecision = { kind: 'overwrite' };
  const existing = await localFileInfo(target);
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
  await mkdir(dirname(target), { recursive: true });

  const useTemp = ctx.settings.tempNames && decision.kind !== 'resume';
  const writePath = useTemp ? partPath(target) : target;
  let offset = 0;
  if (decision.kind === 'resume' && job.ascii) ctx.log(`${target} is transferred as ASCII, which cannot resume: starting from byte 0`);
  else if (decision.kind === 'resume') offset = decision.offset;
  else if (useTemp) offset = resumeOffset((await localFileInfo(writePath))?.size ?? 0, size, job, ctx.fresh);
  if (offset > 0) ctx.log(`Resuming ${job.remotePath} at byte ${offset}`);
  ctx.report({ phase: 'transferring', transferred: offset });
  if (!(offset > 0 && offset === size)) await fs.download(job.remotePath, writePath, transferOptions(ctx, offset));

  ctx.report({ phase: 'verifying', transferred: size });
  const result = await verifyTransfer({
    fs,
    localPath: writePath,
    remotePath: job.remotePath,
    remoteSize: size,
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
