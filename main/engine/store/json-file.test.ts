import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonFile, writeJsonFileAtomic } from './json-file.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const asNumberList = (raw: unknown): number[] => {
  if (!Array.isArray(raw) || !raw.every((n) => typeof n === 'number')) throw new Error('not a number list');
  return raw;
};

describe('JSON files', () => {
  it('round-trips and leaves no temp file behind', async () => {
    const path = join(dir, 'doc.json');
    await writeJsonFileAtomic(path, [1, 2, 3]);
    await writeJsonFileAtomic(path, [4]);
    expect(await readJsonFile(path, asNumberList)).toEqual({ status: 'ok', value: [4] });
    expect(await readdir(dir)).toEqual(['doc.json']);
  });

  it('reports a missing file as missing', async () => {
    expect(await readJsonFile(join(dir, 'none.json'), asNumberList)).toEqual({ status: 'missing' });
  });

  it('moves a corrupt or invalid file aside and says why, keeping its bytes', async () => {
    const path = join(dir, 'doc.json');
    await writeFile(path, '{"half": ');
    const result = await readJsonFile(path, asNumberList);
    expect(result.status).toBe('corrupt');
    if (result.status !== 'corrupt') return;
    expect(await readFile(result.backup, 'utf8')).toBe('{"half": ');
    await writeFile(path, '{"a": 1}');
    expect(await readJsonFile(path, asNumberList)).toMatchObject({ status: 'corrupt', reason: 'not a number list' });
  });
});
