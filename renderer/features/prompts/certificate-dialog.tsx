/**
 * "Unknown certificate": an FTPS server's certificate that the system does
 * not vouch for. Shows why, who it claims to be and its full SHA-256
 * fingerprint, so the user can compare it with what the administrator says.
 * Cancel is focused first: it is the safe choice.
 */
import { useId, useRef, type ReactElement } from 'react';
import type { PromptAnswer, PromptRequest } from '../../../shared/model/prompt.js';
import { FingerprintText } from '../../ui/fingerprint.js';
import { ModalDialog } from '../../ui/modal-dialog.js';
import { formatCertificateDate, isFuture, isPast, serverLabel } from './prompt-format.js';
import { TrustButtons } from './trust-buttons.js';

type CertificatePrompt = Extract<PromptRequest, { kind: 'certificate' }>;

interface CertificateDialogProps {
  readonly request: CertificatePrompt;
  readonly failure: string | null;
  readonly onAnswer: (answer: PromptAnswer) => void;
}

export function CertificateDialog({ request, failure, onAnswer }: CertificateDialogProps): ReactElement {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const { certificate: cert, reasons } = request;
  const cancel = (): void => onAnswer({ kind: 'cancel' });
  return (
    <ModalDialog title="Unknown certificate" tone="warning" onCancel={cancel} initialFocus={cancelRef} describedBy={`${id}-intro`} failure={failure}>
      <div className="dialog-body">
        <p id={`${id}-intro`}>
          The server <strong className="dialog-server">{serverLabel(request.host, request.port)}</strong> sent a certificate that could not be verified.
          Nothing has been sent to it yet.
        </p>
        <ul className="dialog-reasons">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
        <dl className="dialog-facts">
          <dt>Subject</dt>
          <dd className="dialog-fact-text">{cert.subject}</dd>
          <dt>Issuer</dt>
          <dd className="dialog-fact-text">{cert.issuer}</dd>
          <dt>Valid from</dt>
          <dd className={isFuture(cert.validFrom) ? 'dialog-fact-bad' : undefined}>
            <time dateTime={cert.validFrom}>{formatCertificateDate(cert.validFrom)}</time>
          </dd>
          <dt>Valid to</dt>
          <dd className={isPast(cert.validTo) ? 'dialog-fact-bad' : undefined}>
            <time dateTime={cert.validTo}>{formatCertificateDate(cert.validTo)}</time>
          </dd>
          <dt>Subject alternative names</dt>
          <dd>
            {cert.altNames.length === 0 ? (
              <span className="dialog-muted">None</span>
            ) : (
              <ul className="dialog-names">
                {cert.altNames.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Serial number</dt>
          <dd className="mono">{cert.serialNumber}</dd>
          <dt>SHA-256 fingerprint</dt>
          <dd className="mono fingerprint">
            <FingerprintText value={cert.fingerprint256} />
          </dd>
        </dl>
        <p className="dialog-hint">
          Trust it only if the fingerprint matches the one the server&apos;s administrator gives you. “Always trust” remembers it for this server, and Ferry
          will refuse to connect if it ever changes.
        </p>
      </div>
      <TrustButtons cancelRef={cancelRef} onTrust={(scope) => onAnswer({ kind: 'trust', scope })} onCancel={cancel} />
    </ModalDialog>
  );
}
