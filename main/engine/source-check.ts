/**
 * An upload's check of its local source against what the caller measured
 * earlier. The transfer queue lists a local tree (one lstat per file) and a
 * moment later uploads each file; measuring it again before the upload cost
 * a file-system call per file — on a tree of small files a tenth of the
 * queue's CPU. Instead the queue hands its figures to the adapter, which
 * compares them with the file it opened (the fstat it makes anyway) before
 * anything is sent, and refuses with `SourceChangedError` when they differ:
 * the queue then measures afresh and decides again (conflict rules and the
 * time to set depend on them).
 */
import { FerryError } from '../../shared/errors.js';

/** What the caller last measured of a local file: size in bytes, modification time in ms. */
export interface SourceFacts {
  readonly size: number;
  readonly modified: number;
}

/** The local file is not what the caller measured: measure again. Retryable (the file may still be being written). */
export class SourceChangedError extends FerryError {
  constructor(path: string, expected: SourceFacts, actual: SourceFacts) {
    const what = expected.size === actual.size ? 'its modification time' : `its size (${expected.size} → ${actual.size} bytes)`;
    super('PROTOCOL', `${path} changed since it was queued: ${what}`, { retryable: true });
    this.name = 'SourceChangedError';
  }
}

/** Throws `SourceChangedError` unless the opened file (`actual`, from its fstat) matches `expected`; no `expected`: nothing to check. */
export function checkSource(path: string, expected: SourceFacts | undefined, actual: { readonly size: number; readonly mtimeMs: number }): void {
  if (!expected) return;
  const facts = { size: actual.size, modified: actual.mtimeMs };
  if (expected.size !== facts.size || Math.trunc(expected.modified) !== Math.trunc(facts.modified)) throw new SourceChangedError(path, expected, facts);
}
