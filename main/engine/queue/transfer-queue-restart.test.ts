/**
 * A crash can come after a job renamed its file into place but before
 * "done" was saved. On the next start that file is recognised as the job's
 * own (source size and time, which the queue sets before the rename): the
 * job is done, nothing is sent again and nobody is asked "file exists".
 * A file that only has the size is still the user's to decide about.
 */
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_SETTINGS, type ConflictQuestion, type TransferJob } from '../../../shared/model/transfer.js';
import { writeJsonFileAtomic } from '../store/json-file.js';
import { FakeServer } from './fake-server.testing.js';
import { QUEUE_FILE } from './queue-store.js';
import { openTestQueue, tempDir } from './queue-tests.testing.js';

const TIME = Date.UTC(2023, 2, 4, 5, 6, 7);
const DATA = Buffer.from('the whole file, already in place');

/** Opens a queue over a `queue.json` left by a killed process: `job` was running. */
async function restart(server: FakeServer, job: TransferJob): Promise<{ questions: ConflictQuestion[]; state: TransferJob['state'] | undefined }> {
  const dataDir = await tempDir('ferry-q-data-');
  await writeJsonFileAtomic(join(dataDir, QUEUE_FILE), { version: 1, active: true, running: true, settings: DEFAULT_QUEUE_SETTINGS, applyToAll: {}, jobs: [job] });
  const questions: ConflictQuestion[] = [];
  const { queue } = await openTestQueue(() => server.connect(), { defaultConflictAction: 'ask' }, {
    dataDir,
    onConflict: async (question) => {
      questions.push(question);
      return { action: 'skip', applyToAll: false };
    },
  });
  await queue.whenIdle();
  const state = queue.get(job.id)?.state;
  await queue.close();
  return { questions, state };
}

function runningJob(direction: 'download' | 'upload', localPath: string, remotePath: string): TransferJob {
  return {
    id: 'was-running', kind: 'file', direction, siteKey: 'fake', localPath, remotePath, size: DATA.length, modified: TIME,
    transferred: DATA.length, state: { status: 'running', phase: 'verifying', speed: 1, eta: 0 }, order: 1, conflictAction: null, attempts: 0, interrupted: false, ascii: false,
  };
}

describe('TransferQueue after a crash between the rename and the save', () => {
  it('recognises its own downloaded file and does not download it again', async () => {
    const server = new FakeServer();
    server.put('/f.txt', DATA, TIME);
    const target = join(await tempDir('ferry-q-'), 'f.txt');
    await writeFile(target, DATA);
    await utimes(target, new Date(TIME), new Date(TIME));
    const { questions, state } = await restart(server, runningJob('download', target, '/f.txt'));
    expect(state).toMatchObject({ status: 'done' });
    expect(questions).toEqual([]);
    expect(server.calls).toEqual([]);
  });

  it('recognises its own uploaded file and does not upload it again', async () => {
    const server = new FakeServer();
    const source = join(await tempDir('ferry-q-'), 'f.txt');
    await writeFile(source, DATA);
    await utimes(source, new Date(TIME), new Date(TIME));
    server.put('/f.txt', DATA, TIME);
    const { questions, state } = await restart(server, runningJob('upload', source, '/f.txt'));
    expect(state).toMatchObject({ status: 'done' });
    expect(questions).toEqual([]);
    expect(server.calls).toEqual([]);
  });

  it('asks about a file of the same size but another time (the user\'s own)', async () => {
    const server = new FakeServer();
    server.put('/f.txt', DATA, TIME);
    const target = join(await tempDir('ferry-q-'), 'f.txt');
    await writeFile(target, DATA);
    await utimes(target, new Date(TIME - 3_600_000), new Date(TIME - 3_600_000));
    const { questions, state } = await restart(server, runningJob('download', target, '/f.txt'));
    expect(questions).toHaveLength(1);
    expect(state).toMatchObject({ status: 'skipped' });
    expect(server.calls).toEqual([]);
  });
});
