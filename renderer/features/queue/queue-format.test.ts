import { describe, expect, it } from 'vitest';
import type { QueueTotals, TransferJob, TransferState } from '../../../shared/model/transfer.js';
import { countText, formatEta, formatSpeed, overallPercent, stateText } from './queue-format.js';

function job(state: TransferState, transferred = 0, size: number | null = 100): TransferJob {
  return {
    id: 'j',
    kind: 'file',
    direction: 'upload',
    siteKey: 's',
    localPath: '/l',
    remotePath: '/r',
    size,
    modified: null,
    transferred,
    state,
    order: 0,
    conflictAction: null,
    attempts: 0,
    interrupted: false,
    ascii: false,
  };
}

describe('queue format', () => {
  it('state texts', () => {
    expect(stateText(job({ status: 'queued' }))).toBe('Queued');
    expect(stateText(job({ status: 'running', phase: 'transferring', speed: 1, eta: 1 }, 42))).toBe('Transferring 42%');
    expect(stateText(job({ status: 'running', phase: 'verifying', speed: 0, eta: null }))).toBe('Verifying…');
    expect(stateText(job({ status: 'done', verified: 'checksum', algorithm: 'sha256' }))).toBe('Done — checksum verified (sha256)');
    expect(stateText(job({ status: 'done', verified: 'size' }))).toBe('Done — size verified');
    expect(stateText(job({ status: 'failed', code: 'INTERNAL', message: 'Disk full', attempts: 3 }))).toBe('Failed: Disk full');
    expect(stateText(job({ status: 'skipped', reason: 'target is newer' }))).toBe('Skipped: target is newer');
  });

  it('speed, ETA, overall progress and counts', () => {
    expect(formatSpeed(1536)).toBe('1.5 KiB/s');
    expect(formatSpeed(0)).toBe('');
    expect(formatEta(42)).toBe('42 s');
    expect(formatEta(187)).toBe('3:07');
    expect(formatEta(3725)).toBe('1:02:05');
    expect(formatEta(null)).toBe('');
    const totals: QueueTotals = {
      jobs: 10,
      byStatus: { queued: 2, running: 1, paused: 0, done: 7, skipped: 0, failed: 0, cancelled: 0 },
      bytesTotal: 1000,
      bytesDone: 250,
      speed: 0,
    };
    expect(overallPercent(totals)).toBe(25);
    expect(overallPercent(null)).toBe(0);
    expect(countText(totals)).toBe('3 of 10 transfers left');
  });
});
