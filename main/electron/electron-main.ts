/**
 * Electron entry: the shared core plus the Electron transport and window.
 * Everything else (sessions, log, router) is the same code the browser host
 * runs; keep this file thin.
 */
import { app, BrowserWindow, safeStorage } from 'electron';
import { join } from 'node:path';
import { attachElectronBridge } from '../ipc/electron-bridge.js';
import { createCore } from '../services/create-core.js';
import { ensureDataDir, resolveDataDir } from '../host/data-dir.js';
import { installAppMenu } from './app-menu.js';
import { createWindow } from './create-window.js';
import { attachTaskbarProgress } from './taskbar-progress.js';

if (!process.env.FERRY_DATA_DIR) app.setName('Ferry');
const distDir = join(__dirname, '..');

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = ensureDataDir(resolveDataDir());
  app.setPath('userData', dataDir);
  const core = createCore({ host: 'electron', dataDir, version: app.getVersion(), safeStorage });
  installAppMenu(core.bus);
  const { window, rendererUrl } = createWindow(distDir);
  const detach = attachElectronBridge(window, core.router, core.bus, rendererUrl);
  const detachProgress = attachTaskbarProgress(window, core.bus);
  window.on('closed', () => {
    detach();
    detachProgress();
  });
  app.on('window-all-closed', () => {
    void core.shutdown().finally(() => app.quit());
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) app.relaunch();
  });
}

void start();
