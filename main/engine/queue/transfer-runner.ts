/**
 * Runs one job to an outcome: folders are created, files go through
 * upload-runner.ts / download-runner.ts. Failures are thrown as they are;
 * the queue classifies them (retry-policy.ts) and decides about retries.
 */
import { runDownload } from './download-runner.js';
import type { RunContext, RunOutcome } from './run-context.js';
import { runUpload } from './upload-runner.js';

export async function runJob(ctx: RunContext): Promise<RunOutcome> {
  const { job } = ctx;
  ctx.signal.throwIfAborted();
  if (job.kind === 'folder') {
    ctx.report({ phase: 'checking' });
    if (job.direction === 'upload') await ctx.dirs.ensure(ctx.fs, job.remotePath);
    else await ctx.localDirs.ensure(job.localPath);
    return { status: 'done', verified: 'exists' };
  }
  return job.direction === 'upload' ? runUpload(ctx) : runDownload(ctx);
}
