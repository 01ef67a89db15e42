/**
 * Direct reads against a loopback sender: the file gets exactly the bytes
 * sent, a slow disk pauses the socket instead of piling up memory, data that
 * arrives before the file is ready is kept, and a failed write fails the
 * transfer and closes the socket.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirPerTest } from '../testing/temp-dir-per-test.js';
import { DirectReceiver } from './direct-receiver.js';
import { FileAppender, type Throttle } from './file-streams.js';

const cleanups: (() => Promise<void> | void)[] = [];
const dir = tempDirPerTest('ferry-direct-');
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A sender that writes `payload` in pieces of varying size, then ends. */
async function sender(payload: Buffer): Promise<number> {
  const server: Server = createServer((socket) => {
    socket.on('error', () => {});
    let at = 0;
    const more = (): void => {
      while (at < payload.length) {
        const size = 1 + ((at * 7919) % 200_000);
        const ok = socket.write(payload.subarray(at, at + size));
        at += size;
        if (!ok) return void socket.once('drain', more);
      }
      socket.end();
    };
    more();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

/** A receiver on a socket connected to `port`, recording every buffer it lent the socket. */
function connectDirect(port: number): { receiver: DirectReceiver; socket: Socket; lent: Set<ArrayBufferLike> } {
  const receiver = new DirectReceiver();
  const lent = new Set<ArrayBufferLike>();
  const next = receiver.onread.buffer;
  const onread = { ...receiver.onread, buffer: (): Buffer => { const b = next(); lent.add(b.buffer); return b; } };
  const socket = createConnection({ port, host: '127.0.0.1', onread });
  receiver.attach(socket);
  cleanups.push(() => void socket.destroy());
  return { receiver, socket, lent };
}

async function fileAt(name: string): Promise<{ path: string; close: () => Promise<void>; appender: (throttle?: Throttle) => FileAppender }> {
  const path = join(dir(), name);
  const handle = await open(path, 'w');
  cleanups.push(() => handle.close().catch(() => undefined));
  return { path, close: () => handle.close(), appender: (throttle) => new FileAppender(handle, 0, undefined, throttle) };
}

describe('DirectReceiver', () => {
  it('writes exactly what was sent, through a few reused slabs', async () => {
    const payload = randomBytes(9 * 1024 * 1024 + 4321);
    const { receiver, lent } = connectDirect(await sender(payload));
    const out = await fileAt('out.bin');
    const file = out.appender();
    await receiver.receive(file, () => {});
    await out.close();
    expect(file.bytesWritten).toBe(payload.length);
    expect((await readFile(out.path)).equals(payload)).toBe(true);
    // Without reuse: one slab per MiB received (ten).
    expect(lent.size).toBeLessThanOrEqual(7);
  });

  it('pauses the socket while the disk is behind, and keeps what arrived before the file was ready', async () => {
    const payload = randomBytes(12 * 1024 * 1024);
    const { receiver, socket, lent } = connectDirect(await sender(payload));
    let pausedSeen = false;
    // Let data pile up before there is a file, then write slowly.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const out = await fileAt('slow.bin');
    const file = out.appender(async () => {
      pausedSeen ||= socket.isPaused();
      await new Promise((resolve) => setTimeout(resolve, 15));
    });
    await receiver.receive(file, () => {});
    await out.close();
    expect((await readFile(out.path)).equals(payload)).toBe(true);
    expect(pausedSeen).toBe(true);
    // 4 MiB unwritten at most, plus the slab being read into and one being written.
    expect(lent.size).toBeLessThanOrEqual(7);
  });

  it('fails, reports the write error and closes the socket when a write fails', async () => {
    const { receiver, socket } = connectDirect(await sender(randomBytes(3 * 1024 * 1024)));
    const out = await fileAt('fail.bin');
    const reported: Error[] = [];
    const file = out.appender(async () => Promise.reject(new Error('disk full')));
    await expect(receiver.receive(file, (error) => reported.push(error))).rejects.toThrow('disk full');
    expect(reported.map((e) => e.message)).toEqual(['disk full']);
    expect(socket.destroyed).toBe(true);
  });
});
