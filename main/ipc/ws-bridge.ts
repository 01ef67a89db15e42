/**
 * The browser host's transport: the router's frames as JSON over a WebSocket.
 *
 * Only a page we served may connect: the upgrade must carry the per-launch
 * token, an `Origin` equal to our own origin, and a `Host` naming our loopback
 * address and port (a DNS-rebinding page would send its own host name).
 */
import type { IncomingMessage, Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH } from '../../shared/ipc/wire.js';
import type { EventBus } from './event-bus.js';
import type { Router } from './router.js';
import { answerCall, forwardEvents } from './serve-frames.js';

/** Largest frame a renderer may send; calls are small, a bigger frame is hostile. */
const MAX_FRAME_BYTES = 1024 * 1024;

export interface WsBridgeOptions {
  readonly token: string;
  /** The port we listen on, to check `Host` and `Origin` against. */
  readonly port: () => number;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why an upgrade request is refused, or null when it may connect. */
export function refuseReason(request: IncomingMessage, options: WsBridgeOptions): string | null {
  const url = new URL(request.url ?? '/', 'http://placeholder');
  if (url.pathname !== WS_PATH) return 'unknown path';
  const port = options.port();
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(request.headers.host ?? '')) return 'foreign Host header';
  const origin = request.headers.origin;
  if (origin === undefined || !allowedHosts.some((host) => origin === `http://${host}`)) return 'foreign Origin';
  if (!sameSecret(url.searchParams.get('token') ?? '', options.token)) return 'missing or wrong token';
  return null;
}

export function attachWsBridge(server: Server, router: Router, bus: EventBus, options: WsBridgeOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const reason = refuseReason(request, options);
    if (reason) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nRefused: ${reason}\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, router, bus));
  });
  return wss;
}

function serveSocket(ws: WebSocket, router: Router, bus: EventBus): void {
  const send = (frame: object): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const stop = forwardEvents(bus, { send });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return;
    }
    void answerCall(router, parsed).then((reply) => reply && send(reply));
  });
  ws.on('close', stop);
  ws.on('error', stop);
}
