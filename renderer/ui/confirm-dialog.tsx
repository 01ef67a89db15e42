/**
 * A modal question with a few answers ("Delete the folder…?", "Save the
 * changes?"), on the shared ModalDialog. Cancel is always last and focused
 * first: Enter on a question that destroys something must not destroy it.
 */
import { useId, useRef, type ReactElement, type ReactNode } from 'react';
import { ModalDialog } from './modal-dialog.js';

export interface ConfirmAction {
  readonly label: string;
  readonly onClick: () => void;
  readonly tone?: 'primary' | 'danger';
}

interface ConfirmDialogProps {
  readonly title: string;
  readonly message: ReactNode;
  /** The answers other than Cancel, in order. */
  readonly actions: readonly ConfirmAction[];
  readonly onCancel: () => void;
  readonly failure?: string | null;
}

export function ConfirmDialog({ title, message, actions, onCancel, failure }: ConfirmDialogProps): ReactElement {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  return (
    <ModalDialog title={title} onCancel={onCancel} initialFocus={cancelRef} describedBy={`${id}-message`} failure={failure ?? null} className="dialog-narrow">
      <div className="dialog-body">
        <p id={`${id}-message`} className="dialog-message">
          {message}
        </p>
      </div>
      <div className="dialog-actions">
        {actions.map((action) => (
          <button key={action.label} type="button" className={`button${action.tone ? ` button-${action.tone}` : ''}`} onClick={action.onClick}>
            {action.label}
          </button>
        ))}
        <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
