import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import type { LogEntry } from '../../shared/model/log.js';
import { createLogStore } from './log-store.js';
import { createFakeApi, settle } from './testing/fake-api.js';

const line = (seq: number, kind: LogEntry['kind'] = 'info'): LogEntry => ({ seq, time: 1000 + seq, sessionId: null, kind, text: `line ${seq}` });
const seqs = (entries: readonly LogEntry[]): number[] => entries.map((e) => e.seq);

describe('log store', () => {
  it('loads history, then appends live batches without duplicates', async () => {
    const api = createFakeApi();
    let release: (value: readonly LogEntry[]) => void = () => undefined;
    api.handle('log.history', () => new Promise((resolve) => (release = resolve)));
    const store = createLogStore(api);
    store.getState().start();
    await settle();
    api.emit('log.entries', [line(3), line(4)]);
    expect(store.getState().entries).toEqual([]);
    release([line(1), line(2), line(3)]);
    await settle();
    expect(seqs(store.getState().entries)).toEqual([1, 2, 3, 4]);
    api.emit('log.entries', [line(4), line(5)]);
    expect(seqs(store.getState().entries)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps only the newest lines past the cap', () => {
    const store = createLogStore(createFakeApi(), 3);
    store.getState().append([line(1), line(2)]);
    store.getState().append([line(3), line(4), line(5)]);
    expect(seqs(store.getState().entries)).toEqual([3, 4, 5]);
  });

  it('clears the view but never shows cleared lines again', () => {
    const store = createLogStore(createFakeApi());
    store.getState().append([line(1), line(2)]);
    store.getState().clear();
    store.getState().append([line(2), line(3)]);
    expect(seqs(store.getState().entries)).toEqual([3]);
  });

  it('says so when history cannot be loaded, and still shows live lines', async () => {
    const api = createFakeApi();
    api.handle('log.history', () => {
      throw new FerryError('INTERNAL', 'boom');
    });
    const store = createLogStore(api);
    const stop = store.getState().start();
    await settle();
    expect(store.getState().entries[0]).toMatchObject({ kind: 'error', text: 'Could not load the message log: boom' });
    api.emit('log.entries', [line(7)]);
    expect(seqs(store.getState().entries).at(-1)).toBe(7);
    stop();
    expect(api.listenerCount('log.entries')).toBe(0);
  });
});
