/**
 * An SFTP upload writes chunks out of order, so when its connection dies the
 * remote partial file may be longer than what was confirmed, with a hole
 * below its end; the adapter cuts it back only if it can still reach the
 * server, and a pooled connection that failed is closed with that pending
 * cut. The retry must therefore resume no further than the bytes the job saw
 * confirmed — not from the remote size. (A run of the real SSH cut test
 * once ended with a wrong sha256 this way.)
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import type { TransferJob } from '../../../shared/model/transfer.js';
import { CHUNK, FakeServer } from './fake-server.testing.js';
import { PART_SUFFIX } from './paths.js';
import { openTestQueue, sha256, tempDir } from './queue-tests.testing.js';
import { resumeOffset } from './run-context.js';

const job = (patch: Partial<TransferJob>): TransferJob => ({
  id: 'j', kind: 'file', direction: 'upload', siteKey: 's', localPath: '/l', remotePath: '/r', size: 1000, modified: null,
  transferred: 0, state: { status: 'queued' }, order: 1, conflictAction: null, attempts: 0, interrupted: false, ascii: false, ...patch,
});

describe('resuming after a failed attempt', () => {
  it('goes no further than the confirmed bytes', () => {
    expect(resumeOffset(600, 1000, job({ attempts: 1, transferred: 400 }), false, true)).toBe(400);
    expect(resumeOffset(300, 1000, job({ attempts: 1, transferred: 400 }), false, true)).toBe(300);
    // A first attempt (no failure): what is there, e.g. after a pause that cut the file back itself.
    expect(resumeOffset(600, 1000, job({ transferred: 400 }), false, true)).toBe(600);
    // FTP stores the stream in order (and a download's partial file is local, cut by the adapter): all of it counts.
    expect(resumeOffset(600, 1000, job({ attempts: 1, transferred: 400 }), false, false)).toBe(600);
  });

  it('an upload whose remote partial file got garbage beyond the confirmed bytes ends byte-exact', async () => {
    const server = new FakeServer();
    const data = Buffer.alloc(CHUNK * 8);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;
    const local = await tempDir('ferry-q-');
    await writeFile(join(local, 'f.bin'), data);
    let failed = false;
    server.onChunk = (info) => {
      if (failed || info.op !== 'upload' || info.pos !== CHUNK * 4) return;
      failed = true;
      // What an out-of-order SFTP upload can leave when its connection dies: a hole of zeros, then a later chunk.
      const part = server.files.get(`/f.bin${PART_SUFFIX}`);
      if (part) part.data = Buffer.concat([part.data, Buffer.alloc(CHUNK), data.subarray(CHUNK * 5, CHUNK * 6)]);
      throw new FerryError('CONNECTION_LOST', 'The connection was lost (ECONNRESET)');
    };
    // Like SftpFs: uploads may leave holes.
    const { queue } = await openTestQueue(async () => Object.assign(await server.connect(), { uploadsMayLeaveHoles: true }), { retries: 2 });
    const { ids } = await queue.add({ direction: 'upload', siteKey: 'fake', localPath: join(local, 'f.bin'), remoteDir: '/' });
    await queue.whenIdle();
    expect(queue.get(ids[0] ?? '')?.state.status).toBe('done');
    const resumed = server.calls.filter((call) => call.op === 'upload').at(-1);
    expect(resumed?.offset).toBeLessThanOrEqual(CHUNK * 4);
    expect(sha256(server.files.get('/f.bin')?.data ?? Buffer.alloc(0))).toBe(sha256(data));
    await queue.close();
  });
});
