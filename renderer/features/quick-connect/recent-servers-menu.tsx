/**
 * "Recent servers": the quick-connect history main keeps (never with a
 * password), as a menu beside Host. Picking one fills protocol, host, port,
 * user and logon type; the password is typed again (or saved in a site).
 */
import type { ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RecentServer } from '../../../shared/model/site.js';
import type { SitesStore } from '../../stores/sites-store.js';
import { MenuButton } from '../../ui/menu-button.js';
import { recentLabel } from './quick-connect-sites.js';

const NONE: readonly RecentServer[] = [];

/** Disabled (not hidden) while the history is empty, so the control does not jump in and out of the bar. */
export function RecentServersMenu({ sites, onPick }: { readonly sites: StoreApi<SitesStore>; readonly onPick: (recent: RecentServer) => void }): ReactElement {
  const recent = useStore(sites, (s) => s.sites?.recent ?? NONE);
  return (
    <MenuButton
      label="Recent servers"
      className="recent-button"
      disabled={recent.length === 0}
      title={recent.length === 0 ? 'Servers you connect to appear here' : undefined}
      items={recent.map((entry) => ({
        key: `${entry.protocol}|${entry.user}@${entry.host}:${entry.port}`,
        label: recentLabel(entry),
        onSelect: () => onPick(entry),
      }))}
    />
  );
}
