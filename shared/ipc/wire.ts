/**
 * Frames on the wire. The WebSocket transport sends them as JSON text; the
 * Electron transport passes the same objects through structured clone.
 * Replies are envelopes, never thrown errors, because Electron strips
 * everything but the message from errors crossing IPC.
 */
import type { WireError } from '../errors.js';

export type Envelope<T = unknown> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };

export interface CallFrame {
  readonly t: 'call';
  readonly id: number;
  readonly method: string;
  readonly params: unknown;
}

export interface ReplyFrame {
  readonly t: 'reply';
  readonly id: number;
  readonly result: Envelope;
}

export interface EventFrame {
  readonly t: 'event';
  readonly name: string;
  readonly payload: unknown;
}

export type ServerFrame = ReplyFrame | EventFrame;

/** The name of the single Electron IPC channel for calls, and the one for events. */
export const ELECTRON_CALL_CHANNEL = 'ferry:call';
export const ELECTRON_EVENT_CHANNEL = 'ferry:event';

/** Path of the browser host's WebSocket endpoint. */
export const WS_PATH = '/ipc';
