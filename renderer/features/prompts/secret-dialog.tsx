/**
 * A secret main needs to go on (a key's passphrase, the password of an "Ask
 * for password" logon), named by the request's title. Enter means OK. The
 * value goes to main once and is not kept here.
 */
import { useId, useRef, useState, type FormEvent, type ReactElement } from 'react';
import type { PromptAnswer, PromptRequest } from '../../../shared/model/prompt.js';
import { DialogActions } from '../../ui/dialog-actions.js';
import { ModalDialog } from '../../ui/modal-dialog.js';

type SecretPrompt = Extract<PromptRequest, { kind: 'secret' }>;

interface SecretDialogProps {
  readonly request: SecretPrompt;
  readonly failure: string | null;
  readonly onAnswer: (answer: PromptAnswer) => void;
}

export function SecretDialog({ request, failure, onAnswer }: SecretDialogProps): ReactElement {
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const id = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onAnswer({ kind: 'secret', value });
  };
  const cancel = (): void => onAnswer({ kind: 'cancel' });
  return (
    <ModalDialog title={request.title} onCancel={cancel} initialFocus={inputRef} describedBy={request.message ? `${id}-message` : undefined} failure={failure}>
      <form onSubmit={submit}>
        <div className="dialog-body">
          {request.message ? (
            <p id={`${id}-message`} className="dialog-message">
              {request.message}
            </p>
          ) : null}
          <div className="dialog-field">
            <label htmlFor={`${id}-secret`}>{request.label}</label>
            <input
              ref={inputRef}
              id={`${id}-secret`}
              type="password"
              value={value}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setValue(e.target.value)}
            />
          </div>
        </div>
        <DialogActions onCancel={cancel} />
      </form>
    </ModalDialog>
  );
}
