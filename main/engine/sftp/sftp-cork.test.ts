/**
 * `SshConnection.request` corks the SSH socket for the rest of the tick:
 * requests issued together leave in one write (one syscall, one wake-up of
 * the server), requests in later ticks are not held back.
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { Client, SFTPWrapper } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { SshConnection } from './sftp-connection.js';

/** A socket that records each write reaching it: one entry per single write, one per batched writev. */
function recordingSocket(): { socket: Writable; writes: string[][] } {
  const writes: string[][] = [];
  const socket = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.map((c) => (c.chunk as Buffer).toString()));
      done();
    },
  });
  return { socket, writes };
}

/** A connection whose "SFTP requests" write their name to the socket (as ssh2 writes a packet) and succeed. */
function connection(socket: Writable): { conn: SshConnection; send: (name: string) => Promise<void> } {
  const client = Object.assign(new EventEmitter(), { _sock: socket, end: () => {}, destroy: () => {} }) as unknown as Client;
  const sftp = new EventEmitter() as unknown as SFTPWrapper;
  const conn = new SshConnection(client, sftp, null, null);
  const send = (name: string): Promise<void> =>
    conn.request<void>('test', (_sftp, done) => {
      if (socket.writable) socket.write(Buffer.from(name)); // as ssh2's onWrite does
      setImmediate(() => done(null));
    });
  return { conn, send };
}

describe('SshConnection request batching', () => {
  it('sends requests issued in the same tick in one write', async () => {
    const { socket, writes } = recordingSocket();
    const { send } = connection(socket);
    await Promise.all([send('FSETSTAT'), send('FSTAT'), send('CLOSE')]);
    expect(writes).toEqual([['FSETSTAT', 'FSTAT', 'CLOSE']]);
  });

  it('does not hold back a request issued in a later tick', async () => {
    const { socket, writes } = recordingSocket();
    const { send } = connection(socket);
    await send('OPEN');
    expect(writes).toEqual([['OPEN']]);
    await send('WRITE');
    expect(writes).toEqual([['OPEN'], ['WRITE']]);
  });

  it('leaves a socket that is no longer writable alone', async () => {
    const { socket, writes } = recordingSocket();
    socket.end();
    const { send } = connection(socket);
    let corked = false;
    socket.cork = () => void (corked = true);
    await send('LATE').catch(() => undefined);
    expect(corked).toBe(false);
    expect(writes).toEqual([]);
  });
});
