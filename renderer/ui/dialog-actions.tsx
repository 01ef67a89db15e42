/**
 * The footer of a form dialog: a submit button (OK, Create...) then Cancel.
 * One component so every form dialog puts its answers in the same order with
 * the same names and classes: Enter submits through the form, and Cancel is
 * a plain button (not a submit) so it never sends the form.
 */
import type { ReactElement, RefObject } from 'react';

interface DialogActionsProps {
  /** Cancel's click; usually the same handler as the dialog's Escape. */
  readonly onCancel: () => void;
  /** The submit button's name; "OK" when absent. */
  readonly submitLabel?: string;
  /** True while the form's answer is not valid yet. */
  readonly submitDisabled?: boolean;
  /** For a dialog that focuses the submit button first. */
  readonly submitRef?: RefObject<HTMLButtonElement | null>;
}

/** Submit and Cancel, for use as the last child of a dialog's <form>. */
export function DialogActions({ onCancel, submitLabel = 'OK', submitDisabled, submitRef }: DialogActionsProps): ReactElement {
  return (
    <div className="dialog-actions">
      <button ref={submitRef} type="submit" className="button button-primary" disabled={submitDisabled}>
        {submitLabel}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
