/**
 * The Electron transport: one `ipcMain.handle` channel for calls, one channel
 * for events. Calls from any frame other than our own window's top frame,
 * loaded from our own renderer file, are refused (GitHub Desktop's
 * trusted-sender rule).
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { FerryError } from '../../shared/errors.js';
import { ELECTRON_CALL_CHANNEL, ELECTRON_EVENT_CHANNEL, type ServerFrame } from '../../shared/ipc/wire.js';
import type { EventBus } from './event-bus.js';
import type { Router } from './router.js';
import { answerCall, forwardEvents } from './serve-frames.js';

function trusted(event: IpcMainInvokeEvent, window: BrowserWindow, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  return event.sender === window.webContents && frame !== null && frame === event.sender.mainFrame && frame.url.split('#')[0] === rendererUrl;
}

export function attachElectronBridge(window: BrowserWindow, router: Router, bus: EventBus, rendererUrl: string): () => void {
  ipcMain.handle(ELECTRON_CALL_CHANNEL, async (event, frame: unknown): Promise<ServerFrame | null> => {
    if (!trusted(event, window, rendererUrl)) {
      const id = typeof (frame as { id?: unknown })?.id === 'number' ? (frame as { id: number }).id : 0;
      return { t: 'reply', id, result: { ok: false, error: new FerryError('UNAUTHORIZED', 'Call from an untrusted frame refused.').toWire() } };
    }
    return answerCall(router, frame);
  });
  const stop = forwardEvents(bus, {
    send: (frame) => {
      if (!window.isDestroyed()) window.webContents.send(ELECTRON_EVENT_CHANNEL, frame);
    },
  });
  return () => {
    stop();
    ipcMain.removeHandler(ELECTRON_CALL_CHANNEL);
  };
}
