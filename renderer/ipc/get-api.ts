/**
 * Picks the transport once: the Electron preload's bridge when present,
 * otherwise the browser host's WebSocket.
 */
import type { FerryApi } from '../../shared/ipc/contract.js';
import { connectElectron, type FerryBridge } from './electron-client.js';
import { connectWebSocket } from './ws-client.js';

let api: FerryApi | null = null;

export function getApi(): FerryApi {
  if (api) return api;
  const bridge = (globalThis as { ferryBridge?: FerryBridge }).ferryBridge;
  api = bridge ? connectElectron(bridge) : connectWebSocket(window.location);
  return api;
}
