/** The three answers to a trust question, in the same order in every dialog. */
import type { ReactElement, RefObject } from 'react';

interface TrustButtonsProps {
  readonly cancelRef: RefObject<HTMLButtonElement | null>;
  readonly onTrust: (scope: 'once' | 'always') => void;
  readonly onCancel: () => void;
}

export function TrustButtons({ cancelRef, onTrust, onCancel }: TrustButtonsProps): ReactElement {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={() => onTrust('once')}>
        Trust once
      </button>
      <button type="button" className="button" onClick={() => onTrust('always')}>
        Always trust
      </button>
      <button type="button" ref={cancelRef} className="button button-primary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
