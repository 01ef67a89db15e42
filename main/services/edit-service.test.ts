import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import type { EditState } from '../../shared/model/file-ops.js';
import { LocalFs } from '../engine/local/local-fs.js';
import { createEditService, type EditService } from './edit-service.js';

/** Remote editing against the local disk standing in for a server ("remote" = a folder). */
describe('edit service', () => {
  let work: string;
  let edits: EditService;
  const events: EditState[] = [];
  const opened: string[] = [];

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'ferry-edit-unit-'));
    await mkdir(join(work, 'server'));
    await mkdir(join(work, 'temp'));
    const fs = new LocalFs();
    events.length = 0;
    opened.length = 0;
    edits = createEditService({
      sessions: {
        fs: () => fs,
        siteKeyOf: () => {
          throw new FerryError('NOT_CONNECTED', 'local');
        },
      },
      opener: (path) => void opened.push(path),
      emit: (state) => events.push(state),
      log: () => undefined,
      pollMs: 50,
      debounceMs: 20,
      tempRoot: join(work, 'temp'),
    });
  });

  afterEach(async () => {
    await edits.closeAll();
    await rm(work, { recursive: true, force: true });
  });

  it('refuses a remote path whose last segment is .. and leaves no temp folder behind', async () => {
    await expect(edits.open('local', `${join(work, 'server')}/..`)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(readdirCount(join(work, 'temp'))).resolves.toBe(0);
  });

  it('downloads into a private folder, reports a save, and refuses to overwrite a changed remote file unless forced', async () => {
    const remote = join(work, 'server', 'notes [1].txt');
    await writeFile(remote, 'v1');
    const state = await edits.open('local', remote);
    expect(opened).toEqual([state.localPath]);
    expect((await stat(dirname(state.localPath))).mode & 0o777).toBe(0o700);
    await writeFile(state.localPath, 'mine, longer');
    await expect.poll(() => events.some((e) => e.status === 'modified'), { timeout: 5000, interval: 20 }).toBe(true);
    await writeFile(remote, 'theirs, different size');
    expect((await edits.upload(state.editId, false)).status).toBe('remote-changed');
    expect(await readFile(remote, 'utf8')).toBe('theirs, different size');
    expect((await edits.upload(state.editId, true)).status).toBe('watching');
    expect(await readFile(remote, 'utf8')).toBe('mine, longer');
    await writeFile(remote, 'x');
    await edits.reload(state.editId);
    expect(await readFile(state.localPath, 'utf8')).toBe('x');
    await edits.close(state.editId, false);
    await expect(stat(dirname(state.localPath))).rejects.toThrow();
    await expect(edits.upload(state.editId, false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

async function readdirCount(dir: string): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(dir)).length;
}
