/**
 * A labelled control in the quick-connect bar. The visible label is the
 * control's accessible name (tests and screen readers find fields by it).
 */
import type { ReactElement, ReactNode } from 'react';

interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly children: ReactNode;
  readonly grow?: boolean;
  readonly narrow?: boolean;
}

export function Field({ id, label, children, grow, narrow }: FieldProps): ReactElement {
  return (
    <div className={`field${grow ? ' field-grow' : ''}${narrow ? ' field-narrow' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
