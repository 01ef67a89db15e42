/**
 * "Import…" (a menu: FileZilla's sitemanager.xml, Ferry's own JSON export,
 * or the hosts of ~/.ssh/config) and "Export…" (Ferry's JSON, downloaded).
 * Files are read here, in the page, and their text sent to main, so the
 * renderer never needs file-system access. Exports carry no secrets.
 */
import { useRef, type ChangeEvent, type ReactElement } from 'react';
import type { ImportReport } from '../../../shared/model/site.js';
import type { ImportFormat, SitesStore } from '../../stores/sites-store.js';
import { MenuButton } from '../../ui/menu-button.js';

interface ImportExportProps {
  readonly store: () => SitesStore;
  readonly readOnly: boolean;
  readonly busy: boolean;
  /** Runs a call to main, showing its failure in the dialog (see `useSiteManager`). */
  readonly run: <T>(what: string, call: () => Promise<T>) => Promise<T | null>;
  readonly onReport: (report: ImportReport) => void;
}

/** Main refuses larger texts; saying so here is kinder than a schema error. */
const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/** Offers `text` as a file download (a temporary object URL and `<a download>`). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The two buttons and the hidden file inputs they drive; import is off for a read-only sites file. */
export function ImportExport({ store, readOnly, busy, run, onReport }: ImportExportProps): ReactElement {
  const fileZillaInput = useRef<HTMLInputElement>(null);
  const ferryInput = useRef<HTMLInputElement>(null);

  const importText = async (format: ImportFormat, text?: string): Promise<void> => {
    const report = await run('Could not import', () => store().importSites(format, text));
    if (report) onReport(report);
  };

  const onFile = (format: ImportFormat) => async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must fire `change` again
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      await run('Could not import', () => Promise.reject(new Error(`${file.name} is larger than 16 MB.`)));
      return;
    }
    await importText(format, await file.text());
  };

  const onExport = async (): Promise<void> => {
    const result = await run('Could not export', () => store().exportSites());
    if (result) downloadText(result.fileName, result.json);
  };

  return (
    <div className="import-export">
      <MenuButton
        label="Import…"
        disabled={readOnly || busy}
        items={[
          { key: 'filezilla', label: 'FileZilla sitemanager.xml…', onSelect: () => fileZillaInput.current?.click() },
          { key: 'ferry', label: 'Ferry export (JSON)…', onSelect: () => ferryInput.current?.click() },
          { key: 'ssh', label: 'Import hosts from ~/.ssh/config', onSelect: () => void importText('ssh-config') },
        ]}
      />
      <button type="button" className="button" disabled={busy} onClick={() => void onExport()}>
        Export…
      </button>
      <input ref={fileZillaInput} type="file" accept=".xml,text/xml,application/xml" hidden data-import="filezilla" onChange={(e) => void onFile('filezilla')(e)} />
      <input ref={ferryInput} type="file" accept=".json,application/json" hidden data-import="ferry" onChange={(e) => void onFile('ferry')(e)} />
    </div>
  );
}
