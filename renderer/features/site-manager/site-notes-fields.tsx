/**
 * The site form's folders and notes: where to start on each side after
 * connecting, free-text comments, and a colour label (shown as a dot in the
 * tree, so production servers stand out).
 */
import type { ReactElement } from 'react';
import { SITE_COLORS, type SiteColor } from '../../../shared/model/site.js';
import { LabelledField, controlProps } from '../../ui/labelled-field.js';
import { COLOR_LABELS } from './labels.js';
import type { SiteFieldsProps } from './site-general-fields.js';

/** Initial remote and local folders (empty: home / unchanged). */
export function SiteFolderFields({ form, errors, idPrefix, update }: SiteFieldsProps): ReactElement {
  const ids = (field: string): string => `${idPrefix}-${field}`;
  return (
    <fieldset className="form-section">
      <legend>Folders</legend>
      <LabelledField id={ids('remoteDir')} label="Initial remote folder" error={errors.remoteDir}>
        <input
          {...controlProps(ids('remoteDir'), errors.remoteDir)}
          type="text"
          className="input-path"
          value={form.remoteDir}
          placeholder="the server’s home folder"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => update({ remoteDir: e.target.value })}
        />
      </LabelledField>
      <LabelledField id={ids('localDir')} label="Initial local folder" error={errors.localDir}>
        <input
          {...controlProps(ids('localDir'), errors.localDir)}
          type="text"
          className="input-path"
          value={form.localDir}
          placeholder="unchanged"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => update({ localDir: e.target.value })}
        />
      </LabelledField>
    </fieldset>
  );
}

/** Colour label and comments. */
export function SiteNotesFields({ form, errors, idPrefix, update }: SiteFieldsProps): ReactElement {
  const ids = (field: string): string => `${idPrefix}-${field}`;
  return (
    <fieldset className="form-section">
      <legend>Notes</legend>
      <LabelledField id={ids('color')} label="Colour">
        <select id={ids('color')} value={form.color} onChange={(e) => update({ color: e.target.value as SiteColor | '' })}>
          <option value="">None</option>
          {SITE_COLORS.map((color) => (
            <option key={color} value={color}>
              {COLOR_LABELS[color]}
            </option>
          ))}
        </select>
      </LabelledField>
      <LabelledField id={ids('comments')} label="Comments" error={errors.comments}>
        <textarea {...controlProps(ids('comments'), errors.comments)} rows={3} value={form.comments} onChange={(e) => update({ comments: e.target.value })} />
      </LabelledField>
    </fieldset>
  );
}
