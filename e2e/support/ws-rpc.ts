/**
 * A Node-side client of the browser host's WebSocket, for specs that drive
 * the host without a browser (the crash test kills the host process). It
 * presents the same Origin a page from the host would and speaks the same
 * frames through the shared RPC client.
 */
import { WebSocket } from 'ws';
import { createRpcClient, type RpcClient } from '../../shared/ipc/rpc-client.js';
import type { ServerFrame } from '../../shared/ipc/wire.js';
import type { BrowserHost } from './browser-host.js';

export async function connectToHost(host: BrowserHost): Promise<RpcClient & { close(): void }> {
  const token = new URLSearchParams(new URL(host.url).hash.slice(1)).get('token') ?? '';
  const origin = `http://127.0.0.1:${host.port}`;
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ipc?token=${encodeURIComponent(token)}`, { headers: { origin } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const client = createRpcClient((frame) => socket.send(JSON.stringify(frame)));
  socket.on('message', (data) => client.receive(JSON.parse(data.toString()) as ServerFrame));
  return Object.assign(client, { close: () => socket.close() });
}
