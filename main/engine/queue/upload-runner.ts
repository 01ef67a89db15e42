/**
 * One file to the server: measure the local file → make sure the remote
 * folder exists → "target exists?" → write `name.ferrypart`, resuming from
 * the size the server holds → verify → set the modification time → rename
 * on the server, replacing the old file (`rename(…, { replace: true })`: the
 * user chose to overwrite it, or it did not exist).
 *
 * Requests are counted: a tree of small files is dominated by round trips.
 * A file going into a folder this queue created skips "target exists?"
 * (remote-dirs.ts `claimNew`); a job that never moved a byte skips looking
 * for a partial file to resume; and the adapter's own check after `upload`
 * (the server's size equals what was sent, remote-fs.ts) is the size
 * verification — only ASCII uploads and checksums ask the server again.
 * Local calls are counted too: a first attempt takes the size and time the
 * folder walk measured moments ago, and the adapter checks them against the
 * file it opens (source-check.ts); only when the file changed since is it
 * measured again and the upload decided afresh.
 */
import { stat } from 'node:fs/promises';
import { SourceChangedError, type SourceFacts } from '../source-check.js';
import { FerryError } from '../../../shared/errors.js';
import type { ConflictDecision } from './conflict.js';
import { resolveConflict } from './conflict-check.js';
import { partPath, remoteBasename, remoteDirname, remoteJoin } from './paths.js';
import { remoteOps, type QueueFs, type RemoteOps } from './queue-fs.js';
import { remoteSizeOf } from './remote-size.js';
import { classifyFailure } from './retry-policy.js';
import { finishedBeforeStop, mayHavePartial, resumeOffset, transferOptions, type RunContext, type RunOutcome } from './run-context.js';
import { verifyTransfer } from './verify.js';

/** A remote file's time: MDTM / SFTP stat, else (a server without MDTM) from its folder's listing. */
async function remoteTime(fs: QueueFs, ops: RemoteOps, path: string): Promise<number | null> {
  const exact = await ops.modifiedTime(path).catch(() => null);
  if (exact !== null) return exact;
  const listing = await fs.list(remoteDirname(path)).catch(() => null);
  return listing?.entries.find((entry) => entry.name === remoteBasename(path))?.modified ?? null;
}

/** Sets the time unless the site is known not to allow it; a refusal is remembered and noted once, never fatal. */
async function keepTime(ctx: RunContext, ops: RemoteOps, path: string, modified: number): Promise<void> {
  if (!ctx.settings.preserveTimes || ctx.site.noModifiedTime !== null) return;
  let reason: string | null = null;
  try {
    if (!(await ops.setModifiedTime(path, modified))) reason = 'the server has no command for it (MFMT, SITE UTIME)';
  } catch (error) {
    if (classifyFailure(error) !== 'permanent') throw error;
    reason = error instanceof Error ? error.message : String(error);
  }
  if (reason === null) return;
  ctx.site.noModifiedTime = reason;
  ctx.log(`Modification times are not preserved: ${reason}`);
}

async function measure(path: string): Promise<SourceFacts> {
  const info = await stat(path);
  if (!info.isFile()) throw new FerryError('NOT_FOUND', `${path} is not a file any more`);
  return { size: info.size, modified: info.mtimeMs };
}

/**
 * The walk's figures, on a first attempt of a job that never moved a byte
 * and has them; null: measure the file now. Anything that decides without
 * sending (a partial file to resume, a finished file from before a crash,
 * a conflict rule) gets measured figures: only the adapter checks listed ones.
 */
function listedSource(ctx: RunContext): SourceFacts | null {
  const { job } = ctx;
  if (job.attempts > 0 || job.interrupted || job.transferred > 0 || ctx.fresh || job.size === null || job.modified === null) return null;
  return { size: job.size, modified: job.modified };
}

export async function runUpload(ctx: RunContext): Promise<RunOutcome> {
  ctx.report({ phase: 'checking' });
  const listed = listedSource(ctx);
  if (!listed) return uploadAs(ctx, await measure(ctx.job.localPath), false);
  try {
    return await uploadAs(ctx, listed, true);
  } catch (error) {
    if (!(error instanceof SourceChangedError)) throw error;
    ctx.log(`${error.message}; measuring it again`);
    ctx.report({ phase: 'checking', transferred: 0 });
    return uploadAs(ctx, await measure(ctx.job.localPath), false);
  }
}

