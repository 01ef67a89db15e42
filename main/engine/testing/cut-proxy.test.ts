import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startCutProxy, type CutProxy } from './cut-proxy.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listenOn(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

/** Reads everything until the socket closes (end or reset). */
function readAll(socket: Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.on('close', () => resolve(Buffer.concat(chunks))));
}

async function proxyTo(port: number, ftp = false): Promise<CutProxy> {
  const proxy = await startCutProxy({ target: { host: '127.0.0.1', port }, ftp });
  cleanups.push(() => proxy.close());
  return proxy;
}

describe('cut-proxy', () => {
  it('refuses a target that is not on loopback', async () => {
    await expect(startCutProxy({ target: { host: '10.0.0.1', port: 21 } })).rejects.toThrow(/loopback/);
  });

  it('forwards both ways and counts bytes per connection', async () => {
    const port = await listenOn(createServer((socket) => socket.pipe(socket)));
    const proxy = await proxyTo(port);
    const socket = connect(proxy.port, proxy.host);
    const got = readAll(socket);
    socket.end(Buffer.alloc(10_000, 7));
    expect((await got).length).toBe(10_000);
    expect(proxy.connections).toHaveLength(1);
    expect(proxy.connections[0]?.bytes).toEqual({ upstream: 10_000, downstream: 10_000 });
    expect(proxy.connections[0]?.cutAt).toBeNull();
  });

  it('cuts a connection after exactly N bytes downstream', async () => {
    const big = Buffer.alloc(1_000_000, 1);
    const port = await listenOn(createServer((socket) => { socket.on('error', () => undefined); socket.end(big); }));
    const proxy = await proxyTo(port);
    const cut = proxy.cutAfter({ direction: 'downstream', afterBytes: 123_456 });
    const received = await readAll(connect(proxy.port, proxy.host));
    const conn = await cut;
    expect(received.length).toBe(123_456);
    expect(conn.cutAt).toMatchObject({ direction: 'downstream', bytes: { downstream: 123_456 } });
    // The next connection is not cut: the rule is one-shot.
    expect((await readAll(connect(proxy.port, proxy.host))).length).toBe(big.length);
    expect(proxy.bytesAfter(0, 'downstream')).toBe(big.length);
  });

  it('cuts after N bytes upstream: the server sees exactly N', async () => {
    const seen: Promise<Buffer>[] = [];
    const port = await listenOn(createServer((socket) => void seen.push(readAll(socket))));
    const proxy = await proxyTo(port);
    const cut = proxy.cutAfter({ direction: 'upstream', afterBytes: 5000 });
    const socket = connect(proxy.port, proxy.host);
    socket.on('error', () => undefined);
    socket.write(Buffer.alloc(3000, 1));
    socket.write(Buffer.alloc(3000, 2));
    await cut;
    await expect.poll(() => seen.length).toBe(1);
    expect((await seen[0])?.length).toBe(5000);
  });

  it('can cut another connection instead when one reaches N bytes', async () => {
    const big = Buffer.alloc(300_000, 3);
    let accepted = 0;
    const port = await listenOn(
      createServer((socket) => {
        socket.on('error', () => undefined);
        if (accepted++ > 0) socket.end(big); // the first stays idle
      }),
    );
    const proxy = await proxyTo(port);
    const idle = connect(proxy.port, proxy.host);
    const idleClosed = readAll(idle);
    await expect.poll(() => proxy.connections.length).toBe(1);
    const reached = proxy.cutAfter({ direction: 'downstream', afterBytes: 100_000, match: (conn) => conn.id === 1, instead: (_conn, p) => p.connections[0]?.cut() });
    expect((await readAll(connect(proxy.port, proxy.host))).length).toBe(big.length);
    expect((await reached).cutAt).toBeNull();
    await idleClosed;
    expect(proxy.connections[0]?.cutAt).toMatchObject({ direction: null });
  });

  it('in FTP mode rewrites 227 and 229 so data connections pass (and are cut) through the proxy', async () => {
    const payload = Buffer.alloc(200_000, 9);
    const dataServer = createServer((socket) => { socket.on('error', () => undefined); socket.end(payload); });
    const dataPort = await listenOn(dataServer);
    const control = createServer((socket) => {
      socket.write('220 hello\r\n');
      socket.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        if (text.startsWith('PASV')) socket.write(`227 Entering Passive Mode (127,0,0,1,${Math.floor(dataPort / 256)},${dataPort % 256})\r\n`);
        if (text.startsWith('EPSV')) socket.write(`229 Entering Extended Passive Mode (|||${dataPort}|)\r\n`);
      });
    });
    const proxy = await proxyTo(await listenOn(control), true);
    const socket = connect(proxy.port, proxy.host);
    socket.setEncoding('latin1');
    const lines: string[] = [];
    socket.on('data', (text: string) => lines.push(...text.split('\r\n').filter(Boolean)));
    await expect.poll(() => lines.length).toBe(1);

    socket.write('EPSV\r\n');
    await expect.poll(() => lines.length).toBe(2);
    const epsv = /\(\|\|\|(\d+)\|\)/.exec(lines[1] ?? '');
    expect(Number(epsv?.[1])).not.toBe(dataPort);
    expect((await readAll(connect(Number(epsv?.[1]), '127.0.0.1'))).length).toBe(payload.length);

    const cut = proxy.cutAfter({ role: 'data', direction: 'downstream', afterBytes: 50_000 });
    socket.write('PASV\r\n');
    await expect.poll(() => lines.length).toBe(3);
    const pasv = /\(127,0,0,1,(\d+),(\d+)\)/.exec(lines[2] ?? '');
    const port = Number(pasv?.[1]) * 256 + Number(pasv?.[2]);
    expect(port).not.toBe(dataPort);
    expect((await readAll(connect(port, '127.0.0.1'))).length).toBe(50_000);
    const conn = await cut;
    expect(conn).toMatchObject({ role: 'data', controlId: 0 });
    expect(proxy.connections.map((c) => c.role)).toEqual(['control', 'data', 'data']);
    socket.destroy();
  });
});
