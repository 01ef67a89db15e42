import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createEventBus } from './event-bus.js';
import { createRouter, type Handlers } from './router.js';
import { attachWsBridge } from './ws-bridge.js';

const TOKEN = 'secret-token-for-test';
let server: Server;
let port = 0;

beforeEach(async () => {
  const handlers = {
    'app.info': async () => ({ version: 't', host: 'browser', platform: 'linux', localHome: '/', localPathStyle: 'posix' }),
  } as unknown as Handlers;
  server = createServer((_req, res) => res.end());
  attachWsBridge(server, createRouter(handlers), createEventBus(), { token: TOKEN, port: () => port });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Opens a socket and resolves with 'open' or the HTTP status the upgrade got. */
function attempt(options: { token?: string; origin?: string; host?: string }): Promise<{ outcome: 'open'; ws: WebSocket } | { outcome: number }> {
  const query = options.token === undefined ? '' : `?token=${encodeURIComponent(options.token)}`;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ipc${query}`, {
    headers: { ...(options.origin ? { origin: options.origin } : {}), ...(options.host ? { host: options.host } : {}) },
  });
  return new Promise((resolve) => {
    ws.on('open', () => resolve({ outcome: 'open', ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ outcome: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ outcome: -1 }));
  });
}

describe('browser host WebSocket bridge', () => {
  it('accepts our own origin with the token and answers calls', async () => {
    const result = await attempt({ token: TOKEN, origin: `http://127.0.0.1:${port}` });
    expect(result.outcome).toBe('open');
    if (result.outcome !== 'open') return;
    const reply = new Promise<unknown>((resolve) => result.ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
    result.ws.send(JSON.stringify({ t: 'call', id: 7, method: 'app.info', params: {} }));
    expect(await reply).toMatchObject({ t: 'reply', id: 7, result: { ok: true, value: { host: 'browser' } } });
    result.ws.close();
  });

  it('refuses a socket without the token', async () => {
    expect((await attempt({ origin: `http://127.0.0.1:${port}` })).outcome).toBe(403);
  });

  it('refuses a wrong token', async () => {
    expect((await attempt({ token: `${TOKEN}x`, origin: `http://127.0.0.1:${port}` })).outcome).toBe(403);
  });

  it('refuses a foreign Origin even with the token', async () => {
    expect((await attempt({ token: TOKEN, origin: 'http://evil.example' })).outcome).toBe(403);
    expect((await attempt({ token: TOKEN, origin: `http://127.0.0.1:${port + 1}` })).outcome).toBe(403);
    expect((await attempt({ token: TOKEN })).outcome).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await attempt({ token: TOKEN, origin: `http://evil.example:${port}`, host: `evil.example:${port}` })).outcome).toBe(403);
  });

  it('ignores malformed frames and keeps the socket usable', async () => {
    const result = await attempt({ token: TOKEN, origin: `http://localhost:${port}`, host: `localhost:${port}` });
    expect(result.outcome).toBe('open');
    if (result.outcome !== 'open') return;
    const reply = new Promise<unknown>((resolve) => result.ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
    result.ws.send('not json');
    result.ws.send(JSON.stringify({ t: 'call', id: 'x' }));
    result.ws.send(JSON.stringify({ t: 'call', id: 8, method: 'nope', params: {} }));
    expect(await reply).toMatchObject({ id: 8, result: { ok: false, error: { code: 'UNKNOWN_METHOD' } } });
    result.ws.close();
  });
});
