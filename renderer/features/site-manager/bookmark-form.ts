/**
 * A site bookmark as its little form holds it, and the rules main's schema
 * applies to it (name required, remote folder required, no line breaks), so
 * a bad bookmark is refused next to its field instead of failing the save.
 */
import type { Bookmark } from '../../../shared/model/site.js';

/** A bookmark as typed: the local folder as text, empty meaning none. */
export interface BookmarkDraft {
  readonly id: string;
  readonly name: string;
  readonly remoteDir: string;
  readonly localDir: string;
}

/** One message per bookmark field with a problem. */
export type BookmarkErrors = Partial<Record<'name' | 'remoteDir' | 'localDir', string>>;

/** The editable copy of a stored bookmark. */
export function bookmarkToDraft(bookmark: Bookmark): BookmarkDraft {
  return { id: bookmark.id, name: bookmark.name, remoteDir: bookmark.remoteDir, localDir: bookmark.localDir ?? '' };
}

const CONTROL = /[\0-\x1f\x7f]/;
const LINE_BREAK = /[\r\n\0]/;

/** The problems main’s schema would refuse, worded for the field they belong to. */
export function validateBookmark(draft: BookmarkDraft): BookmarkErrors {
  const errors: BookmarkErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'Enter a name for the bookmark.';
  else if (name.length > 255 || CONTROL.test(name)) errors.name = 'Use at most 255 characters and no control characters.';
  const remote = draft.remoteDir.trim();
  if (remote === '') errors.remoteDir = 'Enter the remote folder to open.';
  else if (LINE_BREAK.test(remote) || remote.length > 4096) errors.remoteDir = 'A folder must not contain line breaks.';
  if (LINE_BREAK.test(draft.localDir) || draft.localDir.length > 4096) errors.localDir = 'A folder must not contain line breaks.';
  return errors;
}

/** The bookmark to keep, or null when the draft has problems (see `validateBookmark`). */
export function draftToBookmark(draft: BookmarkDraft): Bookmark | null {
  if (Object.keys(validateBookmark(draft)).length > 0) return null;
  const local = draft.localDir.trim();
  return { id: draft.id, name: draft.name.trim(), remoteDir: draft.remoteDir.trim(), localDir: local === '' ? null : local };
}

/** Replaces the bookmark with the same id, or appends a new one. */
export function upsertBookmark(list: readonly Bookmark[], bookmark: Bookmark): Bookmark[] {
  return list.some((b) => b.id === bookmark.id) ? list.map((b) => (b.id === bookmark.id ? bookmark : b)) : [...list, bookmark];
}
