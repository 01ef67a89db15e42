/**
 * An upload's data side: file chunks written straight into the data socket
 * with a callback each, so each buffer goes back to a small pool once the
 * socket has called back, and the whole file reuses two or three of them.
 * The next chunk is read from disk while the socket sends the previous one;
 * a full socket buffer (`write` returning false) pauses reading until it
 * drains, so at most a few chunks are ever in flight.
 *
 * This relies on the Writable contract: a destination calls back only once
 * it is done with the chunk. Node's sockets do (the kernel has copied it),
 * TLS sockets do (encrypted into their own buffers), and so does the
 * active-mode stand-in (deferred-data-socket.ts, which forwards the callback).
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { TLSSocket } from 'node:tls';
import { bufferPool } from '../buffer-pool.js';
import { dataClosedEarly, type DataSide } from './data-transfer.js';
import { CHUNK_BYTES, type FileRangeSource } from './file-streams.js';

/** Resolves once `socket` can take more, rejects if it fails or closes first. */
function drained(socket: Writable): Promise<void> {
  if (socket.destroyed) return Promise.reject(dataClosedEarly());
  if (!socket.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      socket.off('drain', onDrain);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => done();
    const onError = (error: Error): void => done(error);
    const onClose = (): void => done(dataClosedEarly());
    socket.on('drain', onDrain);
    socket.on('error', onError);
    socket.on('close', onClose);
  });
}

/** Ends the socket's sending side (FIN; close_notify first over TLS) and waits until that is done. */
async function endSending(socket: Writable): Promise<void> {
  socket.end();
  try {
    await finished(socket, { readable: false });
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' ? dataClosedEarly() : error;
  }
}

/** Sends what `source` reads, then ends the data connection. */
export function sendFrom(source: FileRangeSource): DataSide {
  return async (socket) => {
    const pool = bufferPool(CHUNK_BYTES);
    const read = async (): Promise<{ buffer: Buffer; chunk: Buffer | null }> => {
      const buffer = pool.take(source.nextSize());
      return { buffer, chunk: await source.next(buffer) };
    };
    let pending = read();
    try {
      for (;;) {
        const { buffer, chunk } = await pending;
        if (chunk === null) break;
        // An ASCII chunk is a converted copy: its read buffer is free at once.
        const inBuffer = chunk.buffer === buffer.buffer && chunk.byteOffset === buffer.byteOffset;
        if (!inBuffer) pool.give(buffer);
        const more = socket.write(chunk, () => {
          if (inBuffer) pool.give(buffer);
        });
        pending = read();
        if (!more) await drained(socket);
      }
    } catch (error) {
      // The read started last may still fail; its error is not the one to report.
      pending.catch(() => undefined);
      throw error;
    }
    await endSending(socket);
  };
}

/** How long an upload of no bytes waits for the TLS 1.3 session ticket before closing the data connection. */
const TICKET_WAIT_MS = 250;

/**
 * Sends no bytes: the data connection is ended once a TLS 1.3 data
 * connection has received the server's session ticket (RFC 8446 §4.6.1; it
 * arrives a few ms after the handshake, at most `TICKET_WAIT_MS`): closing
 * before it lets vsftpd 3.0.3 fail mid-write and drop the control connection.
 */
export const sendNothing: DataSide = async (socket) => {
  const tls = socket as Partial<TLSSocket>;
  if (tls.getProtocol?.() === 'TLSv1.3') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, TICKET_WAIT_MS);
      socket.once('session', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  await endSending(socket);
};
