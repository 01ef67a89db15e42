/**
 * "File exists" (FileZilla's file-exists dialog): the queue found the target
 * already there. Shows both sides (path, size, modified), offers the conflict
 * actions as a radio group — Rename with a name field prefilled with main's
 * free-name suggestion — and "Apply to all in this queue". Cancel (and
 * Escape) means Skip this file.
 */
import { useId, useRef, useState, type FormEvent, type ReactElement } from 'react';
import type { PromptAnswer, PromptRequest } from '../../../shared/model/prompt.js';
import { CONFLICT_ACTIONS, type ConflictAction, type ConflictSide } from '../../../shared/model/transfer.js';
import { DialogActions } from '../../ui/dialog-actions.js';
import { ModalDialog } from '../../ui/modal-dialog.js';
import { formatModified, formatSize } from '../pane/format.js';

type FileExistsPrompt = Extract<PromptRequest, { kind: 'file-exists' }>;

export const CONFLICT_LABELS: Readonly<Record<ConflictAction, string>> = {
  overwrite: 'Overwrite',
  'overwrite-if-newer': 'Overwrite if source newer',
  'overwrite-if-size-differs': 'Overwrite if size differs',
  resume: 'Resume',
  rename: 'Rename',
  skip: 'Skip',
};

/** A typed new name is a plain file name: not empty, no slashes, not `.`/`..`. */
export function validNewName(name: string): boolean {
  const trimmed = name.trim();
  return trimmed.length > 0 && trimmed !== '.' && trimmed !== '..' && !/[/\\\0]/.test(trimmed);
}

interface FileExistsDialogProps {
  readonly request: FileExistsPrompt;
  readonly failure: string | null;
  readonly onAnswer: (answer: PromptAnswer) => void;
}

function Side({ title, side }: { readonly title: string; readonly side: ConflictSide }): ReactElement {
  return (
    <div className="conflict-side">
      <dt>{title}</dt>
      <dd>
        <span className="conflict-path">{side.path}</span>
        <span className="conflict-meta">
          {side.size === null ? 'Size unknown' : `${formatSize(side.size)} (${side.size.toLocaleString()} bytes)`}
          {' · '}
          {side.modified === null ? 'Modified unknown' : `Modified ${formatModified(side.modified)}`}
        </span>
      </dd>
    </div>
  );
}

export function FileExistsDialog({ request, failure, onAnswer }: FileExistsDialogProps): ReactElement {
  const { question } = request;
  const id = useId();
  const okRef = useRef<HTMLButtonElement>(null);
  const [action, setAction] = useState<ConflictAction>('overwrite');
  const [applyToAll, setApplyToAll] = useState(false);
  const [newName, setNewName] = useState(question.suggestedName);
  const nameOk = action !== 'rename' || validNewName(newName);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!nameOk) return;
    onAnswer({ kind: 'conflict', answer: { action, applyToAll, ...(action === 'rename' ? { newName: newName.trim() } : {}) } });
  };
  const cancel = (): void => onAnswer({ kind: 'conflict', answer: { action: 'skip', applyToAll: false } });

  return (
    <ModalDialog title="File exists" onCancel={cancel} initialFocus={okRef} describedBy={`${id}-message`} failure={failure} className="file-exists-dialog">
      <form onSubmit={submit}>
        <div className="dialog-body">
          <p id={`${id}-message`} className="dialog-message">
            The target file already exists. What should the {question.direction === 'upload' ? 'upload' : 'download'} do?
          </p>
          <dl className="conflict-sides">
            <Side title="Source" side={question.source} />
            <Side title="Target" side={question.target} />
          </dl>
          <div className="conflict-actions">
            <p id={`${id}-action`} className="conflict-actions-title">
              Action
            </p>
            <div role="radiogroup" aria-labelledby={`${id}-action`} className="conflict-radios">
              {CONFLICT_ACTIONS.map((a) => (
                <label key={a} className="dialog-check">
                  <input type="radio" name={`${id}-action`} value={a} checked={action === a} onChange={() => setAction(a)} />
                  {CONFLICT_LABELS[a]}
                </label>
              ))}
            </div>
            {action === 'rename' ? (
              <div className="dialog-field">
                <label htmlFor={`${id}-name`}>New name</label>
                <input
                  id={`${id}-name`}
                  type="text"
                  value={newName}
                  spellCheck={false}
                  aria-invalid={!nameOk}
                  onChange={(e) => setNewName(e.target.value)}
                />
              </div>
            ) : null}
          </div>
          <label className="dialog-check">
            <input type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} />
            Apply to all in this queue
          </label>
        </div>
        <DialogActions onCancel={cancel} submitDisabled={!nameOk} submitRef={okRef} />
      </form>
    </ModalDialog>
  );
}
