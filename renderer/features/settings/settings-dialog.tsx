/**
 * The "Settings" dialog: where saved passwords are kept, and the servers the
 * user chose to trust (certificates and host keys), each removable. The
 * lists are read from main when the dialog opens and after each removal.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { SitesStore } from '../../stores/sites-store.js';
import type { TrustKind, TrustStore } from '../../stores/trust-store.js';
import { ModalDialog } from '../../ui/modal-dialog.js';
import { CertificateTable, HostKeyTable } from './trust-tables.js';
import { secretsText } from './trust-format.js';
import { TransferSettings } from './transfer-settings.js';
import type { QueueStore } from '../../stores/queue-store.js';

interface SettingsDialogProps {
  readonly trust: StoreApi<TrustStore>;
  readonly sites: StoreApi<SitesStore>;
  /** The Transfers section edits the queue's settings; absent in tests that do not need it. */
  readonly queue?: StoreApi<QueueStore>;
  readonly onClose: () => void;
}

/** Close is focused first: the dialog is mostly for reading; removing trust is a deliberate click. */
export function SettingsDialog({ trust, sites, queue, onClose }: SettingsDialogProps): ReactElement {
  const closeRef = useRef<HTMLButtonElement>(null);
  const list = useStore(trust, (s) => s.list);
  const loading = useStore(trust, (s) => s.loading);
  const error = useStore(trust, (s) => s.error);
  const secrets = useStore(sites, (s) => s.sites?.secrets ?? null);
  const [removing, setRemoving] = useState(false);

  useEffect(() => {
    void trust.getState().refresh();
  }, [trust]);

  const onRemove = (kind: TrustKind, host: string, port: number): void => {
    setRemoving(true);
    void trust
      .getState()
      .forget(kind, host, port)
      .finally(() => {
        setRemoving(false);
        closeRef.current?.focus();
      });
  };

  return (
    <ModalDialog title="Settings" onCancel={onClose} initialFocus={closeRef} failure={error} className="dialog-wide settings-dialog">
      <div className="dialog-body">
        <section className="settings-section" aria-label="Saved passwords">
          <h3 className="dialog-subtitle">Saved passwords</h3>
          <p>{secretsText(secrets)}</p>
        </section>
        {queue ? <TransferSettings queue={queue} /> : null}
        {list ? (
          <>
            <CertificateTable list={list} busy={removing || loading} onRemove={onRemove} />
            <HostKeyTable list={list} busy={removing || loading} onRemove={onRemove} />
          </>
        ) : (
          <p className="dialog-muted">{loading ? 'Loading trusted certificates and host keys…' : ''}</p>
        )}
      </div>
      <div className="dialog-actions">
        <button ref={closeRef} type="button" className="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
