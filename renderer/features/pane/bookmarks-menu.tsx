/**
 * The "Bookmarks" menu in the remote path bar: while connected through a
 * saved site that has bookmarks, one click opens a bookmarked remote folder
 * (and its local folder, when it has one, in the local pane). Follows the
 * site live, so a bookmark added in the Site Manager shows up at once.
 */
import type { ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { findNode } from '../../../shared/model/site-tree.js';
import type { Bookmark } from '../../../shared/model/site.js';
import type { ConnectionState, ConnectionStore } from '../../stores/connection-store.js';
import type { PaneStore } from '../../stores/pane/pane-store.js';
import type { SitesState } from '../../../shared/model/sites-state.js';
import type { SitesStore } from '../../stores/sites-store.js';
import { BookmarkIcon } from '../../ui/icons.js';
import { MenuButton } from '../../ui/menu-button.js';

interface BookmarksMenuProps {
  readonly connection: StoreApi<ConnectionStore>;
  readonly sites: StoreApi<SitesStore>;
  readonly local: StoreApi<PaneStore>;
  readonly remote: StoreApi<PaneStore>;
}

const NONE: readonly Bookmark[] = [];

/** The bookmarks of the site the current session came from; none for quick connect or no session. */
export function sessionBookmarks(connection: ConnectionState, sites: SitesState | null): readonly Bookmark[] {
  if (connection.status !== 'connected' || connection.siteId === null || !sites) return NONE;
  const node = findNode(sites.tree, connection.siteId);
  return node?.kind === 'site' ? node.bookmarks : NONE;
}

/** The menu itself; renders nothing without bookmarks, so the path bar stays as it was for quick connect. */
export function BookmarksMenu({ connection, sites, local, remote }: BookmarksMenuProps): ReactElement | null {
  const state = useStore(connection, (s) => s.connection);
  const sitesState = useStore(sites, (s) => s.sites);
  const bookmarks = sessionBookmarks(state, sitesState);
  if (bookmarks.length === 0) return null;

  const open = (bookmark: Bookmark): void => {
    void remote.getState().navigate(bookmark.remoteDir);
    if (bookmark.localDir !== null && local.getState().session !== null) void local.getState().navigate(bookmark.localDir);
  };

  return (
    <MenuButton
      label="Bookmarks"
      icon={<BookmarkIcon />}
      className="button-icon"
      items={bookmarks.map((bookmark) => ({
        key: bookmark.id,
        label: bookmark.name,
        detail: bookmark.localDir ? `${bookmark.remoteDir} ↔ ${bookmark.localDir}` : bookmark.remoteDir,
        onSelect: () => open(bookmark),
      }))}
    />
  );
}
