/**
 * Glue shared by both bridges: one connected renderer = one `FrameChannel`.
 * Calls go to the router; replies and events go back as frames.
 */
import type { CallFrame, ServerFrame } from '../../shared/ipc/wire.js';
import type { EventBus } from './event-bus.js';
import type { Router } from './router.js';

export interface FrameChannel {
  send(frame: ServerFrame): void;
}

/** Answers one call frame (already parsed, of unknown shape) with a reply frame. */
export async function answerCall(router: Router, raw: unknown): Promise<ServerFrame | null> {
  if (typeof raw !== 'object' || raw === null) return null;
  const frame = raw as Partial<CallFrame>;
  if (frame.t !== 'call' || typeof frame.id !== 'number' || !Number.isSafeInteger(frame.id)) return null;
  return { t: 'reply', id: frame.id, result: await router.handle(frame.method, frame.params) };
}

/** Forwards every bus event to a channel until the returned function is called. */
export function forwardEvents(bus: EventBus, channel: FrameChannel): () => void {
  return bus.subscribe((name, payload) => channel.send({ t: 'event', name, payload }));
}
