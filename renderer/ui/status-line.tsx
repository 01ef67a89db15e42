/**
 * A one-line message: `alert` for errors (announced at once by screen
 * readers), `status` for calm information. Rendered only when there is text,
 * so an empty alert never lingers in the accessibility tree. The error marker
 * is drawn by CSS so the element's text is exactly the message.
 */
import type { ReactElement } from 'react';

interface StatusLineProps {
  readonly tone: 'error' | 'info';
  readonly message: string | null;
  readonly className?: string;
  /** For fields that point at the message (aria-describedby). */
  readonly id?: string;
}

export function StatusLine({ tone, message, className, id }: StatusLineProps): ReactElement | null {
  if (!message) return null;
  return (
    <p id={id} role={tone === 'error' ? 'alert' : 'status'} className={`status-line status-${tone}${className ? ` ${className}` : ''}`}>
      {message}
    </p>
  );
}
