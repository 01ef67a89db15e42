/**
 * The queue end to end against the in-memory server: trees both ways,
 * verification, temp names, conflicts, speed limits, batching.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import type { ConflictQuestion, TransferProgressBatch } from '../../../shared/model/transfer.js';
import { FakeServer, replyFailure } from './fake-server.testing.js';
import { PART_SUFFIX } from './paths.js';
import { makeTree, openTestQueue, sha256, sha256File, tempDir, treeTime, unfinished } from './queue-tests.testing.js';

const SIZES = [0, 1, 1000, 70_000, 200_000];

describe('TransferQueue with a fake server', () => {
  it('uploads a tree (structure, empty folders, content, times) and downloads it back', async () => {
    const server = new FakeServer();
    server.checksums = true;
    const local = await tempDir('ferry-q-');
    const files = await makeTree(join(local, 'tree'), 4, 10, SIZES);
    const { queue, events } = await openTestQueue(() => server.connect(), { concurrency: 4 });
    const added = await queue.add({ direction: 'upload', siteKey: 'fake', localPath: join(local, 'tree'), remoteDir: '/up' });
    expect(added.ids).toHaveLength(1 + 1 + 4 + 40);
    await queue.whenIdle();
    const snapshot = queue.snapshot();
    expect(unfinished(snapshot.jobs)).toEqual([]);
    expect(server.dirs.has('/up/tree/empty folder')).toBe(true);
    for (const file of files) {
      const remote = server.files.get(`/up/tree/${file.rel}`);
      expect(remote && sha256(remote.data)).toBe(file.sha256);
      expect(remote?.mtime).toBe(treeTime(file.rel, 10));
    }
    expect([...server.files.keys()].filter((path) => path.endsWith(PART_SUFFIX))).toEqual([]);
    const fileJobs = snapshot.jobs.filter((job) => job.kind === 'file');
    expect(fileJobs.every((job) => job.state.status === 'done' && job.state.verified === 'checksum' && job.state.algorithm === 'sha256')).toBe(true);
    expect(server.peakLive).toBeLessThanOrEqual(4);
    expect(snapshot.totals.bytesDone).toBe(snapshot.totals.bytesTotal);

    const down = await tempDir('ferry-q-down-');
    await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/up/tree', localDir: down });
    await queue.whenIdle();
    expect(unfinished(queue.snapshot().jobs)).toEqual([]);
    for (const file of files) {
      expect(await sha256File(join(down, 'tree', file.rel))).toBe(file.sha256);
      expect((await stat(join(down, 'tree', file.rel))).mtimeMs).toBe(treeTime(file.rel, 10));
    }
    expect(await readdir(join(down, 'tree', 'empty folder'))).toEqual([]);
    // Progress arrived batched: far fewer events than changes, each job once per batch.
    const batches = events.flatMap((event) => (event.type === 'progress' ? [event.batch] : []));
    for (const batch of batches) expect(new Set(batch.changed.map((job) => job.id)).size).toBe(batch.changed.length);
    await queue.close();
  });

  it('never shows the final name before the upload is complete and verified', async () => {
    const server = new FakeServer();
    const local = await tempDir('ferry-q-');
    await writeFile(join(local, 'big.bin'), Buffer.alloc(300_000, 7));
    const seen: [boolean, boolean][] = [];
    server.onChunk = (info) => void seen.push([server.files.has('/big.bin'), server.files.has(info.path)]);
    const { queue } = await openTestQueue(() => server.connect());
    await queue.add({ direction: 'upload', siteKey: 'fake', localPath: join(local, 'big.bin'), remoteDir: '/' });
    await queue.whenIdle();
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every(([final]) => !final)).toBe(true);
    expect(server.files.has('/big.bin')).toBe(true);

    // A permanent failure leaves no file under the final name.
    server.onChunk = (info) => {
      if (info.pos > 0) throw replyFailure(552, 'Exceeded storage allocation');
    };
    await writeFile(join(local, 'second.bin'), Buffer.alloc(300_000, 1));
    await queue.add({ direction: 'upload', siteKey: 'fake', localPath: join(local, 'second.bin'), remoteDir: '/' });
    await queue.whenIdle();
    const failed = queue.snapshot().jobs.find((job) => job.localPath.endsWith('second.bin'));
    expect(failed?.state).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed?.state.status === 'failed' && failed.state.message).toMatch(/552 Exceeded storage/);
    expect(server.files.has('/second.bin')).toBe(false);
    await queue.close();
  });

  it('uploads straight to the final name when temp names are off for the site', async () => {
    const server = new FakeServer();
    const local = await tempDir('ferry-q-');
    await writeFile(join(local, 'f.bin'), Buffer.alloc(200_000, 3));
    const names = new Set<string>();
    server.onChunk = (info) => void names.add(info.path);
    const { queue } = await openTestQueue(() => server.connect(), { sites: { fake: { tempNames: false } } });
    await queue.add({ direction: 'upload', siteKey: 'fake', localPath: join(local, 'f.bin'), remoteDir: '/' });
    await queue.whenIdle();
    expect([...names]).toEqual(['/f.bin']);
    await queue.close();
  });

  it('asks about existing files one at a time and applies "apply to all"', async () => {
    const server = new FakeServer();
    const local = await tempDir('ferry-q-');
    await mkdir(join(local, 'd'));
    for (let i = 0; i < 6; i++) {
      await writeFile(join(local, 'd', `f${i}.txt`), `new ${i}`);
      server.put(`/d/f${i}.txt`, `old ${i}`);
    }
    const questions: ConflictQuestion[] = [];
    const { queue } = await openTestQueue(() => server.connect(), { defaultConflictAction: 'ask' }, {
      onConflict: async (question) => {
        questions.push(question);
        return { action: 'rename', applyToAll: true };
      },
    });
    await queue.add({ direction: 'upload', siteKey: 'fake', localPath: join(local, 'd'), remoteDir: '/' });
    await queue.whenIdle();
    expect(questions).toHaveLength(1);
    expect(questions[0]?.suggestedName).toMatch(/^f\d \(1\)\.txt$/);
    for (let i = 0; i < 6; i++) {
      expect(server.files.get(`/d/f${i}.txt`)?.data.toString()).toBe(`old ${i}`);
      expect(server.files.get(`/d/f${i} (1).txt`)?.data.toString()).toBe(`new ${i}`);
    }
    await queue.close();
  });

  it.each([
    ['overwrite', 'new content!', 'new content!'],
    ['skip', 'new content!', 'old'],
    ['overwrite-if-size-differs', 'new', 'old'],
    ['resume', 'old + the rest', 'old + the rest'],
  ] as const)('downloads with "%s" over an existing file', async (action, remote, expected) => {
    const server = new FakeServer();
    server.put('/f.txt', remote);
    const down = await tempDir('ferry-q-');
    await writeFile(join(down, 'f.txt'), 'old');
    const { queue } = await openTestQueue(() => server.connect(), { defaultConflictAction: action });
    await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/f.txt', type: 'file', localDir: down });
    await queue.whenIdle();
    expect(await readFile(join(down, 'f.txt'), 'utf8')).toBe(expected);
    if (action === 'resume') expect(server.calls.at(-1)).toMatchObject({ offset: 3, bytes: remote.length - 3 });
    await queue.close();
  });

  it('fails a job whose checksum does not match, and retries it from zero', async () => {
    const server = new FakeServer();
    server.checksums = true;
    const local = await tempDir('ferry-q-');
    await writeFile(join(local, 'f.bin'), Buffer.alloc(150_000, 9));
    let corrupted = false;
    const { queue } = await openTestQueue(async () => {
      const fs = await server.connect();
      const upload = fs.upload.bind(fs);
      fs.upload = async (from, to, options) => {
        const result = await upload(from, to, options);
        const file = server.files.get(to);
        if (!corrupted && file) {
          corrupted = true;
          file.data[100] = 0; // same size, different content: only a checksum can tell
        }
        return result;
      };
      return fs;
    });
    await queue.add({ direction: 'upload', siteKey: 'fake', localPath: join(local, 'f.bin'), remoteDir: '/' });
    await queue.whenIdle();
    const [job] = queue.snapshot().jobs;
    expect(job?.state).toEqual({ status: 'done', verified: 'checksum', algorithm: 'sha256' });
    expect(job?.attempts).toBe(1);
    expect(server.calls.filter((call) => call.op === 'upload').map((call) => call.offset)).toEqual([0, 0]);
    expect(sha256(server.files.get('/f.bin')?.data ?? Buffer.alloc(0))).toBe(sha256(Buffer.alloc(150_000, 9)));
    await queue.close();
  });

  it('honours the global speed limit across parallel transfers', async () => {
    const server = new FakeServer();
    const local = await tempDir('ferry-q-');
    await mkdir(join(local, 'd'));
    for (let i = 0; i < 4; i++) await writeFile(join(local, 'd', `f${i}`), Buffer.alloc(128 * 1024, i));
    const { queue } = await openTestQueue(() => server.connect(), { concurrency: 4, uploadLimit: 1024 * 1024 });
    const started = Date.now();
    await queue.add({ direction: 'upload', siteKey: 'fake', localPath: join(local, 'd'), remoteDir: '/' });
    await queue.whenIdle();
    const seconds = (Date.now() - started) / 1000;
    // 512 KiB at 1 MiB/s: ~0.5 s less the initial burst allowance (0.25 s).
    expect(seconds).toBeGreaterThan(0.2);
    expect(unfinished(queue.snapshot().jobs)).toEqual([]);
    await queue.close();
  });

  it('works with a server without SIZE, using the listing', async () => {
    const server = new FakeServer();
    server.put('/d/f.bin', Buffer.alloc(100_000, 4));
    const local = await tempDir('ferry-q-');
    await writeFile(join(local, 'up.bin'), Buffer.alloc(70_000, 2));
    const { queue } = await openTestQueue(async () => {
      const fs = await server.connect();
      fs.size = () => Promise.reject(new FerryError('UNSUPPORTED', 'The server cannot report the size (no SIZE command)'));
      // Nor can it confirm an upload's size (the FTP adapter then returns none).
      const upload = fs.upload.bind(fs);
      fs.upload = async (...args) => ({ bytes: (await upload(...args)).bytes });
      return fs;
    });
    await queue.add([
      { direction: 'download', siteKey: 'fake', remotePath: '/d/f.bin', type: 'file', localDir: local },
      { direction: 'upload', siteKey: 'fake', localPath: join(local, 'up.bin'), remoteDir: '/d' },
    ]);
    await queue.whenIdle();
    expect(unfinished(queue.snapshot().jobs)).toEqual([]);
    expect(await sha256File(join(local, 'f.bin'))).toBe(sha256(Buffer.alloc(100_000, 4)));
    expect(server.files.get('/d/up.bin')?.data.length).toBe(70_000);
    await queue.close();
  });

  it('refuses invalid settings', async () => {
    const { queue } = await openTestQueue(() => new FakeServer().connect());
    expect(() => queue.updateSettings({ concurrency: 0 })).toThrow(/concurrency/);
    expect(() => queue.updateSettings({ concurrency: 33 })).toThrow(/concurrency/);
    expect(queue.updateSettings({ concurrency: 32 }).concurrency).toBe(32);
    await queue.close();
  });

  it('sends progress as a few batches a second, not one event per chunk', async () => {
    const server = new FakeServer();
    const local = await tempDir('ferry-q-');
    await writeFile(join(local, 'f.bin'), Buffer.alloc(64 * 1024 * 40, 1));
    server.onChunk = () => new Promise((resolve) => setTimeout(resolve, 10));
    const { queue, events } = await openTestQueue(() => server.connect(), {}, { batchIntervalMs: 250 });
    const started = Date.now();
    await queue.add({ direction: 'upload', siteKey: 'fake', localPath: join(local, 'f.bin'), remoteDir: '/' });
    await queue.whenIdle();
    const seconds = (Date.now() - started) / 1000;
    const batches = events.filter((event): event is { type: 'progress'; batch: TransferProgressBatch } => event.type === 'progress');
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 2);
    expect(batches.length).toBeGreaterThan(1);
    await queue.close();
  });
});
