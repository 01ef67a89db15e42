import { describe, expect, it } from 'vitest';
import type { QueueSnapshot, QueueTotals, TransferJob, TransferProgressBatch, TransferState } from '../../shared/model/transfer.js';
import { DEFAULT_QUEUE_SETTINGS } from '../../shared/model/transfer.js';
import { createFakeApi, settle, type FakeApi } from './testing/fake-api.js';
import { createQueueStore, refusedText, tabOf } from './queue-store.js';

const TOTALS: QueueTotals = {
  jobs: 0,
  byStatus: { queued: 0, running: 0, paused: 0, done: 0, skipped: 0, failed: 0, cancelled: 0 },
  bytesTotal: 0,
  bytesDone: 0,
  speed: 0,
};

function job(id: string, order: number, state: TransferState = { status: 'queued' }, extra: Partial<TransferJob> = {}): TransferJob {
  return {
    id,
    kind: 'file',
    direction: 'upload',
    siteKey: 's',
    localPath: `/l/${id}`,
    remotePath: `/r/${id}`,
    size: 100,
    modified: null,
    transferred: 0,
    state,
    order,
    conflictAction: null,
    attempts: 0,
    interrupted: false,
    ascii: false,
    ...extra,
  };
}

function snapshot(jobs: TransferJob[], seq = 1): QueueSnapshot {
  return { seq, active: true, jobs, settings: DEFAULT_QUEUE_SETTINGS, totals: TOTALS };
}

function batch(seq: number, changed: TransferJob[], removed: string[] = []): TransferProgressBatch {
  return { seq, active: true, changed, removed, totals: TOTALS };
}

async function started(jobs: TransferJob[], seq = 1): Promise<{ api: FakeApi; store: ReturnType<typeof createQueueStore> }> {
  const api = createFakeApi();
  api.handle('queue.snapshot', () => snapshot(jobs, seq));
  const store = createQueueStore(api);
  store.getState().start();
  await settle();
  return { api, store };
}

const FAILED: TransferState = { status: 'failed', code: 'INTERNAL', message: 'boom', attempts: 1 };

