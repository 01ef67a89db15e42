/**
 * A modal dialog on the native <dialog> (top layer, backdrop, the page behind
 * made inert by the browser), named by its heading. Focus moves in on open
 * (to `initialFocus`, the safe choice, or the first control), Tab cycles
 * inside, Escape means Cancel, and focus goes back where it was on close. The
 * dialog closes by unmounting: its owner decides when the question is over.
 */
import { useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactElement, type ReactNode, type RefObject, type SyntheticEvent } from 'react';
import { WarningIcon } from './icons.js';

interface ModalDialogProps {
  /** The heading, and so the dialog's accessible name. */
  readonly title: string;
  /** Escape (and a dialog the browser closes by itself) lands here. */
  readonly onCancel: () => void;
  /** Focused on open; the first focusable control when absent. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  /** Id of the element that describes the dialog (its question). */
  readonly describedBy?: string;
  /** `warning` for trust questions: a warning mark beside the heading. */
  readonly tone?: 'warning';
  /** A problem to show above the buttons, e.g. an answer that could not be sent. */
  readonly failure?: string | null;
  /** Extra classes for the <dialog> (its size: `dialog-wide`, `dialog-narrow`). */
  readonly className?: string;
  readonly children: ReactNode;
}

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
}

export function ModalDialog({ title, onCancel, initialFocus, describedBy, tone, failure, className, children }: ModalDialogProps): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const cancel = useRef(onCancel);
  /** Set while we close it ourselves, so the native `close` event is not taken for a Cancel. */
  const closing = useRef(false);

  useLayoutEffect(() => {
    cancel.current = onCancel;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closing.current = false;
    if (!dialog.open) dialog.showModal();
    const first = initialFocus?.current ?? focusables(dialog)[0] ?? dialog;
    first.focus();
    return () => {
      closing.current = true;
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus({ preventScroll: true });
    };
    // Opened once per mount: a new question is a new dialog (its owner keys it by the question's id).
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key !== 'Tab' || !ref.current) return;
    const items = focusables(ref.current);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !ref.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !ref.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  const onCancelEvent = (event: SyntheticEvent<HTMLDialogElement>): void => {
    event.preventDefault();
    cancel.current();
  };

  const onClose = (): void => {
    if (!closing.current) cancel.current();
  };

  return (
    <dialog
      ref={ref}
      className={`dialog${tone ? ` dialog-${tone}` : ''}${className ? ` ${className}` : ''}`}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      onCancel={onCancelEvent}
      onClose={onClose}
    >
      <div className="dialog-header">
        {tone === 'warning' ? <WarningIcon className="dialog-header-icon" /> : null}
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
      </div>
      {failure ? (
        <p role="alert" className="status-line status-error dialog-failure">
          {failure}
        </p>
      ) : null}
      {children}
    </dialog>
  );
}
