/**
 * The right side of the Site Manager: the selected site's settings in one
 * scrolling form (no tabs, so every field is always findable by its label).
 * Enter in a text field saves, as in every dialog; a read-only sites file
 * disables the whole form at once.
 */
import type { KeyboardEvent, ReactElement } from 'react';
import type { Site } from '../../../shared/model/site.js';
import type { SitesState } from '../../../shared/model/sites-state.js';
import { BookmarksEditor } from './bookmarks-editor.js';
import { SiteGeneralFields } from './site-general-fields.js';
import { SiteFolderFields, SiteNotesFields } from './site-notes-fields.js';
import { SiteTransferFields } from './site-transfer-fields.js';
import type { SiteEditor } from './use-site-editor.js';

interface SiteSettingsFormProps {
  readonly site: Site;
  readonly editor: SiteEditor;
  readonly secretsKind: SitesState['secrets']['kind'] | null;
  readonly readOnly: boolean;
  readonly idPrefix: string;
  readonly onSave: () => void;
}

/** Nothing until the editor holds a form (no site selected). */
export function SiteSettingsForm({ site, editor, secretsKind, readOnly, idPrefix, onSave }: SiteSettingsFormProps): ReactElement | null {
  const { form, errors } = editor;
  if (!form) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing || !(event.target instanceof HTMLInputElement)) return;
    if (event.target.type === 'checkbox') return;
    event.preventDefault();
    onSave();
  };

  const common = { form, errors, idPrefix, update: editor.update };
  return (
    <form className="site-form" onKeyDown={onKeyDown} onSubmit={(e) => e.preventDefault()}>
      <fieldset className="site-form-fields" disabled={readOnly}>
        <SiteGeneralFields {...common} site={site} secrets={editor.secrets} secretsKind={secretsKind} setProtocol={editor.setProtocol} setSecret={editor.setSecret} />
        <SiteTransferFields {...common} />
        <SiteFolderFields {...common} />
        <BookmarksEditor bookmarks={form.bookmarks} idPrefix={idPrefix} newId={() => crypto.randomUUID()} onChange={(bookmarks) => editor.update({ bookmarks })} />
        <SiteNotesFields {...common} />
      </fieldset>
    </form>
  );
}
