/**
 * Connection failures that need no SSH server: a closed port, a silent
 * peer, a peer that hangs up, one that is not SSH.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectOptions } from '../../../shared/model/session.js';
import { trustingSecurity } from '../testing/test-security.js';
import { openSshConnection } from './sftp-connection.js';

const servers: Server[] = [];
const sockets: Socket[] = [];

async function fakeServer(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function closedPort(): Promise<number> {
  const port = await fakeServer(() => {});
  const server = servers.pop();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  return port;
}

function open(port: number, timeoutMs = 5_000) {
  const options: ConnectOptions = { protocol: 'sftp', host: '127.0.0.1', port, user: 'u', password: 'p', transferMode: 'passive', timeoutMs };
  return openSshConnection({ options, log: () => {}, security: trustingSecurity(), memory: {}, pinned: null, onHostKeyAccepted: () => {} });
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

describe('openSshConnection failures', () => {
  it('reports a closed port as CONNECTION_REFUSED', async () => {
    await expect(open(await closedPort())).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
  });

  it('reports an unknown host as HOST_NOT_FOUND', async () => {
    const options: ConnectOptions = { protocol: 'sftp', host: 'no-such-host.invalid', port: 22, user: 'u', password: 'p', transferMode: 'passive', timeoutMs: 10_000 };
    const attempt = openSshConnection({ options, log: () => {}, security: trustingSecurity(), memory: {}, pinned: null, onHostKeyAccepted: () => {} });
    await expect(attempt).rejects.toMatchObject({ code: 'HOST_NOT_FOUND' });
  });

  it('gives up on a silent server with TIMEOUT after timeoutMs', async () => {
    const port = await fakeServer(() => {});
    const started = Date.now();
    await expect(open(port, 300)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reports a server that hangs up before the handshake as CONNECTION_LOST', async () => {
    const port = await fakeServer((socket) => socket.end());
    await expect(open(port)).rejects.toMatchObject({ code: 'CONNECTION_LOST' });
  });

  it('reports a peer that is not SSH as PROTOCOL or CONNECTION_LOST, never INTERNAL', async () => {
    const port = await fakeServer((socket) => socket.end('220 Welcome to an FTP server\r\n'));
    const error = await open(port).catch((e: unknown) => e);
    expect(['PROTOCOL', 'CONNECTION_LOST']).toContain((error as { code?: string }).code);
  });
});
