import { describe, expect, it } from 'vitest';
import type { ConflictQuestion, TransferJob } from '../../../shared/model/transfer.js';
import { decideConflict, suggestFreeName } from './conflict.js';
import { ConflictGate } from './conflict-gate.js';

const T = Date.UTC(2024, 0, 1);
const side = (size: number | null, modified: number | null) => ({ path: '/x', size, modified });

describe('decideConflict', () => {
  it('overwrite always overwrites; skip always skips', () => {
    expect(decideConflict('overwrite', side(1, T), side(2, T), '')).toEqual({ kind: 'overwrite' });
    expect(decideConflict('skip', side(1, T), side(2, T), '').kind).toBe('skip');
  });

  it('overwrite-if-newer compares times, with tolerance for coarse listings', () => {
    expect(decideConflict('overwrite-if-newer', side(1, T + 60_000), side(1, T), '')).toEqual({ kind: 'overwrite' });
    expect(decideConflict('overwrite-if-newer', side(1, T), side(1, T + 60_000), '').kind).toBe('skip');
    expect(decideConflict('overwrite-if-newer', side(1, T + 1000), side(1, T), '').kind).toBe('skip');
    expect(decideConflict('overwrite-if-newer', side(1, null), side(1, T), '')).toEqual({ kind: 'overwrite' });
  });

  it('overwrite-if-size-differs', () => {
    expect(decideConflict('overwrite-if-size-differs', side(5, T), side(5, 0), '').kind).toBe('skip');
    expect(decideConflict('overwrite-if-size-differs', side(5, T), side(4, 0), '')).toEqual({ kind: 'overwrite' });
  });

  it('resume continues a shorter target, skips a complete one, overwrites a longer one', () => {
    expect(decideConflict('resume', side(100, T), side(40, T), '')).toEqual({ kind: 'resume', offset: 40 });
    expect(decideConflict('resume', side(100, T), side(100, T), '').kind).toBe('skip');
    expect(decideConflict('resume', side(100, T), side(140, T), '')).toEqual({ kind: 'overwrite' });
  });

  it('rename uses the given name', () => {
    expect(decideConflict('rename', side(1, T), side(1, T), 'a (1).txt')).toEqual({ kind: 'rename', name: 'a (1).txt' });
  });
});

describe('suggestFreeName', () => {
  it('numbers before the extension, skipping taken names', () => {
    const taken = new Set(['report.pdf', 'report (1).pdf', 'report (2).pdf']);
    expect(suggestFreeName('report.pdf', (n) => taken.has(n))).toBe('report (3).pdf');
  });

  it('handles names without an extension and dot files', () => {
    expect(suggestFreeName('Makefile', () => false)).toBe('Makefile (1)');
    expect(suggestFreeName('.bashrc', () => false)).toBe('.bashrc (1)');
    expect(suggestFreeName('archive.tar.gz', () => false)).toBe('archive.tar (1).gz');
  });
});

describe('ConflictGate', () => {
  const job = (id: string, direction: 'upload' | 'download' = 'upload'): TransferJob => ({
    id, kind: 'file', direction, siteKey: 's', localPath: '/l', remotePath: '/r', size: 1, modified: 1, transferred: 0,
    state: { status: 'running', phase: 'checking', speed: 0, eta: null }, order: 1, conflictAction: null, attempts: 0, interrupted: false, ascii: false,
  });
  const question = (id: string) => async (): Promise<ConflictQuestion> => ({ jobId: id, direction: 'upload', source: side(1, 1), target: side(1, 1), suggestedName: 'x (1)' });

  it('asks one question at a time and applies "apply to all" to those waiting', async () => {
    const asked: string[] = [];
    let release: () => void = () => {};
    const gate = new ConflictGate(async (q) => {
      asked.push(q.jobId);
      await new Promise<void>((resolve) => (release = resolve));
      return { action: 'overwrite', applyToAll: true };
    }, () => 'ask');
    const answers = Promise.all(['a', 'b', 'c'].map((id) => gate.choose(job(id), question(id))));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(asked).toEqual(['a']);
    release();
    expect((await answers).map((choice) => choice.action)).toEqual(['overwrite', 'overwrite', 'overwrite']);
    expect(asked).toEqual(['a']);
    expect(gate.applyToAll.upload).toBe('overwrite');
    // The other direction is still asked.
    const other = gate.choose(job('d', 'download'), question('d'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(asked).toEqual(['a', 'd']);
    release();
    await other;
  });

  it('uses the job\'s own choice, then the default, and skips when nobody can be asked', async () => {
    const gate = new ConflictGate(null, () => 'ask');
    expect((await gate.choose({ ...job('a'), conflictAction: 'resume' }, question('a'))).action).toBe('resume');
    expect((await gate.choose(job('b'), question('b'))).action).toBe('skip');
    const withDefault = new ConflictGate(null, () => 'overwrite-if-newer');
    expect((await withDefault.choose(job('c'), question('c'))).action).toBe('overwrite-if-newer');
  });

  it('lets a job cancelled while its question is open end at once', async () => {
    const gate = new ConflictGate(() => new Promise(() => {}), () => 'ask');
    const controller = new AbortController();
    const choice = gate.choose(job('a'), question('a'), controller.signal);
    controller.abort('cancel');
    await expect(choice).rejects.toBe('cancel');
  });

  it('refuses a hostile "new name"', async () => {
    const gate = new ConflictGate(async () => ({ action: 'rename', applyToAll: false, newName: '../../etc/passwd' }), () => 'ask');
    expect(await gate.choose(job('a'), question('a'))).toEqual({ action: 'rename', newName: undefined });
  });
});
