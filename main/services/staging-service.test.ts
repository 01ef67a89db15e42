import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { TransferQueue } from '../engine/queue/transfer-queue.js';
import { createStagingService, STALE_BATCH_MS } from './staging-service.js';

let dataDir = '';
let queue: TransferQueue;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ferry-staging-'));
  queue = await TransferQueue.create({ dataDir, start: false, open: () => Promise.reject(new FerryError('CONNECTION_REFUSED', 'offline')) });
});
afterEach(async () => {
  await queue.close();
  await rm(dataDir, { recursive: true, force: true });
});

function staging() {
  return createStagingService({
    dataDir,
    queue: async () => queue,
    sessions: { siteKeyOf: (id) => (id === 's1' ? 'quick:ftp://u@h:21' : (() => { throw new FerryError('NOT_CONNECTED', 'no'); })()) },
    log: () => {},
  });
}

describe('staging service', () => {
  it('deletes batches older than a day at start, keeps recent ones', async () => {
    const old = join(dataDir, 'staging', 'old');
    const fresh = join(dataDir, 'staging', 'fresh');
    await mkdir(old, { recursive: true });
    await mkdir(fresh, { recursive: true });
    const past = new Date(Date.now() - STALE_BATCH_MS - 60_000);
    await utimes(old, past, past);
    await staging().ready();
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it('writes chunks in order inside the batch folder, refusing gaps, overruns and bad base64', async () => {
    const service = staging();
    const { stageId } = await service.begin('b1', 'dir/f.txt', 6);
    const path = join(dataDir, 'staging', 'b1', 'dir', 'f.txt');
    expect(await readFile(path)).toEqual(Buffer.alloc(0));
    await expect(service.begin('b1', 'dir/f.txt', 6)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(service.begin('b1', 'dir/../../x', 1)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(service.write(stageId, 1, 'YWJj')).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(service.write(stageId, 0, 'not base64!')).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect(await service.write(stageId, 0, Buffer.from('abc').toString('base64'))).toEqual({ written: 3 });
    await expect(service.write(stageId, 3, Buffer.from('defg').toString('base64'))).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(service.commit('b1', 's1', '/up')).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect(await service.write(stageId, 3, Buffer.from('def').toString('base64'))).toEqual({ written: 6 });
    await expect(service.commit('b1', 'gone', '/up')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    expect(await readFile(path, 'utf8')).toBe('abcdef');
  });

  it('queues the top-level entries on commit; removing the jobs deletes the staged files', async () => {
    const service = staging();
    for (const [rel, text] of [['folder/a.txt', 'a'], ['folder/sub/b.txt', 'bb'], ['top.txt', 'ccc']] as const) {
      const { stageId } = await service.begin('b2', rel, text.length);
      await service.write(stageId, 0, Buffer.from(text).toString('base64'));
    }
    const { ids, refused } = await service.commit('b2', 's1', '/up');
    expect(refused).toEqual([]);
    const jobs = ids.map((id) => queue.get(id));
    expect(jobs.map((job) => [job?.kind, job?.remotePath]).sort()).toEqual([
      ['file', '/up/folder/a.txt'],
      ['file', '/up/folder/sub/b.txt'],
      ['file', '/up/top.txt'],
      ['folder', '/up/folder'],
      ['folder', '/up/folder/sub'],
    ]);
    expect(jobs.every((job) => job?.siteKey === 'quick:ftp://u@h:21')).toBe(true);
    await expect(service.abort('b2')).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    queue.remove(ids);
    await expect.poll(() => existsSync(join(dataDir, 'staging', 'b2')), { timeout: 5000, interval: 20 }).toBe(false);
  });

  it('abort deletes an uncommitted batch', async () => {
    const service = staging();
    await service.begin('b3', 'x.bin', 4);
    await writeFile(join(dataDir, 'staging', 'b3', 'other'), 'x');
    await service.abort('b3');
    expect(existsSync(join(dataDir, 'staging', 'b3'))).toBe(false);
  });
});