describe('queue store', () => {
  it('maps statuses to tabs', () => {
    expect(tabOf(job('a', 0, { status: 'running', phase: 'transferring', speed: 1, eta: 1 }))).toBe('queued');
    expect(tabOf(job('a', 0, { status: 'paused' }))).toBe('queued');
    expect(tabOf(job('a', 0, { status: 'cancelled' }))).toBe('failed');
    expect(tabOf(job('a', 0, FAILED))).toBe('failed');
    expect(tabOf(job('a', 0, { status: 'skipped', reason: 'same' }))).toBe('done');
    expect(tabOf(job('a', 0, { status: 'done', verified: 'size' }))).toBe('done');
  });

  it('loads the snapshot into ordered tab lists', async () => {
    const { store } = await started([job('b', 2), job('a', 1), job('f', 3, FAILED), job('d', 4, { status: 'done', verified: 'size' })]);
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.tabs).toEqual({ queued: ['a', 'b'], failed: ['f'], done: ['d'] });
    expect(s.jobs.get('a')?.localPath).toBe('/l/a');
  });

  it('applies batches: changed jobs by id, removals, moves between tabs, stale batches ignored', async () => {
    const { api, store } = await started([job('a', 1), job('b', 2), job('c', 3, { status: 'done', verified: 'size' })], 5);
    api.emit('queue.progress', batch(5, [job('a', 1, FAILED)])); // already in the snapshot
    expect(store.getState().tabs.failed).toEqual([]);
    api.emit('queue.progress', batch(6, [job('a', 1, { status: 'done', verified: 'checksum', algorithm: 'sha256' })], ['c']));
    const s = store.getState();
    expect(s.tabs).toEqual({ queued: ['b'], failed: [], done: ['a'] });
    expect(s.jobs.has('c')).toBe(false);
    expect(s.seq).toBe(6);
  });

  it('a progress-only batch keeps the tab arrays (O(changed)) and bumps the revision', async () => {
    const { api, store } = await started([job('a', 1), job('b', 2)]);
    const before = store.getState();
    const running = job('a', 1, { status: 'running', phase: 'transferring', speed: 10, eta: 5 }, { transferred: 50 });
    api.emit('queue.progress', batch(2, [running]));
    const after = store.getState();
    expect(after.tabs.queued).toBe(before.tabs.queued);
    expect(after.revision).toBe(before.revision + 1);
    expect(after.jobs.get('a')).toBe(running);
  });

  it('re-sorts a tab when order changes (move to top) and adds new jobs in order', async () => {
    const { api, store } = await started([job('a', 1), job('b', 2), job('c', 3)]);
    api.emit('queue.progress', batch(2, [job('c', 0), job('d', 10)]));
    expect(store.getState().tabs.queued).toEqual(['c', 'a', 'b', 'd']);
  });

  it('buffers batches that arrive before the snapshot and applies the newer ones after it', async () => {
    const api = createFakeApi();
    let resolve: (s: QueueSnapshot) => void = () => undefined;
    api.handle('queue.snapshot', () => new Promise<QueueSnapshot>((r) => (resolve = r)));
    const store = createQueueStore(api);
    store.getState().start();
    await settle();
    api.emit('queue.progress', batch(3, [job('x', 1, FAILED)]));
    api.emit('queue.progress', batch(4, [job('y', 2)]));
    resolve(snapshot([job('x', 1)], 3));
    await settle();
    expect(store.getState().tabs).toEqual({ queued: ['x', 'y'], failed: [], done: [] });
  });

  it('handles 10,000 jobs and a batch of progress quickly', async () => {
    const jobs = Array.from({ length: 10_000 }, (_, i) => job(`j${i}`, i));
    const { api, store } = await started(jobs);
    const changed = Array.from({ length: 200 }, (_, i) => job(`j${i}`, i, { status: 'running', phase: 'transferring', speed: 1, eta: 1 }, { transferred: 10 }));
    const t = performance.now();
    for (let k = 0; k < 20; k++) api.emit('queue.progress', batch(2 + k, changed));
    expect(performance.now() - t).toBeLessThan(500);
    expect(store.getState().tabs.queued).toHaveLength(10_000);
  });

  it('selection per tab; actions send the selected ids in queue order', async () => {
    const { api, store } = await started([job('a', 1), job('b', 2), job('c', 3), job('f', 4, FAILED), job('g', 5, FAILED)]);
    api.handle('queue.cancel', () => ({}));
    api.handle('queue.moveToTop', () => ({}));
    api.handle('queue.retry', () => ({}));
    const s = store.getState();
    s.click('c');
    s.click('a', { toggle: true });
    await store.getState().cancelSelected();
    await store.getState().moveToTop();
    expect(api.calls.filter((c) => c.method === 'queue.cancel')[0]?.params).toEqual({ ids: ['a', 'c'] });
    expect(api.calls.filter((c) => c.method === 'queue.moveToTop')[0]?.params).toEqual({ ids: ['a', 'c'] });

    // Retry failed: all failed from another tab, the selection on the Failed tab.
    await store.getState().retryFailed();
    store.getState().setTab('failed');
    expect(store.getState().selected.size).toBe(0);
    store.getState().click('g');
    await store.getState().retryFailed();
    const retries = api.calls.filter((c) => c.method === 'queue.retry').map((c) => c.params);
    expect(retries).toEqual([{ ids: ['f', 'g'] }, { ids: ['g'] }]);
  });

  it('drops selected ids that leave the visible tab', async () => {
    const { api, store } = await started([job('a', 1), job('b', 2)]);
    store.getState().selectAll();
    api.emit('queue.progress', batch(2, [job('a', 1, { status: 'done', verified: 'size' })]));
    expect([...store.getState().selected]).toEqual(['b']);
  });

  it('pause/resume toggles on the active flag; add reports refused items', async () => {
    const { api, store } = await started([]);
    api.handle('queue.pause', () => ({}));
    api.handle('queue.add', () => ({ ids: ['1'], refused: [{ path: '/x/bad', reason: 'link to a folder' }] }));
    await store.getState().toggleActive();
    expect(api.calls.at(-1)?.method).toBe('queue.pause');
    api.emit('queue.progress', { ...batch(2, []), active: false });
    expect(store.getState().active).toBe(false);
    api.handle('queue.resume', () => ({}));
    await store.getState().toggleActive();
    expect(api.calls.at(-1)?.method).toBe('queue.resume');
    const result = await store.getState().add('s1', [{ direction: 'upload', localPath: '/a', remoteDir: '/r' }]);
    expect(result?.ids).toEqual(['1']);
    expect(store.getState().notice).toBe('Not queued — /x/bad: link to a folder');
    expect(refusedText([])).toBeNull();
  });

  it('a failed snapshot shows an error', async () => {
    const api = createFakeApi();
    api.handle('queue.snapshot', () => Promise.reject(new Error('no queue')));
    const store = createQueueStore(api);
    store.getState().start();
    await settle();
    expect(store.getState()).toMatchObject({ status: 'error', error: 'no queue' });
  });

  it('updateSettings stores what main returns', async () => {
    const { api, store } = await started([]);
    api.handle('queue.updateSettings', (p) => ({ ...DEFAULT_QUEUE_SETTINGS, ...p }) as typeof DEFAULT_QUEUE_SETTINGS);
    expect(await store.getState().updateSettings({ concurrency: 8 })).toBe(true);
    expect(store.getState().settings?.concurrency).toBe(8);
  });
});
