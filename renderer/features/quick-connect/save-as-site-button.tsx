/**
 * "Save as site": keeps what is typed in the quick-connect bar as a saved
 * site (with the password, when one is typed: main stores it, the site file
 * never holds it), then opens the Site Manager on it to name and refine it.
 */
import { useState, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { sitesReadOnly, type SitesStore } from '../../stores/sites-store.js';
import type { UiStore } from '../../stores/ui-store.js';
import { quickFormToSite } from './quick-connect-sites.js';
import type { FormField, QuickConnectForm } from './quick-connect-form.js';

interface SaveAsSiteButtonProps {
  readonly form: QuickConnectForm;
  readonly sites: StoreApi<SitesStore>;
  readonly ui: StoreApi<UiStore>;
  /** Shows a problem under the bar (and marks the field, when there is one). */
  readonly onProblem: (field: FormField | null, message: string) => void;
}

/** Enabled once Host has text; disabled while the sites are read-only (a newer Ferry’s file). */
export function SaveAsSiteButton({ form, sites, ui, onProblem }: SaveAsSiteButtonProps): ReactElement {
  const readOnly = useStore(sites, sitesReadOnly);
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    if (busy) return;
    const result = quickFormToSite(form, crypto.randomUUID());
    if (!result.ok) {
      onProblem(result.field, result.message);
      return;
    }
    setBusy(true);
    try {
      const { site, password } = result;
      const siteId = await sites.getState().save(password === undefined ? { parentId: null, site } : { parentId: null, site, password });
      ui.getState().openSiteManager(siteId);
    } catch (error) {
      onProblem(null, `Could not save the site: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <button
      type="button"
      className="button"
      disabled={form.host.trim() === '' || readOnly}
      aria-busy={busy}
      title={readOnly ? 'The saved sites are read-only (written by a newer Ferry)' : 'Keep these settings in the Site Manager'}
      onClick={() => void save()}
    >
      Save as site
    </button>
  );
}