/** The upload of a source with these figures; `listed`: they are the walk's, for the adapter to check. */
async function uploadAs(ctx: RunContext, first: SourceFacts, firstListed: boolean): Promise<RunOutcome> {
  const { job, fs, signal } = ctx;
  const ops = remoteOps(fs);
  let source = first;
  let listed = firstListed;
  ctx.report({ size: source.size, modified: source.modified });
  const folder = remoteDirname(job.remotePath);
  await ctx.dirs.ensure(fs, folder);

  let target = job.remotePath;
  let decision: ConflictDecision = { kind: 'overwrite' };
  const existing = ctx.dirs.claimNew(target, job.id) ? null : await remoteSizeOf(fs, target);
  if (existing !== null && listed) {
    // The conflict rules compare sizes and times and may skip without sending: they need the file as it is now.
    source = await measure(job.localPath);
    listed = false;
    ctx.report({ size: source.size, modified: source.modified });
  }
  const { size, modified } = source;
  if (existing !== null) {
    const existingTime = await remoteTime(fs, ops, target);
    if (ctx.site.noModifiedTime === null && finishedBeforeStop(ctx, { size: existing, modified: existingTime }, { size, modified })) {
      ctx.log(`${target} was already complete when Ferry stopped; not uploaded again`);
      return { status: 'done', verified: 'size' };
    }
    decision = await resolveConflict(ctx, {
      source: { path: job.localPath, size, modified },
      target: { path: target, size: existing, modified: existingTime },
      name: remoteBasename(target),
      siblings: async () => new Set((await fs.list(folder)).entries.map((entry) => entry.name)),
    });
    if (decision.kind === 'skip') return { status: 'skipped', reason: decision.reason };
    if (decision.kind === 'rename') target = remoteJoin(folder, decision.name);
  }

  const useTemp = ctx.settings.tempNames && decision.kind !== 'resume';
  const writePath = useTemp ? partPath(target) : target;
  let offset = 0;
  if (decision.kind === 'resume' && job.ascii) ctx.log(`${target} is transferred as ASCII, which cannot resume: starting from byte 0`);
  else if (decision.kind === 'resume') offset = decision.offset;
  else if (useTemp && mayHavePartial(ctx)) offset = resumeOffset((await remoteSizeOf(fs, writePath)) ?? 0, size, job, ctx.fresh, fs.uploadsMayLeaveHoles === true);
  if (offset > 0) ctx.log(`Resuming ${target} at byte ${offset}`);
  ctx.report({ phase: 'transferring', transferred: offset });
  // What the adapter did on the server right after the upload (remote-fs.ts `TransferResult`): the size it
  // confirmed, and whether it set the time on the way (SFTP, no extra round trip).
  const wantTime = ctx.settings.preserveTimes && ctx.site.noModifiedTime === null;
  let confirmedSize: number | undefined;
  let timeSet = false;
  if (!(offset > 0 && offset === size)) {
    const sent = await fs.upload(job.localPath, writePath, transferOptions(ctx, offset, wantTime ? modified : undefined, listed ? source : undefined));
    confirmedSize = sent.remoteSize;
    timeSet = sent.modifiedSet === true;
  }

  ctx.report({ phase: 'verifying', transferred: size });
  const result = await verifyTransfer({
    fs,
    localPath: job.localPath,
    remotePath: writePath,
    remoteSize: confirmedSize,
    // As measured before the upload: the adapter confirmed the server holds what it read, so a change since shows as a mismatch.
    localSize: size,
    checksum: ctx.settings.verifyChecksums && !job.ascii ? ops.checksum : null,
    ascii: job.ascii,
    signal,
    log: ctx.log,
  });
  if (!timeSet) await keepTime(ctx, ops, writePath, modified);
  if (useTemp) await ops.replace(writePath, target);
  return { status: 'done', verified: result.verified, algorithm: result.algorithm };
}
