/**
 * The transport-neutral half of the IPC client (renderer, and in-memory tests): numbers calls,
 * matches replies, turns error envelopes back into `FerryError`s and fans
 * events out to listeners. Each transport only supplies `send` and feeds
 * incoming frames to `receive`.
 */
import { FerryError } from '../errors.js';
import type { EventName, Events, FerryApi, MethodName, ParamsOf, ResultOf } from './contract.js';
import type { CallFrame, ServerFrame } from './wire.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: FerryError) => void };

export interface RpcClient extends FerryApi {
  /** Feed one frame from the transport. */
  receive(frame: ServerFrame): void;
  /** Fail every pending call (the transport closed). */
  failAll(error: FerryError): void;
}

export function createRpcClient(send: (frame: CallFrame) => void): RpcClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: never) => void>>();

  return {
    call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
      const id = nextId++;
      return new Promise<ResultOf<M>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        try {
          send({ t: 'call', id, method, params });
        } catch (error) {
          pending.delete(id);
          reject(new FerryError('CONNECTION_LOST', `Could not reach Ferry's main process: ${String(error)}`));
        }
      });
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    receive(frame: ServerFrame): void {
      if (frame.t === 'reply') {
        const entry = pending.get(frame.id);
        if (!entry) return;
        pending.delete(frame.id);
        if (frame.result.ok) entry.resolve(frame.result.value);
        else entry.reject(FerryError.fromWire(frame.result.error));
        return;
      }
      for (const listener of listeners.get(frame.name) ?? []) (listener as (payload: unknown) => void)(frame.payload);
    },
    failAll(error: FerryError): void {
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
    },
  };
}
