/**
 * One labelled control of the site settings form: the visible label is the
 * control's accessible name (getByLabel, screen readers), and a problem or a
 * hint sits right under the control, tied to it with aria-describedby.
 */
import type { ReactElement, ReactNode } from 'react';

interface FormRowProps {
  /** The control's id (the label's `htmlFor`). */
  readonly id: string;
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly children: ReactNode;
}

/** Label left, control right (with its problem or hint below), so long forms scan down one column. */
export function FormRow({ id, label, error, hint, children }: FormRowProps): ReactElement {
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      <div className="form-control">
        {children}
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : hint ? (
          <p id={`${id}-hint`} className="field-hint">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** The id and ARIA state a control needs to point at its row's problem or hint. */
export function controlProps(id: string, error: string | undefined, hasHint = false): { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string } {
  if (error) return { id, 'aria-invalid': true, 'aria-describedby': `${id}-error` };
  return hasHint ? { id, 'aria-describedby': `${id}-hint` } : { id };
}
