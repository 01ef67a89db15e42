/**
 * The Site Manager: saved sites in folders on the left, the selected site's
 * settings on the right, Save / Connect / Close below, and import/export.
 * A modal dialog named "Site Manager"; the questions it asks (delete?
 * unsaved changes? the import report) are dialogs of their own, rendered
 * beside it so their buttons never mix with its own.
 */
import { useId, useRef, useState, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { ImportReport, Site } from '../../../shared/model/site.js';
import type { SitesStore } from '../../stores/sites-store.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { ModalDialog } from '../../ui/modal-dialog.js';
import { ImportExport } from './import-export.js';
import { ImportReportDialog } from './import-report-dialog.js';
import { SiteSettingsForm } from './site-settings-form.js';
import { SiteTreePanel } from './site-tree-panel.js';
import { deleteQuestion, folderContents } from './tree-model.js';
import { useSiteManager } from './use-site-manager.js';
import { findNode } from '../../../shared/model/site-tree.js';

interface SiteManagerDialogProps {
  readonly sites: StoreApi<SitesStore>;
  /** The site or folder to show selected on open. */
  readonly selectId: string | null;
  readonly onClose: () => void;
  /** Connect to the site (the dialog has closed by then). */
  readonly onConnect: (site: Site) => void;
}

/** Why editing is off when main says the sites file is from a newer Ferry (also used by the markup test). */
export const READ_ONLY_NOTE = 'The saved sites were written by a newer version of Ferry, so they cannot be changed here: that keeps everything in them intact. Update Ferry to edit them.';

/** The dialog and the questions it asks; state and actions live in `useSiteManager`. */
export function SiteManagerDialog({ sites, selectId, onClose, onConnect }: SiteManagerDialogProps): ReactElement {
  const idPrefix = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const activeRef = useRef<HTMLDivElement>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const model = useSiteManager({ sites, selectId, idPrefix, onConnect });
  const { selected, site, editor, readOnly, busy, state, pending, deletingId } = model;
  const deleting = deletingId === null ? null : findNode(model.tree, deletingId);

  const close = (): void => model.guard(onClose);

  return (
    <>
      <ModalDialog
        title="Site Manager"
        className="dialog-wide site-manager"
        onCancel={close}
        initialFocus={selectId !== null && model.rows.length > 0 ? activeRef : searchRef}
        failure={model.failure}
      >
        {state?.readOnly ? <p className="site-manager-note">{READ_ONLY_NOTE}</p> : null}
        <div className="site-manager-body">
          <SiteTreePanel model={model} searchRef={searchRef} activeRef={activeRef} idPrefix={idPrefix} />
          <div className="site-manager-main">
            {site ? (
              <SiteSettingsForm site={site} editor={editor} secretsKind={state?.secrets.kind ?? null} readOnly={readOnly} idPrefix={idPrefix} onSave={() => void model.save()} />
            ) : selected?.kind === 'folder' ? (
              <FolderSummary name={selected.name} {...folderContents(selected)} />
            ) : (
              <p className="site-manager-hint">{readOnly ? 'Select a site to see its settings.' : 'Select a site to see its settings, or create one with “New site”.'}</p>
            )}
          </div>
        </div>
        <div className="dialog-actions site-manager-actions">
          <ImportExport store={sites.getState} readOnly={readOnly} busy={busy} run={model.run} onReport={setReport} />
          <span className="site-manager-dirty" role="status">
            {editor.dirty ? 'Edited, not saved yet' : ''}
          </span>
          <button type="button" className="button" disabled={!site || readOnly || busy} onClick={() => void model.save()}>
            Save
          </button>
          <button type="button" className="button button-primary" disabled={!site || busy} onClick={() => site && void model.connect(site.id)}>
            Connect
          </button>
          <button type="button" className="button" onClick={close}>
            Close
          </button>
        </div>
      </ModalDialog>
      {pending ? (
        <ConfirmDialog
          title="Unsaved changes"
          message={`Save the changes to “${site?.name ?? 'this site'}” first?`}
          actions={[
            {
              label: 'Save',
              tone: 'primary',
              onClick: () => {
                model.setPending(null);
                void model.save().then((saved) => saved && pending.run());
              },
            },
            {
              label: 'Discard',
              onClick: () => {
                model.setPending(null);
                editor.discard();
                pending.run();
              },
            },
          ]}
          onCancel={() => model.setPending(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={deleting.kind === 'folder' ? 'Delete folder' : 'Delete site'}
          message={deleteQuestion(deleting)}
          actions={[{ label: 'Delete', tone: 'danger', onClick: () => void model.confirmDelete() }]}
          onCancel={() => model.setDeletingId(null)}
        />
      ) : null}
      {report ? <ImportReportDialog report={report} onClose={() => setReport(null)} /> : null}
    </>
  );
}

function FolderSummary({ name, sites, folders }: { readonly name: string; readonly sites: number; readonly folders: number }): ReactElement {
  const parts = [...(sites > 0 ? [`${sites} ${sites === 1 ? 'site' : 'sites'}`] : []), ...(folders > 0 ? [`${folders} ${folders === 1 ? 'folder' : 'folders'}`] : [])];
  return (
    <div className="site-manager-folder">
      <h3 className="dialog-subtitle">{name}</h3>
      <p>{parts.length === 0 ? 'This folder is empty.' : `This folder holds ${parts.join(' and ')}.`}</p>
      <p className="dialog-muted">Drag sites onto a folder to file them; “New site” creates one inside the selected folder.</p>
    </div>
  );
}
