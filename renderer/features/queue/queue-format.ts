/**
 * How a transfer job reads in the queue: its state line, speed and ETA, and
 * the overall progress. Pure, so the wording is tested without a DOM.
 */
import type { QueueTotals, TransferJob } from '../../../shared/model/transfer.js';
import { formatSize } from '../pane/format.js';

/** Percent of a job's bytes at the target (0–100), or null when the size is unknown. */
export function jobPercent(job: TransferJob): number | null {
  if (job.size === null || job.size <= 0) return job.state.status === 'done' ? 100 : null;
  return Math.max(0, Math.min(100, Math.floor((job.transferred / job.size) * 100)));
}

const PHASES = { connecting: 'Connecting', checking: 'Checking target', transferring: 'Transferring', verifying: 'Verifying' } as const;

/** "Queued", "Transferring 42%", "Done — checksum verified (sha256)", "Failed: …", "Skipped: …". */
export function stateText(job: TransferJob): string {
  const state = job.state;
  switch (state.status) {
    case 'queued':
      return state.retryAt !== undefined && state.lastError ? `Queued (retrying after: ${state.lastError})` : 'Queued';
    case 'running': {
      if (state.phase !== 'transferring') return `${PHASES[state.phase]}…`;
      const percent = jobPercent(job);
      return percent === null ? 'Transferring' : `Transferring ${percent}%`;
    }
    case 'paused':
      return 'Paused';
    case 'done':
      if (state.verified === 'checksum') return `Done — checksum verified${state.algorithm ? ` (${state.algorithm})` : ''}`;
      if (state.verified === 'size') return 'Done — size verified';
      return 'Done';
    case 'skipped':
      return `Skipped: ${state.reason}`;
    case 'failed':
      return `Failed: ${state.message}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

/** `1.5 MiB/s`; empty for zero or unknown. */
export function formatSpeed(bytesPerSecond: number | null | undefined): string {
  if (!bytesPerSecond || bytesPerSecond <= 0 || !Number.isFinite(bytesPerSecond)) return '';
  return `${formatSize(Math.round(bytesPerSecond))}/s`;
}

/** `42 s`, `3:07`, `1:02:05`; empty when unknown. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Overall progress 0–100 over the queue's bytes (100 when there is nothing to do). */
export function overallPercent(totals: QueueTotals | null): number {
  if (!totals || totals.bytesTotal <= 0) return totals && totals.jobs > 0 && pendingJobs(totals) === 0 ? 100 : 0;
  return Math.max(0, Math.min(100, Math.floor((totals.bytesDone / totals.bytesTotal) * 100)));
}

/** Jobs still to run (queued, running, paused). */
export function pendingJobs(totals: QueueTotals): number {
  return totals.byStatus.queued + totals.byStatus.running + totals.byStatus.paused;
}

/** "3 of 10 files left", for the header. */
export function countText(totals: QueueTotals | null): string {
  if (!totals || totals.jobs === 0) return 'No transfers';
  const left = pendingJobs(totals);
  return `${left} of ${totals.jobs} ${totals.jobs === 1 ? 'transfer' : 'transfers'} left`;
}
