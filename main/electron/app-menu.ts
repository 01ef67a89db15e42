/**
 * The desktop app's menu. Items that open Ferry's own dialogs are sent to the
 * renderer as `ui.command` events (the same dialogs the toolbar opens in the
 * browser host); the rest are Electron's standard roles.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { EventBus } from '../ipc/event-bus.js';

export function installAppMenu(bus: EventBus): void {
  const command = (name: 'open-site-manager' | 'open-settings') => () => bus.emit('ui.command', { command: name });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Site Manager…', accelerator: 'CmdOrCtrl+S', click: command('open-site-manager') },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: command('open-settings') },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
