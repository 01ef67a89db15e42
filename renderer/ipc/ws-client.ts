/**
 * Browser-host transport: the same frames as JSON over a WebSocket to
 * 127.0.0.1. The per-launch token arrives in the page URL's fragment (never
 * sent in an HTTP request line or Referer) and is passed on the socket URL.
 */
import { FerryError } from '../../shared/errors.js';
import { WS_PATH, type CallFrame, type ServerFrame } from '../../shared/ipc/wire.js';
import { createRpcClient, type RpcClient } from '../../shared/ipc/rpc-client.js';

export function tokenFromLocation(location: Location): string {
  return new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? '';
}

export function connectWebSocket(location: Location): RpcClient {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}?token=${encodeURIComponent(tokenFromLocation(location))}`;
  const socket = new WebSocket(url);
  const queue: CallFrame[] = [];
  const client = createRpcClient((frame) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    else if (socket.readyState === WebSocket.CONNECTING) queue.push(frame);
    else throw new Error('the connection to the Ferry host is closed');
  });
  socket.addEventListener('open', () => {
    for (const frame of queue.splice(0)) socket.send(JSON.stringify(frame));
  });
  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    client.receive(JSON.parse(event.data) as ServerFrame);
  });
  socket.addEventListener('close', (event) => {
    client.failAll(new FerryError('CONNECTION_LOST', event.code === 1008 ? 'The Ferry host refused this page (missing or wrong token).' : 'The connection to the Ferry host closed.'));
  });
  return client;
}
