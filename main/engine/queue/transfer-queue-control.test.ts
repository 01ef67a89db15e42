/**
 * Steering the queue against the in-memory server: pause and resume mid-file
 * (resume without resending), cancel, retries with backoff, "421 too many
 * connections", order, and persistence across a clean stop and a crash.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import { DEFAULT_QUEUE_SETTINGS, type TransferJob } from '../../../shared/model/transfer.js';
import { writeJsonFileAtomic } from '../store/json-file.js';
import { CHUNK, FakeServer, replyFailure } from './fake-server.testing.js';
import { partPath } from './paths.js';
import { QUEUE_FILE } from './queue-store.js';
import { openTestQueue, sha256, sha256File, tempDir, unfinished } from './queue-tests.testing.js';
import { CRASH_MARGIN_BYTES } from './run-context.js';

/** Resolves when `predicate` holds, polling every few ms (never a fixed sleep). */
async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('TransferQueue control', () => {
  it('pauses a running download mid-file and resumes it without resending bytes', async () => {
    const server = new FakeServer();
    const data = Buffer.alloc(CHUNK * 20, 5);
    server.put('/big.bin', data);
    const hold: { release: (() => void) | null } = { release: null };
    server.onChunk = (info) => (info.pos >= CHUNK * 8 && hold.release === null ? new Promise<void>((resolve) => (hold.release = resolve)) : undefined);
    const down = await tempDir('ferry-q-');
    const { queue } = await openTestQueue(() => server.connect());
    const { ids } = await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/big.bin', type: 'file', localDir: down });
    const id = ids[0] ?? '';
    await until(() => hold.release !== null);
    queue.pause([id]);
    hold.release?.();
    await until(() => queue.get(id)?.state.status === 'paused');
    const cut = (await stat(partPath(join(down, 'big.bin')))).size;
    expect(cut).toBe(CHUNK * 8);
    queue.resume([id]);
    await queue.whenIdle();
    expect(queue.get(id)?.state.status).toBe('done');
    expect(server.calls.map((call) => [call.offset, call.bytes])).toEqual([
      [0, CHUNK * 8],
      [cut, data.length - cut],
    ]);
    expect(await sha256File(join(down, 'big.bin'))).toBe(sha256(data));
    await queue.close();
  });

  it('cancels a running download and removes its partial file', async () => {
    const server = new FakeServer();
    server.put('/big.bin', Buffer.alloc(CHUNK * 20, 5));
    let reached = false;
    server.onChunk = (info) => {
      if (info.pos >= CHUNK * 4) reached = true;
      return new Promise((resolve) => setTimeout(resolve, 2));
    };
    const down = await tempDir('ferry-q-');
    const { queue } = await openTestQueue(() => server.connect());
    const { ids } = await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/big.bin', type: 'file', localDir: down });
    await until(() => reached);
    queue.cancel(ids);
    await queue.whenIdle();
    expect(queue.get(ids[0] ?? '')?.state.status).toBe('cancelled');
    await expect(stat(partPath(join(down, 'big.bin')))).rejects.toThrow();
    await expect(stat(join(down, 'big.bin'))).rejects.toThrow();
    queue.retry(ids);
    await queue.whenIdle();
    expect(queue.get(ids[0] ?? '')?.state.status).toBe('done');
    await queue.close();
  });

  it('retries transient failures with backoff, resuming where the connection broke', async () => {
    const server = new FakeServer();
    const data = Buffer.alloc(CHUNK * 6, 1);
    server.put('/f.bin', data);
    let failures = 0;
    server.onChunk = (info) => {
      if (info.pos === CHUNK * 3 && failures < 2) {
        failures++;
        throw new FerryError('CONNECTION_LOST', 'The connection was lost (ECONNRESET)');
      }
    };
    const down = await tempDir('ferry-q-');
    const { queue } = await openTestQueue(() => server.connect(), { retries: 3 });
    const { ids } = await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/f.bin', type: 'file', localDir: down });
    await queue.whenIdle();
    const job = queue.get(ids[0] ?? '');
    expect(job?.state.status).toBe('done');
    expect(job?.attempts).toBe(2);
    expect(server.calls.map((call) => call.offset)).toEqual([0, CHUNK * 3, CHUNK * 3]);
    expect(await sha256File(join(down, 'f.bin'))).toBe(sha256(data));
    await queue.close();
  });

  it('gives up after the configured retries and keeps the server\'s reason', async () => {
    const server = new FakeServer();
    server.put('/f.bin', Buffer.alloc(10, 1));
    server.onChunk = () => {
      throw replyFailure(426, 'Failure reading network stream.');
    };
    const { queue } = await openTestQueue(() => server.connect(), { retries: 2 });
    const { ids } = await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/f.bin', type: 'file', localDir: await tempDir('ferry-q-') });
    await queue.whenIdle();
    expect(queue.get(ids[0] ?? '')?.state).toMatchObject({ status: 'failed', attempts: 3, message: expect.stringMatching(/426 Failure reading/) });
    expect(server.calls).toHaveLength(3);
    await queue.close();
  });

  it('fails a permanent refusal at once', async () => {
    const server = new FakeServer();
    server.put('/secret', Buffer.alloc(10, 1));
    server.onChunk = () => {
      throw replyFailure(550, 'Permission denied.', 'PERMISSION_DENIED');
    };
    const { queue } = await openTestQueue(() => server.connect(), { retries: 5 });
    const { ids } = await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/secret', type: 'file', localDir: await tempDir('ferry-q-') });
    await queue.whenIdle();
    expect(queue.get(ids[0] ?? '')?.state).toMatchObject({ status: 'failed', code: 'PERMISSION_DENIED', attempts: 1 });
    expect(server.calls).toHaveLength(1);
    await queue.close();
  });

  it('lowers the site\'s concurrency on "421 too many connections" and completes everything', async () => {
    const server = new FakeServer();
    server.maxConnections = 2;
    for (let i = 0; i < 20; i++) server.put(`/d/f${i}`, Buffer.alloc(1000, i));
    server.onChunk = () => new Promise((resolve) => setTimeout(resolve, 2));
    const { queue, events } = await openTestQueue(() => server.connect(), { concurrency: 6, perSiteLimit: 6 });
    await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/d', type: 'dir', localDir: await tempDir('ferry-q-') });
    await queue.whenIdle();
    expect(unfinished(queue.snapshot().jobs)).toEqual([]);
    expect(server.refused).toBeGreaterThan(0);
    expect(server.peakLive).toBe(2);
    expect(events.some((event) => event.type === 'notice' && /using 2 from now on/.test(event.text))).toBe(true);
    await queue.close();
  });

  it('runs jobs in queue order; moveToTop jumps the line', async () => {
    const server = new FakeServer();
    for (const name of ['a', 'b', 'c', 'd']) server.put(`/${name}`, name);
    const down = await tempDir('ferry-q-');
    const { queue } = await openTestQueue(() => server.connect(), { concurrency: 1 }, { start: false });
    const { ids } = await queue.add(['a', 'b', 'c', 'd'].map((name) => ({ direction: 'download' as const, siteKey: 'fake', remotePath: `/${name}`, type: 'file' as const, localDir: down })));
    queue.moveToTop([ids[3] ?? '', ids[2] ?? '']);
    queue.moveToBottom([ids[0] ?? '']);
    expect(queue.snapshot().jobs.map((job) => job.remotePath)).toEqual(['/c', '/d', '/b', '/a']);
    queue.resume();
    await queue.whenIdle();
    expect(server.calls.map((call) => call.path)).toEqual(['/c', '/d', '/b', '/a']);
    await queue.close();
  });

  it('continues after a restart on the same data folder without resending finished files', async () => {
    const server = new FakeServer();
    for (let i = 0; i < 12; i++) server.put(`/d/f${String(i).padStart(2, '0')}`, Buffer.alloc(CHUNK * 3, i));
    server.onChunk = () => new Promise((resolve) => setTimeout(resolve, 3));
    const down = await tempDir('ferry-q-');
    const first = await openTestQueue(() => server.connect(), { concurrency: 2 });
    await first.queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/d', type: 'dir', localDir: down });
    await until(() => first.queue.snapshot().totals.byStatus.done >= 5);
    await first.queue.close();
    const doneBefore = first.queue.snapshot().jobs.filter((job) => job.state.status === 'done' && job.kind === 'file').map((job) => job.remotePath);
    expect(doneBefore.length).toBeLessThan(12);
    const second = await openTestQueue(() => server.connect(), {}, { dataDir: first.dataDir });
    expect(second.queue.snapshot().jobs).toHaveLength(13);
    await second.queue.whenIdle();
    expect(unfinished(second.queue.snapshot().jobs)).toEqual([]);
    for (let i = 0; i < 12; i++) expect(await sha256File(join(down, 'd', `f${String(i).padStart(2, '0')}`))).toBe(sha256(Buffer.alloc(CHUNK * 3, i)));
    for (const path of doneBefore) expect(server.calls.filter((call) => call.path === path)).toHaveLength(1);
    // Bytes sent over both runs: each file once (a resumed file's two calls add up to its size).
    const perPath = new Map<string, number>();
    for (const call of server.calls) perPath.set(call.path, (perPath.get(call.path) ?? 0) + call.bytes);
    for (const bytes of perPath.values()) expect(bytes).toBe(CHUNK * 3);
    await second.queue.close();
  });

  it('after a crash, resumes from the confirmed bytes less a margin, not from a partial file\'s size', async () => {
    const server = new FakeServer();
    const data = Buffer.alloc(CRASH_MARGIN_BYTES + 2 * 1024 * 1024, 7);
    server.put('/big.bin', data);
    const down = await tempDir('ferry-q-');
    const dataDir = await tempDir('ferry-q-data-');
    const target = join(down, 'big.bin');
    // What a killed process leaves: the part file holds out-of-order bytes (garbage here) beyond the confirmed count.
    const confirmed = CRASH_MARGIN_BYTES + 1024 * 1024;
    const part = Buffer.concat([data.subarray(0, confirmed), Buffer.alloc(512 * 1024, 0xee)]);
    await writeFile(partPath(target), part);
    const job: TransferJob = {
      id: 'crashed', kind: 'file', direction: 'download', siteKey: 'fake', localPath: target, remotePath: '/big.bin', size: data.length, modified: null,
      transferred: confirmed, state: { status: 'running', phase: 'transferring', speed: 1, eta: 1 }, order: 1, conflictAction: null, attempts: 0, interrupted: false, ascii: false,
    };
    await writeJsonFileAtomic(join(dataDir, QUEUE_FILE), { version: 1, active: true, running: true, settings: DEFAULT_QUEUE_SETTINGS, applyToAll: {}, jobs: [job] });
    const { queue } = await openTestQueue(() => server.connect(), {}, { dataDir });
    await queue.whenIdle();
    expect(queue.get('crashed')?.state.status).toBe('done');
    expect(server.calls).toEqual([{ op: 'download', path: '/big.bin', offset: confirmed - CRASH_MARGIN_BYTES, bytes: data.length - (confirmed - CRASH_MARGIN_BYTES) }]);
    expect(sha256(await readFile(target))).toBe(sha256(data));
    await queue.close();
  });

  it('keeps a restored queue waiting when told not to start', async () => {
    const server = new FakeServer();
    server.put('/f', 'x');
    const first = await openTestQueue(() => server.connect(), {}, { start: false });
    await first.queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/f', type: 'file', localDir: await tempDir('ferry-q-') });
    await first.queue.close();
    const second = await openTestQueue(() => server.connect(), {}, { dataDir: first.dataDir, start: false });
    await second.queue.whenIdle();
    expect(server.calls).toEqual([]);
    expect(second.queue.snapshot().active).toBe(false);
    second.queue.resume();
    await second.queue.whenIdle();
    expect(server.calls).toHaveLength(1);
    await second.queue.close();
  });

  it('stops the whole queue and starts it again', async () => {
    const server = new FakeServer();
    for (let i = 0; i < 6; i++) server.put(`/d/f${i}`, Buffer.alloc(CHUNK * 4, i));
    server.onChunk = () => new Promise((resolve) => setTimeout(resolve, 3));
    const { queue } = await openTestQueue(() => server.connect(), { concurrency: 2 });
    await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/d', type: 'dir', localDir: await tempDir('ferry-q-') });
    await until(() => queue.snapshot().totals.byStatus.running > 0);
    queue.pause();
    await queue.whenIdle();
    const stopped = queue.snapshot();
    expect(stopped.active).toBe(false);
    expect(stopped.totals.byStatus.running).toBe(0);
    expect(stopped.totals.byStatus.queued).toBeGreaterThan(0);
    queue.resume();
    await queue.whenIdle();
    expect(unfinished(queue.snapshot().jobs)).toEqual([]);
    await queue.close();
  });
});
