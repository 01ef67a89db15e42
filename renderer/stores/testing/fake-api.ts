/**
 * A scriptable FerryApi for store tests: calls are answered by handlers the
 * test installs (or left pending), every call is recorded, and events can be
 * emitted as main would. Test-only; production code never imports it.
 */
import type { EventName, Events, FerryApi, MethodName, ParamsOf, ResultOf } from '../../../shared/ipc/contract.js';

type Handler<M extends MethodName> = (params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>;

export interface FakeApi extends FerryApi {
  readonly calls: { method: MethodName; params: unknown }[];
  handle<M extends MethodName>(method: M, handler: Handler<M>): void;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  listenerCount(event: EventName): number;
}

export function createFakeApi(): FakeApi {
  const handlers = new Map<MethodName, (params: unknown) => unknown>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: { method: MethodName; params: unknown }[] = [];
  return {
    calls,
    handle(method, handler) {
      handlers.set(method, handler as (params: unknown) => unknown);
    },
    call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
      calls.push({ method, params });
      const handler = handlers.get(method);
      if (!handler) return new Promise<ResultOf<M>>(() => undefined);
      return Promise.resolve().then(() => handler(params) as ResultOf<M>);
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => void set.delete(l);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
}

/** Lets every queued promise callback run (fake calls resolve in microtasks). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
