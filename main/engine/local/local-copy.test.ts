import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFs } from './local-fs.js';

let dir = '';
const data = randomBytes(3 * 1024 * 1024 + 17);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-local-copy-'));
  await writeFile(join(dir, 'src.bin'), data);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LocalFs download/upload (local copies)', () => {
  const fs = new LocalFs();

  it('copies a whole file and reports progress ending with the exact total', async () => {
    const seen: number[] = [];
    const result = await fs.download(join(dir, 'src.bin'), join(dir, 'a.bin'), { onProgress: (bytes) => seen.push(bytes) });
    expect(result.bytes).toBe(data.length);
    expect((await readFile(join(dir, 'a.bin'))).equals(data)).toBe(true);
    expect(seen.at(-1)).toBe(data.length);
    expect(await fs.size(join(dir, 'a.bin'))).toBe(data.length);
    expect(await fs.size(join(dir, 'missing.bin'))).toBeNull();
  });

  it('resumes from an offset, keeping the bytes before it and cutting a stale longer tail', async () => {
    await writeFile(join(dir, 'part.bin'), Buffer.concat([data.subarray(0, 1000), Buffer.alloc(data.length, 7), Buffer.from('stale tail')]));
    const result = await fs.upload(join(dir, 'src.bin'), join(dir, 'part.bin'), { offset: 1000 });
    expect(result.bytes).toBe(data.length - 1000);
    expect((await readFile(join(dir, 'part.bin'))).equals(data)).toBe(true);
  });

  it('refuses an offset past the end of either side', async () => {
    await expect(fs.download(join(dir, 'src.bin'), join(dir, 'x.bin'), { offset: data.length + 1 })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await writeFile(join(dir, 'short.bin'), 'abc');
    await expect(fs.download(join(dir, 'src.bin'), join(dir, 'short.bin'), { offset: 10 })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('rejects with CANCELLED when aborted and leaves no empty file from a fresh copy', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fs.download(join(dir, 'src.bin'), join(dir, 'never.bin'), { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(stat(join(dir, 'never.bin'))).rejects.toThrow();
    await expect(fs.download(join(dir, 'nope.bin'), join(dir, 'never.bin'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stat(join(dir, 'never.bin'))).rejects.toThrow();
  });

  it('stops mid-copy on abort, keeping what was written for a resume', async () => {
    const controller = new AbortController();
    const copy = fs.download(join(dir, 'src.bin'), join(dir, 'cut.bin'), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(copy).rejects.toMatchObject({ code: 'CANCELLED' });
    const kept = (await stat(join(dir, 'cut.bin'))).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(data.length);
  });

  it('awaits the throttle per block, and a rejected throttle under an abort is CANCELLED', async () => {
    const asked: number[] = [];
    await fs.download(join(dir, 'src.bin'), join(dir, 'slow.bin'), { throttle: async (bytes) => void asked.push(bytes) });
    expect(asked.reduce((a, b) => a + b, 0)).toBe(data.length);
    expect(asked.length).toBeGreaterThan(1);
    const controller = new AbortController();
    const throttle = async (): Promise<void> => {
      controller.abort();
      throw new DOMException('This operation was aborted', 'AbortError');
    };
    await expect(fs.download(join(dir, 'src.bin'), join(dir, 'limited.bin'), { signal: controller.signal, throttle })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('LocalFs modifiedTime and replacing rename', () => {
  const fs = new LocalFs();

  it('tells a file\'s time, null when missing', async () => {
    await writeFile(join(dir, 'timed.txt'), 'x');
    expect(await fs.modifiedTime(join(dir, 'timed.txt'))).toBe((await stat(join(dir, 'timed.txt'))).mtimeMs);
    expect(await fs.modifiedTime(join(dir, 'no-such.txt'))).toBeNull();
  });

  it('replaces an existing target only when asked to', async () => {
    await writeFile(join(dir, 'new.part'), 'new');
    await writeFile(join(dir, 'final.txt'), 'old');
    await expect(fs.rename(join(dir, 'new.part'), join(dir, 'final.txt'))).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await fs.rename(join(dir, 'new.part'), join(dir, 'final.txt'), { replace: true });
    expect(await readFile(join(dir, 'final.txt'), 'utf8')).toBe('new');
    await expect(stat(join(dir, 'new.part'))).rejects.toThrow();
  });
});
