/**
 * The site's bookmarks: named remote folders (optionally with a local one)
 * offered in the "Bookmarks" menu once connected. Edited here as part of the
 * site, so they are saved (or discarded) with the rest of the form. One
 * bookmark is edited at a time, in a small inline form; Enter keeps it,
 * Escape drops the edit (not the whole dialog).
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { Bookmark } from '../../../shared/model/site.js';
import { LabelledField, controlProps } from '../../ui/labelled-field.js';
import { bookmarkToDraft, draftToBookmark, upsertBookmark, validateBookmark, type BookmarkDraft, type BookmarkErrors } from './bookmark-form.js';

interface BookmarksEditorProps {
  readonly bookmarks: readonly Bookmark[];
  readonly idPrefix: string;
  readonly onChange: (bookmarks: readonly Bookmark[]) => void;
  /** Makes a fresh bookmark id (crypto.randomUUID in the app). */
  readonly newId: () => string;
}

/** Edits the form’s bookmark list; nothing reaches main until the site is saved. */
export function BookmarksEditor({ bookmarks, idPrefix, onChange, newId }: BookmarksEditorProps): ReactElement {
  const [draft, setDraft] = useState<BookmarkDraft | null>(null);
  const [errors, setErrors] = useState<BookmarkErrors>({});
  const nameRef = useRef<HTMLInputElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const ids = (field: string): string => `${idPrefix}-bookmark-${field}`;
  const editing = draft !== null;

  useEffect(() => {
    if (editing) nameRef.current?.focus();
  }, [editing]);

  const start = (next: BookmarkDraft): void => {
    setDraft(next);
    setErrors({});
  };

  const finish = (): void => {
    setDraft(null);
    setErrors({});
    requestAnimationFrame(() => addRef.current?.focus());
  };

  const keep = (): void => {
    if (!draft) return;
    const bookmark = draftToBookmark(draft);
    if (!bookmark) {
      const found = validateBookmark(draft);
      setErrors(found);
      const field = (['name', 'remoteDir', 'localDir'] as const).find((f) => found[f]);
      if (field) document.getElementById(ids(field))?.focus();
      return;
    }
    onChange(upsertBookmark(bookmarks, bookmark));
    finish();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) keep();
    else if (event.key === 'Escape') finish();
    else return;
    // Kept inside: Enter must not save the site, Escape must not close the dialog.
    event.preventDefault();
    event.stopPropagation();
  };

  const set = (patch: Partial<BookmarkDraft>): void => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([field]) => !(field in patch))));
  };

  return (
    <fieldset className="form-section">
      <legend>Bookmarks</legend>
      {bookmarks.length === 0 && !editing ? <p className="form-note">No bookmarks yet.</p> : null}
      {bookmarks.length > 0 ? (
        <ul className="bookmark-list" aria-label="Bookmarks of this site">
          {bookmarks.map((bookmark) => (
            <li key={bookmark.id} className="bookmark-item">
              <span className="bookmark-text">
                <span className="bookmark-name">{bookmark.name}</span>
                <span className="bookmark-path">{bookmark.localDir ? `${bookmark.remoteDir} ↔ ${bookmark.localDir}` : bookmark.remoteDir}</span>
              </span>
              <button type="button" className="button button-small" aria-label={`Edit bookmark ${bookmark.name}`} disabled={editing} onClick={() => start(bookmarkToDraft(bookmark))}>
                Edit
              </button>
              <button type="button" className="button button-small" aria-label={`Remove bookmark ${bookmark.name}`} disabled={editing} onClick={() => onChange(bookmarks.filter((b) => b.id !== bookmark.id))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {draft ? (
        <div className="bookmark-form" role="group" aria-label={bookmarks.some((b) => b.id === draft.id) ? 'Edit bookmark' : 'New bookmark'} onKeyDown={onKeyDown}>
          <LabelledField id={ids('name')} label="Bookmark name" error={errors.name}>
            <input ref={nameRef} {...controlProps(ids('name'), errors.name)} type="text" value={draft.name} autoComplete="off" onChange={(e) => set({ name: e.target.value })} />
          </LabelledField>
          <LabelledField id={ids('remoteDir')} label="Bookmark remote folder" error={errors.remoteDir}>
            <input {...controlProps(ids('remoteDir'), errors.remoteDir)} type="text" className="input-path" value={draft.remoteDir} placeholder="/var/www" autoComplete="off" spellCheck={false} onChange={(e) => set({ remoteDir: e.target.value })} />
          </LabelledField>
          <LabelledField id={ids('localDir')} label="Bookmark local folder" error={errors.localDir} hint="Optional: opened in the local pane too.">
            <input {...controlProps(ids('localDir'), errors.localDir, true)} type="text" className="input-path" value={draft.localDir} autoComplete="off" spellCheck={false} onChange={(e) => set({ localDir: e.target.value })} />
          </LabelledField>
          <div className="bookmark-form-actions">
            <button type="button" className="button button-primary" onClick={keep}>
              Done
            </button>
            <button type="button" className="button" onClick={finish}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button ref={addRef} type="button" className="button" onClick={() => start({ id: newId(), name: '', remoteDir: '', localDir: '' })}>
            Add bookmark
          </button>
        </div>
      )}
    </fieldset>
  );
}
