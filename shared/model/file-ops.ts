/**
 * Long file operations (recursive delete, recursive chmod, remote search)
 * report as they go, and remote editing has a small state machine; both are
 * plain data crossing IPC.
 */
import type { Entry } from './entry.js';

export type FsOperationEvent =
  | { readonly operationId: string; readonly kind: 'progress'; readonly done: number; readonly total: number | null; readonly current: string | null }
  | { readonly operationId: string; readonly kind: 'item-failed'; readonly path: string; readonly reason: string }
  /** One search hit: the folder it is in and its entry. */
  | { readonly operationId: string; readonly kind: 'found'; readonly folder: string; readonly entry: Entry }
  | { readonly operationId: string; readonly kind: 'finished'; readonly cancelled: boolean };

/**
 * A remote file open for editing. `watching`: the local copy is open in an
 * editor; `modified`: it was saved and differs from what was uploaded — ask;
 * `remote-changed`: the server's copy changed since it was opened (size or
 * mtime) — warn and offer overwrite / download theirs / cancel.
 */
export type EditStatus = 'watching' | 'modified' | 'uploading' | 'remote-changed' | 'closed';

export interface EditState {
  readonly editId: string;
  readonly sessionId: string;
  readonly remotePath: string;
  readonly localPath: string;
  readonly status: EditStatus;
  /** "Don't ask again for this file": uploads happen on save without a question. */
  readonly autoUpload: boolean;
  readonly message: string | null;
}
