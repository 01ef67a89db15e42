import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_SETTINGS, type TransferJob } from '../../../shared/model/transfer.js';
import { FakeClock } from './fake-clock.testing.js';
import type { StoredQueue } from './queue-schema.js';
import { QUEUE_FILE, QueueStore, reviveJobs } from './queue-store.js';

const job = (id: string, state: TransferJob['state'], transferred = 0): TransferJob => ({
  id, kind: 'file', direction: 'download', siteKey: 'site', localPath: `/l/${id}`, remotePath: `/r/${id}`, size: 100, modified: null,
  transferred, state, order: 1, conflictAction: null, attempts: 0, interrupted: false, ascii: false,
});

const queue = (jobs: TransferJob[], running = true): StoredQueue => ({ version: 1, active: true, running, settings: DEFAULT_QUEUE_SETTINGS, applyToAll: { upload: 'overwrite' }, jobs });

describe('QueueStore', () => {
  it('spaces urgent saves by at least ten times the last write (big queues), compact on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-store-'));
    let now = 0;
    const delays: number[] = [];
    const clock = {
      now: () => now,
      setTimeout: (callback: () => void, ms: number) => (delays.push(ms), setTimeout(callback, 0)),
      clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
    };
    // Each write "takes" 40 ms: reading the state is part of it.
    const store = new QueueStore(dir, () => ((now += 40), queue([job('a', { status: 'queued' })])), clock);
    store.markDirty(true);
    await store.flush();
    store.markDirty(true);
    await store.flush();
    expect(delays).toEqual([150, 400]);
    const text = await readFile(join(dir, QUEUE_FILE), 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('writes exactly JSON.stringify of the queue, jobs replaced since the last save as they are now', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-store-'));
    const jobs = [job('a', { status: 'queued' }), job('b', { status: 'running', phase: 'transferring', speed: 5, eta: 3 }, 40), job('c', { status: 'done', verified: 'size' }, 100)];
    let state = queue(jobs);
    const store = new QueueStore(dir, () => state, new FakeClock());
    const saved = async (): Promise<string> => {
      store.markDirty();
      await store.flush();
      return (await readFile(join(dir, QUEUE_FILE), 'utf8')).trimEnd();
    };
    expect(await saved()).toBe(JSON.stringify(state));
    // The table replaces a job that changes; the others are the same objects.
    state = queue([jobs[0] as TransferJob, { ...(jobs[1] as TransferJob), transferred: 90 }, jobs[2] as TransferJob], false);
    expect(await saved()).toBe(JSON.stringify(state));
    expect(JSON.parse(await saved()).jobs[1].transferred).toBe(90);
    state = queue([], false);
    expect(await saved()).toBe(JSON.stringify(state));
  });

  it('round-trips the queue; after a crash running jobs come back queued and interrupted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-store-'));
    const clock = new FakeClock();
    const jobs = [
      job('a', { status: 'running', phase: 'transferring', speed: 10, eta: 5 }, 40),
      job('b', { status: 'queued', retryAt: clock.now() + 5000, lastError: 'reset' }),
      job('c', { status: 'done', verified: 'checksum', algorithm: 'sha256' }, 100),
      job('d', { status: 'failed', code: 'PERMISSION_DENIED', message: '550 Permission denied', attempts: 1 }),
      job('e', { status: 'paused' }, 10),
    ];
    let state = queue(jobs);
    const store = new QueueStore(dir, () => state, clock);
    store.markDirty();
    await store.flush();
    const loaded = await new QueueStore(dir, () => state, clock).load();
    expect(loaded.status).toBe('ok');
    if (loaded.status !== 'ok') return;
    expect(loaded.crashed).toBe(true);
    const byId = new Map(loaded.queue.jobs.map((j) => [j.id, j]));
    expect(byId.get('a')).toMatchObject({ state: { status: 'queued' }, transferred: 40, interrupted: true });
    expect(byId.get('b')?.state).toEqual({ status: 'queued', lastError: 'reset' });
    expect(byId.get('c')?.state).toEqual({ status: 'done', verified: 'checksum', algorithm: 'sha256' });
    expect(byId.get('d')?.state.status).toBe('failed');
    expect(byId.get('e')?.state.status).toBe('paused');
    expect(loaded.queue.applyToAll).toEqual({ upload: 'overwrite' });
    // A clean close: running jobs are not marked interrupted.
    state = queue(jobs, false);
    store.markDirty();
    await store.flush();
    const clean = await store.load();
    expect(clean.status === 'ok' && clean.queue.jobs.find((j) => j.id === 'a')?.interrupted).toBe(false);
  });

  it('throttles writes to one per interval', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-store-'));
    const clock = new FakeClock();
    let reads = 0;
    const store = new QueueStore(dir, () => (reads++, queue([])), clock, 1000);
    for (let i = 0; i < 100; i++) {
      store.markDirty();
      await clock.advance(50);
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 30)); // let the real disk write finish
    }
    await store.flush();
    expect(reads).toBeGreaterThanOrEqual(5);
    expect(reads).toBeLessThanOrEqual(7);
  });

  it('moves a corrupt file aside and starts empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-store-'));
    await writeFile(join(dir, QUEUE_FILE), '{"version": 1, "jobs": [{"id": ');
    const loaded = await new QueueStore(dir, () => queue([])).load();
    expect(loaded.status).toBe('corrupt');
    expect((await readdir(dir)).some((name) => name.startsWith(`${QUEUE_FILE}.corrupt-`))).toBe(true);
    await writeFile(join(dir, QUEUE_FILE), JSON.stringify({ ...queue([]), settings: { ...DEFAULT_QUEUE_SETTINGS, concurrency: 99 } }));
    expect((await new QueueStore(dir, () => queue([])).load()).status).toBe('corrupt');
  });

  it('survives a kill mid-write: the previous file stays whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-store-'));
    const store = new QueueStore(dir, () => queue([job('a', { status: 'queued' })]));
    store.markDirty();
    await store.flush();
    const before = await readFile(join(dir, QUEUE_FILE), 'utf8');
    // What a process killed during writeJsonFileAtomic leaves: a half-written temp file beside the queue.
    await writeFile(join(dir, `.${QUEUE_FILE}.deadbeef.tmp`), before.slice(0, before.length / 2));
    expect(await readFile(join(dir, QUEUE_FILE), 'utf8')).toBe(before);
    const loaded = await new QueueStore(dir, () => queue([])).load();
    expect(loaded.status === 'ok' && loaded.queue.jobs.map((j) => j.id)).toEqual(['a']);
  });

  it('reviveJobs leaves finished jobs alone', () => {
    const done = job('x', { status: 'done', verified: 'size' }, 100);
    expect(reviveJobs([done], true)).toEqual([done]);
  });
});

