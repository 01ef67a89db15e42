/**
 * The row above the quick-connect bar: the Site Manager (also Ctrl+S, as in
 * FileZilla) and Settings. The shortcut is ignored while another dialog is
 * open, so it never stacks a window over a question main is asking.
 */
import { useEffect, type ReactElement, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { UiStore } from '../../stores/ui-store.js';
import { ServerIcon } from '../../ui/icons.js';

/** Whether a key event is the Site Manager shortcut (Ctrl+S, or Cmd+S on macOS). */
export function isSiteManagerShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 's';
}

/** The toolbar, and the window-wide Ctrl+S listener while it is mounted. */
export function AppToolbar({ ui, children }: { readonly ui: StoreApi<UiStore>; readonly children?: ReactNode }): ReactElement {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isSiteManagerShortcut(event)) return;
      // Never the browser's "Save page as…", whatever is open.
      event.preventDefault();
      if (ui.getState().dialog !== null || document.querySelector('dialog[open]')) return;
      ui.getState().openSiteManager();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [ui]);

  return (
    <nav className="app-toolbar" aria-label="Toolbar">
      <button type="button" className="button button-toolbar" title="Saved sites (Ctrl+S)" aria-keyshortcuts="Control+S" onClick={() => ui.getState().openSiteManager()}>
        <ServerIcon />
        Site Manager
      </button>
      <button type="button" className="button button-toolbar" onClick={() => ui.getState().openSettings()}>
        Settings
      </button>
      {children}
    </nav>
  );
}
