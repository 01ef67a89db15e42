/**
 * "Unknown host key": the first connection to an SSH server. Shows the key
 * type and its `SHA256:` fingerprint exactly as `ssh-keygen -l` prints it;
 * "Always trust" can also record it in ~/.ssh/known_hosts. Cancel is focused
 * first: it is the safe choice.
 */
import { useId, useRef, useState, type ReactElement } from 'react';
import type { PromptAnswer, PromptRequest } from '../../../shared/model/prompt.js';
import { ModalDialog } from '../../ui/modal-dialog.js';
import { serverLabel } from './prompt-format.js';
import { TrustButtons } from './trust-buttons.js';

type HostKeyPrompt = Extract<PromptRequest, { kind: 'host-key' }>;

interface HostKeyDialogProps {
  readonly request: HostKeyPrompt;
  readonly failure: string | null;
  readonly onAnswer: (answer: PromptAnswer) => void;
}

export function HostKeyDialog({ request, failure, onAnswer }: HostKeyDialogProps): ReactElement {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [writeKnownHosts, setWriteKnownHosts] = useState(false);
  const id = useId();
  const cancel = (): void => onAnswer({ kind: 'cancel' });
  return (
    <ModalDialog title="Unknown host key" tone="warning" onCancel={cancel} initialFocus={cancelRef} describedBy={`${id}-intro`} failure={failure}>
      <div className="dialog-body">
        <p id={`${id}-intro`}>
          The server <strong className="dialog-server">{serverLabel(request.host, request.port)}</strong> is not known yet, so its identity cannot be
          confirmed. Nothing has been sent to it yet.
        </p>
        <dl className="dialog-facts">
          <dt>Key type</dt>
          <dd className="mono">{request.keyType}</dd>
          <dt>Fingerprint</dt>
          <dd className="mono fingerprint">{request.fingerprint}</dd>
        </dl>
        <p className="dialog-hint">
          Trust it only if the fingerprint matches the one the server&apos;s administrator gives you (on the server:{' '}
          <code>ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub</code>).
        </p>
        {request.canWriteKnownHosts ? (
          <div className="dialog-option">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={writeKnownHosts}
                aria-describedby={`${id}-known-hosts`}
                onChange={(e) => setWriteKnownHosts(e.target.checked)}
              />
              Also add to ~/.ssh/known_hosts
            </label>
            <p id={`${id}-known-hosts`} className="dialog-muted">
              With “Always trust”, so ssh and other tools know this key too.
            </p>
          </div>
        ) : null}
      </div>
      <TrustButtons
        cancelRef={cancelRef}
        onTrust={(scope) => onAnswer({ kind: 'trust', scope, writeKnownHosts: scope === 'always' && request.canWriteKnownHosts && writeKnownHosts })}
        onCancel={cancel}
      />
    </ModalDialog>
  );
}
