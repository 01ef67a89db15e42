/**
 * "The target file already exists": FileZilla's rules for each answer, as
 * pure functions. What the user is asked, and "apply to all", live in
 * conflict-gate.ts.
 */
import type { ConflictAction, ConflictSide } from '../../../shared/model/transfer.js';

export type ConflictDecision =
  | { readonly kind: 'overwrite' }
  | { readonly kind: 'resume'; readonly offset: number }
  | { readonly kind: 'rename'; readonly name: string }
  | { readonly kind: 'skip'; readonly reason: string };

/**
 * Modification times closer than this count as equal: FTP `LIST` dates have
 * minute precision and FAT file systems 2-second precision, so a copy made a
 * moment ago must not look "older" than its source.
 */
export const TIME_TOLERANCE_MS = 2_000;

/**
 * What to do with an existing target. `renameTo` is the free name to use for
 * `rename` (the user's choice or `suggestFreeName`'s).
 *
 * - overwrite-if-newer: overwrite when the source is newer; when either time
 *   is unknown, overwrite (FileZilla does the same: it cannot prove the target
 *   is current).
 * - overwrite-if-size-differs: skip when both sizes are known and equal.
 * - resume: continue from the target's size when it is shorter than the
 *   source; skip when equal (nothing left to send); overwrite when longer or
 *   unknown (the target is not a prefix of the source).
 */
export function decideConflict(action: ConflictAction, source: ConflictSide, target: ConflictSide, renameTo: string): ConflictDecision {
  switch (action) {
    case 'overwrite':
      return { kind: 'overwrite' };
    case 'skip':
      return { kind: 'skip', reason: 'the target exists (skip)' };
    case 'rename':
      return { kind: 'rename', name: renameTo };
    case 'overwrite-if-newer':
      if (source.modified !== null && target.modified !== null && source.modified <= target.modified + TIME_TOLERANCE_MS) {
        return { kind: 'skip', reason: 'the target is as new as the source' };
      }
      return { kind: 'overwrite' };
    case 'overwrite-if-size-differs':
      if (source.size !== null && source.size === target.size) return { kind: 'skip', reason: 'the target has the same size' };
      return { kind: 'overwrite' };
    case 'resume':
      if (source.size === null || target.size === null || target.size > source.size) return { kind: 'overwrite' };
      if (target.size === source.size) return { kind: 'skip', reason: 'the target is already complete' };
      return { kind: 'resume', offset: target.size };
  }
}

/** Splits `name.ext` so numbering goes before the extension; dot files (`.bashrc`) have none. */
function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/**
 * The first free name of the form `name (1).ext`, `name (2).ext`, … as
 * FileZilla and most file managers suggest. `taken` says whether a candidate
 * exists (a set of the folder's names, usually).
 */
export function suggestFreeName(name: string, taken: (candidate: string) => boolean, limit = 10_000): string {
  const [stem, ext] = splitExtension(name);
  for (let i = 1; i <= limit; i++) {
    const candidate = `${stem} (${i})${ext}`;
    if (!taken(candidate)) return candidate;
  }
  return `${stem} (${Date.now()})${ext}`;
}
