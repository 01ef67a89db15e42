import { describe, expect, it } from 'vitest';
import { createUiStore } from '../../stores/ui-store.js';
import { isSiteManagerShortcut } from './app-toolbar.js';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('Site Manager shortcut', () => {
  it('is Ctrl+S (or Cmd+S), without Alt or Shift', () => {
    expect(isSiteManagerShortcut(key('s', { ctrlKey: true }))).toBe(true);
    expect(isSiteManagerShortcut(key('S', { metaKey: true }))).toBe(true);
    expect(isSiteManagerShortcut(key('s'))).toBe(false);
    expect(isSiteManagerShortcut(key('s', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSiteManagerShortcut(key('d', { ctrlKey: true }))).toBe(false);
  });

  it('opens one dialog at a time in the ui store', () => {
    const ui = createUiStore();
    ui.getState().openSiteManager('s1');
    expect(ui.getState().dialog).toEqual({ kind: 'site-manager', selectId: 's1' });
    ui.getState().openSettings();
    expect(ui.getState().dialog).toEqual({ kind: 'settings' });
    ui.getState().closeDialog();
    expect(ui.getState().dialog).toBeNull();
  });
});
