/**
 * The main window with Electron's security checklist applied: isolated,
 * sandboxed, no Node in the page, no navigation away, no new windows, and
 * permission requests (camera, notifications from the page, ...) denied.
 */
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface FerryWindow {
  readonly window: BrowserWindow;
  readonly rendererUrl: string;
}

export function createWindow(distDir: string): FerryWindow {
  const rendererUrl = pathToFileURL(join(distDir, 'renderer', 'index.html')).toString();
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 500,
    title: 'Ferry',
    show: false,
    backgroundColor: '#1e1f22',
    webPreferences: {
      preload: join(distDir, 'main', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return { window, rendererUrl };
}
