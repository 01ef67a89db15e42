/**
 * The app-level windows (Site Manager, Settings) as the ui store says, one
 * at a time. Connecting from the Site Manager closes it first, so main's
 * questions (trust, passwords) appear over the main window.
 */
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import type { AppStores } from '../stores/app-stores.js';
import { SiteManagerDialog } from './site-manager/site-manager-dialog.js';
import { SettingsDialog } from './settings/settings-dialog.js';
import { ErrorBoundary } from '../ui/error-boundary.js';

/** Renders the open app-level window, each behind an error boundary so a bug closes it instead of blanking the app. */
export function AppDialogs({ stores }: { readonly stores: AppStores }): ReactElement | null {
  const dialog = useStore(stores.ui, (s) => s.dialog);
  const close = (): void => stores.ui.getState().closeDialog();
  if (dialog?.kind === 'site-manager') {
    return (
      <ErrorBoundary what="The Site Manager" onReset={close}>
        <SiteManagerDialog
          sites={stores.sites}
          selectId={dialog.selectId}
          onClose={close}
          onConnect={(site) => {
            close();
            void stores.connection.getState().connectSite(site);
          }}
        />
      </ErrorBoundary>
    );
  }
  if (dialog?.kind === 'settings') {
    return (
      <ErrorBoundary what="Settings" onReset={close}>
        <SettingsDialog trust={stores.trust} sites={stores.sites} queue={stores.queue} onClose={close} />
      </ErrorBoundary>
    );
  }
  return null;
}
