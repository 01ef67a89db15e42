/**
 * Electron transport: the preload exposes `window.ferryBridge` with exactly
 * two functions (see main/preload/preload.ts); frames are the same objects the
 * WebSocket carries.
 */
import type { CallFrame, ServerFrame } from '../../shared/ipc/wire.js';
import { createRpcClient, type RpcClient } from '../../shared/ipc/rpc-client.js';

/** What the preload puts on `window`. Nothing else of Electron is reachable. */
export interface FerryBridge {
  invoke(frame: CallFrame): Promise<ServerFrame>;
  onEvent(listener: (frame: ServerFrame) => void): void;
}

export function connectElectron(bridge: FerryBridge): RpcClient {
  const client = createRpcClient((frame) => {
    void bridge.invoke(frame).then((reply) => client.receive(reply));
  });
  bridge.onEvent((frame) => client.receive(frame));
  return client;
}
