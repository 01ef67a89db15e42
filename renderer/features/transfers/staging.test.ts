import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../stores/testing/fake-api.js';
import { chunkRanges, stageFiles, toBase64, type DroppedFile } from './staging.js';

function memFile(relativePath: string, text: string): DroppedFile {
  const bytes = new TextEncoder().encode(text);
  return { relativePath, size: bytes.length, read: (s, e) => Promise.resolve(bytes.slice(s, e).buffer) };
}

describe('staging', () => {
  it('chunks and base64', () => {
    expect(chunkRanges(0, 4)).toEqual([]);
    expect(chunkRanges(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(toBase64(new TextEncoder().encode('hello').buffer)).toBe('aGVsbG8=');
  });

  it('stages files in order per file, then commits; reports progress', async () => {
    const api = createFakeApi();
    let n = 0;
    const received = new Map<string, string>();
    const stages = new Map<string, string>();
    api.handle('staging.begin', ({ relativePath }) => {
      const stageId = `s${n++}`;
      stages.set(stageId, relativePath);
      received.set(relativePath, '');
      return { stageId };
    });
    api.handle('staging.write', ({ stageId, offset, data }) => {
      const path = stages.get(stageId) ?? '';
      const sofar = received.get(path) ?? '';
      expect(offset).toBe(sofar.length);
      received.set(path, sofar + atob(data));
      return { written: atob(data).length };
    });
    api.handle('staging.commit', () => ({ ids: ['j1', 'j2', 'j3'], refused: [] }));
    const progress: number[] = [];
    const result = await stageFiles(api, [memFile('a.txt', 'abcdefghij'), memFile('dir/b.txt', 'xyz'), memFile('empty', '')], {
      sessionId: 'sess',
      remoteDir: '/srv',
      chunkSize: 4,
      parallel: 2,
      batchId: 'batch1',
      onProgress: (p) => progress.push(p.bytesDone),
    });
    expect(result.ids).toEqual(['j1', 'j2', 'j3']);
    expect(Object.fromEntries(received)).toEqual({ 'a.txt': 'abcdefghij', 'dir/b.txt': 'xyz', empty: '' });
    expect(progress.at(-1)).toBe(13);
    expect(api.calls.at(-1)).toEqual({ method: 'staging.commit', params: { batchId: 'batch1', sessionId: 'sess', remoteDir: '/srv' } });
    expect(api.calls.filter((c) => c.method === 'staging.write').every((c) => (c.params as { data: string }).data.length <= 8)).toBe(true);
  });

  it('aborts the batch when a write fails', async () => {
    const api = createFakeApi();
    api.handle('staging.begin', () => ({ stageId: 's' }));
    api.handle('staging.write', () => Promise.reject(new Error('disk full')));
    api.handle('staging.abort', () => ({}));
    await expect(stageFiles(api, [memFile('a', 'abc')], { sessionId: 's', remoteDir: '/', batchId: 'b' })).rejects.toThrow('disk full');
    expect(api.calls.at(-1)).toEqual({ method: 'staging.abort', params: { batchId: 'b' } });
    expect(api.calls.some((c) => c.method === 'staging.commit')).toBe(false);
  });
});
