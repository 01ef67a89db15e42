import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeferredDataSocket } from './deferred-data-socket.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A connected pair: `ours` is what the strategy would accept, `theirs` the server side. */
async function pair(): Promise<{ ours: Socket; theirs: Socket }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const accepted = new Promise<Socket>((r) => server.once('connection', r));
  const theirs = connect((server.address() as AddressInfo).port, '127.0.0.1');
  const ours = await accepted;
  server.close();
  theirs.on('error', () => {});
  cleanups.push(() => (ours.destroy(), theirs.destroy()));
  return { ours, theirs };
}

function collect(socket: Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((r) => socket.once('end', () => r(Buffer.concat(chunks))));
}

describe('DeferredDataSocket', () => {
  it('holds writes and end() until a socket is attached, then forwards them', async () => {
    const { ours, theirs } = await pair();
    const deferred = new DeferredDataSocket(() => {});
    const finished = vi.fn();
    deferred.on('finish', finished);
    deferred.write('hello ');
    deferred.end('world');
    await new Promise((r) => setTimeout(r, 20));
    expect(finished).not.toHaveBeenCalled();
    const received = collect(theirs);
    deferred.attach(ours);
    expect((await received).toString()).toBe('hello world');
    await vi.waitFor(() => expect(finished).toHaveBeenCalled());
    expect(deferred.bytesWritten).toBe(11);
  });

  it('reads what arrived before anyone listened, with backpressure', async () => {
    const { ours, theirs } = await pair();
    const deferred = new DeferredDataSocket(() => {});
    deferred.attach(ours);
    theirs.end(Buffer.alloc(1024 * 1024, 7));
    await new Promise((r) => setTimeout(r, 50));
    expect(ours.isPaused()).toBe(true); // placeholder buffer full: the socket stops reading
    const chunks: Buffer[] = [];
    deferred.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((r) => deferred.once('end', r));
    expect(Buffer.concat(chunks).equals(Buffer.alloc(1024 * 1024, 7))).toBe(true);
    expect(deferred.remoteAddress).toBe('127.0.0.1');
  });

  it('passes the socket error on and destroys both', async () => {
    const { ours } = await pair();
    const onDestroy = vi.fn();
    const deferred = new DeferredDataSocket(onDestroy);
    deferred.attach(ours);
    const failed = new Promise<Error>((r) => deferred.once('error', r));
    ours.destroy(new Error('boom'));
    expect((await failed).message).toBe('boom');
    expect(onDestroy).toHaveBeenCalledOnce();
  });

  it('reports a connection closed before the transfer ended', async () => {
    const { ours, theirs } = await pair();
    const deferred = new DeferredDataSocket(() => {});
    deferred.attach(ours);
    deferred.write('partial'); // an upload in progress, never ended
    const failed = new Promise<Error>((r) => deferred.once('error', r));
    theirs.resetAndDestroy();
    expect((await failed).message).toMatch(/ECONNRESET|closed the data connection before the transfer ended/);
  });

  it('destroys the attached socket when destroyed, and any socket attached afterwards', async () => {
    const first = await pair();
    const second = await pair();
    const onDestroy = vi.fn();
    const deferred = new DeferredDataSocket(onDestroy);
    deferred.attach(first.ours);
    deferred.destroy();
    expect(first.ours.destroyed).toBe(true);
    expect(onDestroy).toHaveBeenCalledOnce();
    deferred.attach(second.ours);
    expect(second.ours.destroyed).toBe(true);
  });

  it('applies setTimeout to the socket once attached and re-emits its timeout', async () => {
    const { ours } = await pair();
    const deferred = new DeferredDataSocket(() => {});
    deferred.setTimeout(30);
    const timedOut = new Promise((r) => deferred.once('timeout', r));
    deferred.attach(ours);
    await timedOut;
    deferred.destroy();
  });
});