describe('QueueStore under SIGKILL', () => {
  it('always leaves a whole, loadable queue.json when the writer is killed mid-write', async () => {
    const { build } = await import('esbuild');
    const { spawn } = await import('node:child_process');
    const dir = await mkdtemp(join(tmpdir(), 'ferry-store-kill-'));
    const entry = join(dir, 'writer.ts');
    // A child that saves a growing queue as fast as it can, through the real atomic writer.
    await writeFile(
      entry,
      `import { writeJsonFileAtomic } from ${JSON.stringify(join(process.cwd(), 'main/engine/store/json-file.ts'))};
       const settings = ${JSON.stringify(DEFAULT_QUEUE_SETTINGS)};
       const job = (i: number) => ({ id: 'j' + i, kind: 'file', direction: 'upload', siteKey: 's', localPath: '/l/' + i, remotePath: '/r/' + i,
         size: 1000, modified: null, transferred: i, state: { status: 'queued' }, order: i, conflictAction: null, attempts: 0, interrupted: false, ascii: false });
       const path = process.argv[2] as string;
       for (let n = 1; ; n++) {
         await writeJsonFileAtomic(path, { version: 1, active: true, running: true, settings, applyToAll: {}, jobs: Array.from({ length: 200 + (n % 50) }, (_, i) => job(i)) });
         if (n === 3) process.stdout.write('ready\\n');
       }`,
    );
    const script = join(dir, 'writer.mjs');
    await build({ entryPoints: [entry], outfile: script, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' });
    for (let round = 0; round < 10; round++) {
      const child = spawn(process.execPath, [script, join(dir, QUEUE_FILE)], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const loaded = await new QueueStore(dir, () => queue([])).load();
      expect(loaded.status).toBe('ok');
      expect(loaded.status === 'ok' && loaded.crashed).toBe(true);
    }
  }, 30_000);
});
