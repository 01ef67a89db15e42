/**
 * Which app-level window is open (Site Manager, Settings), so the toolbar,
 * the Ctrl+S shortcut and "Save as site" in the quick-connect bar can all open
 * the same dialog without knowing about each other. One at a time: both are
 * modal.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

/** The open app-level window, if any. */
export type OpenDialog =
  /** `selectId`: the site or folder to show selected when the Site Manager opens. */
  | { readonly kind: 'site-manager'; readonly selectId: string | null }
  | { readonly kind: 'settings' }
  | null;

/** The open window and the calls that open and close it. */
export interface UiStore {
  readonly dialog: OpenDialog;
  openSiteManager(selectId?: string | null): void;
  openSettings(): void;
  closeDialog(): void;
}

/** Starts with nothing open. */
export function createUiStore(): StoreApi<UiStore> {
  return createStore<UiStore>()((set) => ({
    dialog: null,
    openSiteManager(selectId = null) {
      set({ dialog: { kind: 'site-manager', selectId } });
    },
    openSettings() {
      set({ dialog: { kind: 'settings' } });
    },
    closeDialog() {
      set({ dialog: null });
    },
  }));
}
