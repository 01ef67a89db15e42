/**
 * A problem main met loading the saved sites (a damaged file it set aside, a
 * file from a newer Ferry), shown once under the toolbar until dismissed. It
 * stays out of the way: the app works without the sites.
 */
import type { ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { visibleProblem, type SitesStore } from '../../stores/sites-store.js';
import { WarningIcon } from '../../ui/icons.js';

/** Nothing when there is no problem (or it was dismissed). */
export function SitesNotice({ sites }: { readonly sites: StoreApi<SitesStore> }): ReactElement | null {
  const problem = useStore(sites, visibleProblem);
  const loadError = useStore(sites, (s) => s.loadError);
  const text = problem ?? loadError;
  if (!text) return null;
  return (
    <div className="sites-notice" role="status">
      <WarningIcon className="sites-notice-icon" />
      <p className="sites-notice-text">
        <strong>Saved sites: </strong>
        {text}
      </p>
      {problem ? (
        <button type="button" className="button button-small" onClick={() => sites.getState().dismissProblem()}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
