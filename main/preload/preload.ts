/**
 * The whole surface the renderer gets from Electron: send a call frame, and
 * receive frames. Runs sandboxed with context isolation; bundled into one
 * file because a sandboxed preload cannot require our modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ELECTRON_CALL_CHANNEL, ELECTRON_EVENT_CHANNEL, type CallFrame, type ServerFrame } from '../../shared/ipc/wire.js';

contextBridge.exposeInMainWorld('ferryBridge', {
  invoke: (frame: CallFrame): Promise<ServerFrame> => ipcRenderer.invoke(ELECTRON_CALL_CHANNEL, frame),
  onEvent: (listener: (frame: ServerFrame) => void): void => {
    ipcRenderer.on(ELECTRON_EVENT_CHANNEL, (_event, frame: ServerFrame) => listener(frame));
  },
});
