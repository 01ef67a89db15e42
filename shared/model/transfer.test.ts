import { describe, expect, it } from 'vitest';
import { CONFLICT_ACTIONS, DEFAULT_QUEUE_SETTINGS, MAX_CONCURRENCY, MIN_CONCURRENCY, type TransferState } from './transfer.js';

describe('transfer model', () => {
  it('defaults to 4 transfers, temp names, checksums and times on, and asking about conflicts', () => {
    expect(DEFAULT_QUEUE_SETTINGS.concurrency).toBe(4);
    expect(DEFAULT_QUEUE_SETTINGS.concurrency).toBeGreaterThanOrEqual(MIN_CONCURRENCY);
    expect(DEFAULT_QUEUE_SETTINGS.concurrency).toBeLessThanOrEqual(MAX_CONCURRENCY);
    expect(DEFAULT_QUEUE_SETTINGS).toMatchObject({ tempNames: true, verifyChecksums: true, preserveTimes: true, defaultConflictAction: 'ask' });
  });

  it('offers FileZilla\'s six "file exists" answers', () => {
    expect(CONFLICT_ACTIONS).toEqual(['overwrite', 'overwrite-if-newer', 'overwrite-if-size-differs', 'resume', 'rename', 'skip']);
  });

  it('is plain JSON (it crosses IPC and lives in queue.json)', () => {
    const state: TransferState = { status: 'done', verified: 'checksum', algorithm: 'sha256' };
    expect(JSON.parse(JSON.stringify({ state, settings: DEFAULT_QUEUE_SETTINGS }))).toEqual({ state, settings: DEFAULT_QUEUE_SETTINGS });
  });
});
