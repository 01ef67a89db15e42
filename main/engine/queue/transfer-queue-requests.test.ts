/**
 * What the queue asks the server besides moving bytes. A tree of small files
 * is dominated by round trips, so a job made from a listing trusts the
 * listing's size (checked against what arrives) and exact time, and an
 * upload into a folder the queue created does not ask whether its target
 * exists. Each saving keeps the safety it replaces: a stale listing, a
 * minutes-only time or a second job for the same path still asks.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeServer } from './fake-server.testing.js';
import { makeTree, openTestQueue, sha256, sha256File, tempDir, unfinished } from './queue-tests.testing.js';

/** Whole-second times with seconds (as MLSD and SFTP list them), and minutes only (as LIST does). */
const EXACT = Date.UTC(2022, 1, 3, 4, 5, 6);
const MINUTES = Date.UTC(2022, 1, 3, 4, 5, 0);

function serverWithTree(time: number): FakeServer {
  const server = new FakeServer();
  for (let i = 0; i < 12; i++) server.put(`/src/d${i % 3}/f${i}.bin`, Buffer.alloc(1000 + i, i), time + (time === EXACT ? i * 1000 : i * 60_000));
  return server;
}

describe('TransferQueue requests per file', () => {
  it('downloads a listed tree without asking for sizes or times when the listing has exact times', async () => {
    const server = serverWithTree(EXACT);
    const local = await tempDir('ferry-q-req-');
    const { queue } = await openTestQueue(() => server.connect(), { concurrency: 4 });
    await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/src', type: 'dir', localDir: local });
    await queue.whenIdle();
    expect(unfinished(queue.snapshot().jobs)).toEqual([]);
    expect(server.asked.get('size')).toBeUndefined();
    expect(server.asked.get('modifiedTime')).toBeUndefined();
    expect(server.asked.get('stat')).toBeUndefined();
    for (const [path, file] of server.files) {
      const target = join(local, path.replace(/^\//, ''));
      expect(sha256(await readFile(target))).toBe(sha256(file.data));
      expect((await stat(target)).mtimeMs).toBe(file.mtime);
    }
    await queue.close();
  });

  it('asks for the exact time when the listing has minutes only', async () => {
    const server = serverWithTree(MINUTES);
    const local = await tempDir('ferry-q-req-');
    const { queue } = await openTestQueue(() => server.connect(), { concurrency: 4 });
    await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/src', type: 'dir', localDir: local });
    await queue.whenIdle();
    expect(unfinished(queue.snapshot().jobs)).toEqual([]);
    expect(server.asked.get('modifiedTime')).toBe(12);
    expect(server.asked.get('size')).toBeUndefined();
    await queue.close();
  });

  it('asks for the size when what arrived is not what was listed (the file changed since)', async () => {
    const server = new FakeServer();
    server.put('/grown.txt', Buffer.alloc(5000, 1), EXACT);
    const local = await tempDir('ferry-q-req-');
    const { queue } = await openTestQueue(() => server.connect());
    // Listed at 100 bytes; the server now has 5000.
    await queue.add({ direction: 'download', siteKey: 'fake', remotePath: '/grown.txt', type: 'file', size: 100, modified: EXACT, localDir: local });
    await queue.whenIdle();
    const [job] = queue.snapshot().jobs;
    expect(job?.state).toMatchObject({ status: 'done', verified: 'size' });
    expect(server.asked.get('size')).toBe(1);
    expect(await sha256File(join(local, 'grown.txt'))).toBe(sha256(Buffer.alloc(5000, 1)));
    await queue.close();
  });

  it('uploads into a folder it creates without asking whether each target exists, and asks again next time', async () => {
    const server = new FakeServer();
    const local = await tempDir('ferry-q-req-');
    const files = await makeTree(join(local, 'tree'), 3, 4, [10, 2000]);
    const { queue } = await openTestQueue(() => server.connect(), { concurrency: 4 });
    await queue.add({ direction: 'upload', siteKey: 'fake', localPath: join(local, 'tree'), remoteDir: '/' });
    await queue.whenIdle();
    expect(unfinished(queue.snapshot().jobs)).toEqual([]);
    // The adapter confirmed every upload's size; nothing else was asked.
    expect(server.asked.get('size')).toBeUndefined();
    expect(server.asked.get('stat')).toBeUndefined();
    for (const file of files) expect(sha256(server.files.get(`/tree/${file.rel}`)?.data ?? Buffer.alloc(0))).toBe(file.sha256);

    // The same tree again: the folders exist now, so every file is checked ("target exists?").
    await queue.add({ direction: 'upload', siteKey: 'fake', localPath: join(local, 'tree'), remoteDir: '/' });
    await queue.whenIdle();
    expect(unfinished(queue.snapshot().jobs)).toEqual([]);
    expect(server.asked.get('size')).toBe(files.length);
    await queue.close();
  });
});
