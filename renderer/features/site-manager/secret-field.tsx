/**
 * A write-only secret (password, key passphrase). When one is stored the
 * field is empty with "(unchanged)" as placeholder: typing replaces it, the
 * clear button removes it on Save, and leaving it alone keeps it. The stored
 * value itself never comes to the renderer, so it cannot be shown.
 */
import type { ReactElement, ReactNode } from 'react';
import { LabelledField, controlProps } from '../../ui/labelled-field.js';
import type { SecretEdit } from './site-form-rules.js';

interface SecretFieldProps {
  readonly id: string;
  readonly label: string;
  readonly clearLabel: string;
  /** False when the logon type has no use for it: disabled, with `disabledHint` as placeholder. */
  readonly used: boolean;
  readonly disabledHint: string;
  /** Whether a secret is stored for the site now. */
  readonly stored: boolean;
  readonly edit: SecretEdit;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly onChange: (edit: SecretEdit) => void;
}

/** A password input that never shows (or receives) the stored value. */
export function SecretField({ id, label, clearLabel, used, disabledHint, stored, edit, error, hint, onChange }: SecretFieldProps): ReactElement {
  const keeping = stored && !edit.clear;
  const placeholder = !used ? disabledHint : keeping ? '(unchanged)' : '';
  const note = used && stored && edit.clear && edit.typed === '' ? `The saved ${label.toLowerCase()} will be removed when you save.` : hint;
  return (
    <LabelledField id={id} label={label} error={error} hint={note}>
      <div className="secret-control">
        <input
          {...controlProps(id, error, Boolean(note))}
          type="password"
          value={used ? edit.typed : ''}
          disabled={!used}
          placeholder={placeholder}
          autoComplete="new-password"
          spellCheck={false}
          onChange={(e) => onChange({ ...edit, typed: e.target.value })}
        />
        {used && keeping ? (
          <button type="button" className="button" onClick={() => onChange({ typed: '', clear: true })}>
            {clearLabel}
          </button>
        ) : null}
      </div>
    </LabelledField>
  );
}
