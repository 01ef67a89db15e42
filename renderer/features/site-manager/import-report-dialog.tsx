/**
 * What an import did: how many sites came in, which were left out and why,
 * and which came in with a setting dropped or changed. Shown after every
 * import, also when nothing was imported (that is when the reasons matter).
 */
import { useRef, type ReactElement } from 'react';
import type { ImportReport } from '../../../shared/model/site.js';
import { ModalDialog } from '../../ui/modal-dialog.js';

/** "Imported 3 sites." / "Nothing was imported." */
export function importSummary(report: ImportReport): string {
  if (report.imported === 0) return 'Nothing was imported.';
  return `Imported ${report.imported} ${report.imported === 1 ? 'site' : 'sites'}.`;
}

/** OK is focused: the report is read, then dismissed. */
export function ImportReportDialog({ report, onClose }: { readonly report: ImportReport; readonly onClose: () => void }): ReactElement {
  const okRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog title="Import report" onCancel={onClose} initialFocus={okRef} className="dialog-narrow">
      <div className="dialog-body import-report">
        <p className="import-summary">{importSummary(report)}</p>
        {report.skipped.length > 0 ? (
          <section aria-label="Skipped">
            <h3 className="dialog-subtitle">{`Skipped (${report.skipped.length})`}</h3>
            <ul className="import-list">
              {report.skipped.map((item, index) => (
                <li key={index}>
                  <strong>{item.name}</strong>: {item.reason}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {report.warnings.length > 0 ? (
          <section aria-label="Warnings">
            <h3 className="dialog-subtitle">{`Warnings (${report.warnings.length})`}</h3>
            <ul className="import-list import-warnings">
              {report.warnings.map((item, index) => (
                <li key={index}>
                  <strong>{item.name}</strong>: {item.message}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      <div className="dialog-actions">
        <button ref={okRef} type="button" className="button button-primary" onClick={onClose}>
          OK
        </button>
      </div>
    </ModalDialog>
  );
}
