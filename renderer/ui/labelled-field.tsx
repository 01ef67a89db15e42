/**
 * One labelled control, for the quick-connect bar and the Site Manager form
 * alike. The visible label is the control's accessible name (getByLabel,
 * screen readers), so every field gets it the same way. The two places lay
 * fields out differently, so the layout is a parameter, not a second
 * component:
 * - `inline` (the bar): label above the control, fields side by side;
 *   `grow` / `narrow` size the field. Problems go to the bar's own alert.
 * - `row` (the form): label left, control right, with its problem or hint
 *   right under the control, tied to it with aria-describedby.
 */
import type { ReactElement, ReactNode } from 'react';

export type FieldLayout = 'inline' | 'row';

/** The id and ARIA state a control spreads onto itself. */
export interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid'?: true;
  readonly 'aria-describedby'?: string;
}

interface LabelledFieldProps {
  /** The control's id (the label's `htmlFor`). */
  readonly id: string;
  readonly label: string;
  /** `row` when absent. */
  readonly layout?: FieldLayout;
  /** `inline` only: the field takes the room left over. */
  readonly grow?: boolean;
  /** `inline` only: a short field (a port). */
  readonly narrow?: boolean;
  /** `row` only: the problem shown under the control. */
  readonly error?: string | undefined;
  /** `row` only: a note shown under the control when there is no problem. */
  readonly hint?: ReactNode;
  readonly children: ReactNode;
}

/** A label and its control, laid out for the bar or for the form. */
export function LabelledField({ id, label, layout = 'row', grow, narrow, error, hint, children }: LabelledFieldProps): ReactElement {
  if (layout === 'inline') {
    return (
      <div className={`field${grow ? ' field-grow' : ''}${narrow ? ' field-narrow' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {children}
      </div>
    );
  }
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

/** The id and ARIA state a control needs to point at its `row` field's problem or hint. */
export function controlProps(id: string, error: string | undefined, hasHint = false): ControlProps {
  if (error) return { id, 'aria-invalid': true, 'aria-describedby': `${id}-error` };
  return hasHint ? { id, 'aria-describedby': `${id}-hint` } : { id };
}
