/**
 * The two trust tables of the Settings dialog: pinned FTPS certificates and
 * trusted SSH host keys, each row with its full fingerprint and a Remove
 * button (the next connection asks again). The button's name is just
 * "Remove"; its description names the server, so screen readers say which.
 */
import { useId, type ReactElement } from 'react';
import type { TrustList } from '../../../shared/model/sites-state.js';
import type { TrustKind } from '../../stores/trust-store.js';
import { FingerprintText } from '../../ui/fingerprint.js';
import { formatAddedAt, serverText } from './trust-format.js';

interface TrustTableProps {
  readonly list: TrustList;
  readonly busy: boolean;
  readonly onRemove: (kind: TrustKind, host: string, port: number) => void;
}

/** Pinned FTPS certificates: host:port, subject, full SHA-256 fingerprint, when it was trusted. */
export function CertificateTable({ list, busy, onRemove }: TrustTableProps): ReactElement {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="dialog-subtitle">
        Trusted certificates
      </h3>
      {list.certificates.length === 0 ? (
        <p className="dialog-muted">No trusted certificates. Certificates you choose to “Always trust” appear here.</p>
      ) : (
        <table className="trust-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">Server</th>
              <th scope="col">Subject</th>
              <th scope="col">SHA-256 fingerprint</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.certificates.map((cert, index) => (
              <tr key={`${cert.host}:${cert.port}`}>
                <td id={`${id}-c${index}`} className="mono">
                  {serverText(cert.host, cert.port)}
                </td>
                <td className="trust-subject">{cert.subject}</td>
                <td className="mono fingerprint">
                  <FingerprintText value={cert.fingerprint256} />
                </td>
                <td className="trust-date">{formatAddedAt(cert.addedAt)}</td>
                <td>
                  <button type="button" className="button button-small" aria-describedby={`${id}-c${index}`} disabled={busy} onClick={() => onRemove('certificate', cert.host, cert.port)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Trusted SSH host keys: host:port, key type, `SHA256:` fingerprint as ssh-keygen prints it, when it was trusted. */
export function HostKeyTable({ list, busy, onRemove }: TrustTableProps): ReactElement {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="dialog-subtitle">
        Trusted host keys
      </h3>
      {list.hostKeys.length === 0 ? (
        <p className="dialog-muted">No trusted host keys. SSH keys you choose to “Always trust” appear here.</p>
      ) : (
        <table className="trust-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">Server</th>
              <th scope="col">Type</th>
              <th scope="col">Fingerprint</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.hostKeys.map((key, index) => (
              <tr key={`${key.host}:${key.port}:${key.keyType}`}>
                <td id={`${id}-k${index}`} className="mono">
                  {serverText(key.host, key.port)}
                </td>
                <td className="mono">{key.keyType}</td>
                <td className="mono fingerprint">{key.fingerprint}</td>
                <td className="trust-date">{formatAddedAt(key.addedAt)}</td>
                <td>
                  <button type="button" className="button button-small" aria-describedby={`${id}-k${index}`} disabled={busy} onClick={() => onRemove('host-key', key.host, key.port)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
