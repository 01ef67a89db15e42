/**
 * An upload's first attempt takes the size and time the folder walk
 * measured instead of measuring each file again; the adapter checks them
 * against the file it opens. A file changed since it was queued must still
 * go up as it is now, and the conflict rules must judge it as it is now.
 */
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeServer } from './fake-server.testing.js';
import { openTestQueue, sha256, tempDir, unfinished } from './queue-tests.testing.js';

const OLD = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));
const NEWER = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

describe('TransferQueue uploads of files changed since they were queued', () => {
  it('uploads the file as it is when it runs, not as it was listed', async () => {
    const server = new FakeServer();
    const local = await tempDir('ferry-q-src-');
    const path = join(local, 'report.txt');
    await writeFile(path, 'first draft');
    const lines: string[] = [];
    const { queue } = await openTestQueue(() => server.connect(), {}, { log: (text) => lines.push(text) });
    queue.pause();
    await queue.add({ direction: 'upload', siteKey: 'fake', localPath: path, remoteDir: '/' });
    const final = Buffer.from('the final version, longer than the first draft');
    await writeFile(path, final);
    queue.resume();
    await queue.whenIdle();
    expect(unfinished(queue.snapshot().jobs)).toEqual([]);
    const [job] = queue.snapshot().jobs;
    expect(job).toMatchObject({ size: final.length, attempts: 0 });
    expect(sha256(server.files.get('/report.txt')?.data ?? Buffer.alloc(0))).toBe(sha256(final));
    expect(lines.some((line) => line.includes('report.txt changed since it was queued'))).toBe(true);
    await queue.close();
  });

  it('judges "overwrite if newer" by the file as it is now', async () => {
    const server = new FakeServer();
    server.put('/notes.txt', 'server copy', Date.UTC(2022, 0, 1));
    const local = await tempDir('ferry-q-src-');
    const path = join(local, 'notes.txt');
    await writeFile(path, 'local copy');
    await utimes(path, OLD, OLD);
    const { queue } = await openTestQueue(() => server.connect(), { defaultConflictAction: 'overwrite-if-newer' });
    queue.pause();
    // Listed older than the server's copy (would be skipped); edited since, now newer.
    await queue.add({ direction: 'upload', siteKey: 'fake', localPath: path, remoteDir: '/' });
    await writeFile(path, 'local copy, edited');
    await utimes(path, NEWER, NEWER);
    queue.resume();
    await queue.whenIdle();
    const [job] = queue.snapshot().jobs;
    expect(job?.state.status).toBe('done');
    expect(server.files.get('/notes.txt')?.data.toString()).toBe('local copy, edited');
    await queue.close();
  });
});
