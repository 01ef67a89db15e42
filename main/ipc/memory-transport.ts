/**
 * An in-memory transport pair: a client and the router connected without
 * Electron or sockets. Used by the router tests and by engine-level tests that
 * want to drive the whole contract. Frames go through `structuredClone`, as
 * they would over Electron IPC, so nothing passes by reference.
 */
import { createRpcClient, type RpcClient } from '../../shared/ipc/rpc-client.js';
import type { EventBus } from './event-bus.js';
import type { Router } from './router.js';
import { answerCall, forwardEvents } from './serve-frames.js';

export function connectInMemory(router: Router, bus: EventBus): RpcClient & { close(): void } {
  const client = createRpcClient((frame) => {
    void answerCall(router, structuredClone(frame)).then((reply) => {
      if (reply) client.receive(structuredClone(reply));
    });
  });
  const stop = forwardEvents(bus, { send: (frame) => client.receive(structuredClone(frame)) });
  return Object.assign(client, { close: stop });
}
