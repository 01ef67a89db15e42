/**
 * basic-ftp's `FTPContext` with one change: an error on the data connection
 * does not close the control connection at once, but after a short grace
 * period — and not at all if the control connection settled the transfer in
 * the meantime (the data socket was released).
 *
 * Why: on a failing RETR/STOR (e.g. `550 No such file`) proftpd closes the
 * already accepted passive data connection before it sends the 550. Over
 * FTPS our TLS ClientHello is still unread on its side, so the close turns
 * into a TCP RST (RFC 1122 §4.2.2.13), and basic-ftp, which treats every
 * data-socket error as fatal, would drop the session and report "read
 * ECONNRESET" instead of "no such file". With the grace period the 550
 * arrives first and the session stays usable. Errors that no reply explains
 * still close the connection, as before; a task that failed on the data error
 * itself (the transfer was running) is reported as a lost connection, and the
 * adapter reconnects before its next command. A `FerryError` raised on the
 * data socket by Ferry itself (tls-session.ts: a foreign certificate) closes
 * at once, as before.
 */
import type { Socket } from 'node:net';
import { FTPContext } from 'basic-ftp';
import { FerryError } from '../../../shared/errors.js';

/** How long a data-socket error waits for the control reply that explains it. */
export const DATA_ERROR_GRACE_MS = 1_000;

export class FerryFtpContext extends FTPContext {
  /**
   * basic-ftp records `new Error().stack` with every command, only to print
   * it if a second task is started while one runs (a programming error).
   * Formatting a stack costs more than the command's round trip on loopback;
   * a 2,000-file queue sends ~10,000 commands. Captured empty instead.
   */
  override handle(command: string | undefined, responseHandler: Parameters<FTPContext['handle']>[1]): ReturnType<FTPContext['handle']> {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return super.handle(command, responseHandler);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  protected override _setupDefaultErrorHandlers(socket: Socket, identifier: string): void {
    if (identifier !== 'data socket') {
      super._setupDefaultErrorHandlers(socket, identifier);
      return;
    }
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      if (error instanceof FerryError) {
        // Our own verdict (a data connection with a foreign certificate): no reply will explain it.
        this.closeWithError(error);
        return;
      }
      const timer = setTimeout(() => {
        if (this.dataSocket === socket) this.closeWithError(error);
      }, DATA_ERROR_GRACE_MS);
      timer.unref();
    };
    socket.once('error', (error: Error) => {
      error.message += ` (${identifier})`;
      fail(error);
    });
    socket.once('close', (hadError: boolean) => {
      if (hadError) fail(new Error(`Socket closed due to transmission error (${identifier})`));
    });
    socket.once('timeout', () => {
      socket.destroy();
      this.closeWithError(new Error(`Timeout (${identifier})`));
    });
  }
}
