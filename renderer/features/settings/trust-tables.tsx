/**
 * The two trust tables of the Settings dialog: pinned FTPS certificates and
 * trusted SSH host keys, each row with its full fingerprint and a Remove
 * button (the next connection asks again). The button's name is just
 * "Remove"; its description names the server, so screen readers say which.
 */
import { useId, type ReactElement, type ReactNode } from 'react';
import type { TrustList } from '../../../shared/model/sites-state.js';
import type { TrustKind } from '../../stores/trust-store.js';
import { FingerprintText } from '../../ui/fingerprint.js';
import { formatAddedAt, serverText } from './trust-format.js';

interface TrustTableProps {
  readonly list: TrustList;
  readonly busy: boolean;
  readonly onRemove: (kind: TrustKind, host: string, port: number) => void;
}

/** What every trusted entry has: the server it is for and when it was trusted. */
interface TrustEntry {
  readonly host: string;
  readonly port: number;
  readonly addedAt: number;
}

/** A column between Server and Added: its header and its cell for one entry. */
interface TrustColumn<T> {
  readonly header: string;
  readonly className: string;
  readonly cell: (entry: T) => ReactNode;
}

interface TrustSectionProps<T extends TrustEntry> {
  readonly kind: TrustKind;
  readonly title: string;
  /** What the section says when nothing is trusted yet. */
  readonly empty: string;
  readonly entries: readonly T[];
  readonly entryKey: (entry: T) => string;
  /** Tells the server cells' ids apart (the Remove buttons point at them). */
  readonly idTag: string;
  readonly columns: readonly TrustColumn<T>[];
  readonly busy: boolean;
  readonly onRemove: TrustTableProps['onRemove'];
}

/**
 * One titled table of trusted entries. Both kinds share the frame (Server
 * first, Added and Remove last, the same ids and descriptions), so it is
 * written once and the kinds differ only in their middle columns.
 */
function TrustSection<T extends TrustEntry>({ kind, title, empty, entries, entryKey, idTag, columns, busy, onRemove }: TrustSectionProps<T>): ReactElement {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="dialog-subtitle">
        {title}
      </h3>
      {entries.length === 0 ? (
        <p className="dialog-muted">{empty}</p>
      ) : (
        <table className="trust-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">Server</th>
              {columns.map((column) => (
                <th key={column.header} scope="col">
                  {column.header}
                </th>
              ))}
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, index) => (
              <tr key={entryKey(entry)}>
                <td id={`${id}-${idTag}${index}`} className="mono">
                  {serverText(entry.host, entry.port)}
                </td>
                {columns.map((column) => (
                  <td key={column.header} className={column.className}>
                    {column.cell(entry)}
                  </td>
                ))}
                <td className="trust-date">{formatAddedAt(entry.addedAt)}</td>
                <td>
                  <button type="button" className="button button-small" aria-describedby={`${id}-${idTag}${index}`} disabled={busy} onClick={() => onRemove(kind, entry.host, entry.port)}>
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

type Certificate = TrustList['certificates'][number];
type HostKey = TrustList['hostKeys'][number];

/** What tells one kind's table from the other's. */
type TrustKindSpec<T extends TrustEntry> = Pick<TrustSectionProps<T>, 'kind' | 'title' | 'empty' | 'entryKey' | 'idTag' | 'columns'>;

const CERTIFICATES: TrustKindSpec<Certificate> = {
  kind: 'certificate',
  title: 'Trusted certificates',
  empty: 'No trusted certificates. Certificates you choose to “Always trust” appear here.',
  entryKey: (cert) => `${cert.host}:${cert.port}`,
  idTag: 'c',
  columns: [
    { header: 'Subject', className: 'trust-subject', cell: (cert) => cert.subject },
    { header: 'SHA-256 fingerprint', className: 'mono fingerprint', cell: (cert) => <FingerprintText value={cert.fingerprint256} /> },
  ],
};

const HOST_KEYS: TrustKindSpec<HostKey> = {
  kind: 'host-key',
  title: 'Trusted host keys',
  empty: 'No trusted host keys. SSH keys you choose to “Always trust” appear here.',
  entryKey: (key) => `${key.host}:${key.port}:${key.keyType}`,
  idTag: 'k',
  columns: [
    { header: 'Type', className: 'mono', cell: (key) => key.keyType },
    { header: 'Fingerprint', className: 'mono fingerprint', cell: (key) => key.fingerprint },
  ],
};

/** Pinned FTPS certificates: host:port, subject, full SHA-256 fingerprint, when it was trusted. */
export function CertificateTable({ list, busy, onRemove }: TrustTableProps): ReactElement {
  return <TrustSection {...CERTIFICATES} entries={list.certificates} busy={busy} onRemove={onRemove} />;
}

/** Trusted SSH host keys: host:port, key type, `SHA256:` fingerprint as ssh-keygen prints it, when it was trusted. */
export function HostKeyTable({ list, busy, onRemove }: TrustTableProps): ReactElement {
  return <TrustSection {...HOST_KEYS} entries={list.hostKeys} busy={busy} onRemove={onRemove} />;
}
