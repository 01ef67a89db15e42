/**
 * "Login prompt": an SSH server's keyboard-interactive questions (one-time
 * codes, password changes...). One input per question, labelled by the
 * server's text; hidden unless the server says the answer may be shown.
 */
import { useId, useRef, useState, type FormEvent, type ReactElement } from 'react';
import type { PromptAnswer, PromptRequest } from '../../../shared/model/prompt.js';
import { DialogActions } from '../../ui/dialog-actions.js';
import { ModalDialog } from '../../ui/modal-dialog.js';
import { promptLabel } from './prompt-format.js';

type LoginPrompt = Extract<PromptRequest, { kind: 'keyboard-interactive' }>;

interface LoginPromptDialogProps {
  readonly request: LoginPrompt;
  readonly failure: string | null;
  readonly onAnswer: (answer: PromptAnswer) => void;
}

export function LoginPromptDialog({ request, failure, onAnswer }: LoginPromptDialogProps): ReactElement {
  const firstRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState<readonly string[]>(() => request.prompts.map(() => ''));
  const id = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onAnswer({ kind: 'responses', values });
  };
  const cancel = (): void => onAnswer({ kind: 'cancel' });
  const name = request.name.trim();
  const instructions = request.instructions.trim();
  return (
    <ModalDialog title="Login prompt" onCancel={cancel} initialFocus={request.prompts.length > 0 ? firstRef : undefined} describedBy={`${id}-intro`} failure={failure}>
      <form onSubmit={submit}>
        <div className="dialog-body">
          <div id={`${id}-intro`}>
            <p>
              <strong className="dialog-server">{request.host}</strong> asks:
            </p>
            {name ? <p className="dialog-prompt-name">{name}</p> : null}
            {instructions ? <p className="dialog-message">{instructions}</p> : null}
          </div>
          {request.prompts.map((prompt, index) => (
            <div className="dialog-field" key={index}>
              <label htmlFor={`${id}-response-${index}`}>{promptLabel(prompt.prompt, index)}</label>
              <input
                ref={index === 0 ? firstRef : undefined}
                id={`${id}-response-${index}`}
                type={prompt.echo ? 'text' : 'password'}
                value={values[index] ?? ''}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => {
                  const next = [...values];
                  next[index] = e.target.value;
                  setValues(next);
                }}
              />
            </div>
          ))}
        </div>
        <DialogActions onCancel={cancel} />
      </form>
    </ModalDialog>
  );
}
