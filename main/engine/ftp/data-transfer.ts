/**
 * One FTP data transfer (RETR, STOR, APPE) over `ftp.dataSocket`, in place of
 * basic-ftp's `downloadTo`/`uploadFrom` (transfer.js), which profiles showed:
 * - `uploadFrom` pipes a Readable into the socket, so the file reader cannot
 *   know when the socket is done with a chunk and must allocate a fresh one
 *   each time (garbage collection was a third of the client's CPU on a 1 GiB
 *   upload). Here the upload writes each chunk with a callback and reuses its
 *   buffer once called back (data-pump.ts).
 * - both use `stream.pipeline`, which makes an AbortController per call and
 *   aborts it at the end (building a DOMException with a stack): ~25 µs per
 *   file, 3% of a tree of small files. A download here is `pipe` + `finished`.
 *
 * The rules are basic-ftp's: only the first 150/125 starts the data side; the
 * transfer settles only when both the data side is done and the server's 2xx
 * has arrived, in whichever order; a 350 (to REST) sends the RETR; any other
 * 3xx asks for an answer we cannot give, so the connection is closed; the data
 * connection is watched by basic-ftp's TransferWatchdog, not an idle timeout.
 * Settling drops `ftp.dataSocket` (basic-ftp closes it).
 */
import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream';
import type { FTPContext, FTPResponse } from 'basic-ftp';
import { positiveCompletion, positiveIntermediate } from 'basic-ftp/dist/parseControlResponse.js';
import { TransferWatchdog } from 'basic-ftp/dist/TransferWatchdog.js';
import { FerryError } from '../../../shared/errors.js';

/** Moves the data over the connected data socket; resolves when its side of the transfer is complete. */
export type DataSide = (socket: Socket) => Promise<void>;

export interface DataTransfer {
  /** The command that starts it: `STOR <path>`, `APPE <path>`, `RETR <path>`, or `REST <n>` for a resumed download. */
  readonly command: string;
  /** Sent when the server answers 350 to a `REST` command (the resumed download's `RETR <path>`). */
  readonly afterRest?: string;
  readonly direction: 'upload' | 'download';
  readonly data: DataSide;
}

/** Runs `transfer` on `ftp`, whose data socket the caller's strategy has prepared; resolves with the final 2xx. */
export function runDataTransfer(ftp: FTPContext, transfer: DataTransfer): Promise<FTPResponse> {
  const watchdog = new TransferWatchdog();
  let started = false;
  let dataDone = false;
  let settled = false;
  let response: FTPResponse | undefined;

  return ftp.handle(transfer.command, (res, task) => {
    const settle = (): void => {
      settled = true;
      watchdog.stop();
      // The control connection guards timeouts again; dropping the data socket closes it.
      ftp.socket.setTimeout(ftp.timeout);
      ftp.dataSocket = undefined;
    };
    const fail = (error: Error): void => {
      if (settled) return;
      settle();
      task.reject(error);
    };
    const tryResolve = (): void => {
      if (settled || !dataDone || response === undefined) return;
      settle();
      task.resolve(response);
    };

    if (res instanceof Error) return fail(res);
    if (res.code === 150 || res.code === 125) {
      // RFC 959 allows either, once; a second one must not start the data side again (it would send the file twice).
      if (started) return;
      started = true;
      const socket = ftp.dataSocket;
      if (!socket) return fail(new Error('The transfer should begin but there is no data connection'));
      const begin = (): void => {
        // The data side watches for stalls now; the idle control connection must not time out meanwhile.
        ftp.socket.setTimeout(0);
        socket.setTimeout(0);
        watchdog.start(socket, transfer.direction, ftp.timeout, () => ftp.closeWithError(new Error('Timeout (data socket)')));
        transfer.data(socket).then(() => {
          // Waiting for the final reply now: the control connection's timeout applies again.
          watchdog.stop();
          ftp.socket.setTimeout(ftp.timeout);
          dataDone = true;
          tryResolve();
        }, fail);
      };
      // An FTPS upload may only write once the data connection's handshake is done.
      if (transfer.direction === 'upload' && 'getCipher' in socket && (socket as { getCipher(): unknown }).getCipher() === undefined) {
        socket.once('secureConnect', begin);
      } else begin();
      return;
    }
    if (res.code === 350 && transfer.afterRest !== undefined) return void ftp.send(transfer.afterRest);
    if (positiveCompletion(res.code)) {
      response = res;
      return tryResolve();
    }
    if (positiveIntermediate(res.code)) ftp.closeWithError(new Error(`Unexpected FTP response is requesting an answer: ${res.message}`));
    // Other preliminary replies (1xx) change nothing.
  });
}

/** The data connection ended before its side of the transfer did. */
export function dataClosedEarly(): FerryError {
  return new FerryError('CONNECTION_LOST', 'The data connection closed before the transfer ended', { retryable: true });
}

/**
 * A download's data side: everything the socket delivers goes into `writer`,
 * done when the writer has finished (the socket's end ends it). An error of
 * either, or the socket closing before its end, fails it.
 */
export function receiveInto(writer: Writable): DataSide {
  return (socket) =>
    new Promise<void>((resolve, reject) => {
      let done = false;
      const stop = (error?: Error | null): void => {
        if (done) return;
        done = true;
        stopSocket();
        stopWriter();
        if (!error) return resolve();
        socket.unpipe(writer);
        reject(error);
      };
      const stopSocket = finished(socket, { writable: false }, (error) => {
        if (error) stop((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' ? dataClosedEarly() : error);
      });
      const stopWriter = finished(writer, (error) => stop(error));
      socket.pipe(writer);
    });
}
