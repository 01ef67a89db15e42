/**
 * A stand-in for an active-mode data socket that does not exist yet.
 *
 * The transfer code (data-transfer.ts for files, basic-ftp's `downloadTo` for
 * listings) reads or writes `ftp.dataSocket` as soon as the 150/125 reply
 * arrives, and basic-ftp's FTPContext, progress tracker and watchdog read a
 * few `net.Socket` members from it. In active mode the server connects only
 * after the transfer command, before or after its 150. This Duplex fills the
 * gap: writes are held (one chunk, the rest waits in the Writable buffer, so
 * backpressure is real; a write's callback is the attached socket's, so the
 * upload pump reuses a buffer only once it was really sent) and `end()` is
 * deferred until `attach()` hands over the accepted socket; reads simply start
 * flowing from then on.
 *
 * Errors: any error of the attached socket destroys this stream with that
 * error, which basic-ftp turns into a failed transfer (it closes the client,
 * as it does for passive data-socket errors). Destroying this stream — basic-ftp
 * does so when a transfer ends, fails or the client closes — destroys the
 * attached socket and calls `onDestroy` so the owner can drop its listener and
 * timer; a socket attached after that is destroyed at once.
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

type WriteCallback = (error?: Error | null) => void;

export class DeferredDataSocket extends Duplex {
  private inner: Socket | undefined;
  private pendingWrite: { chunk: Buffer; encoding: BufferEncoding; callback: WriteCallback } | undefined;
  private pendingFinal: WriteCallback | undefined;
  private timeoutMs = 0;
  private innerEnded = false;

  constructor(private readonly onDestroy: () => void) {
    super();
  }

  /** The accepted (and, for FTPS, TLS-connected) data connection; forwards everything from now on. */
  attach(socket: Socket): void {
    if (this.destroyed || this.inner) {
      socket.destroy();
      return;
    }
    this.inner = socket;
    socket.setTimeout(this.timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => {
      this.innerEnded = true;
      this.push(null);
    });
    socket.on('timeout', () => this.emit('timeout'));
    socket.on('error', (err) => this.destroy(err));
    socket.on('close', () => {
      // 'end' precedes 'close' on an orderly shutdown; without it data was cut off.
      if (!this.innerEnded && !this.destroyed && !this.writableFinished) {
        this.destroy(new Error('The server closed the data connection before the transfer ended'));
      }
    });
    const write = this.pendingWrite;
    this.pendingWrite = undefined;
    if (write) socket.write(write.chunk, write.encoding, write.callback);
    const final = this.pendingFinal;
    this.pendingFinal = undefined;
    if (final) socket.end(() => final());
  }

  /** basic-ftp types `dataSocket` as a net.Socket; this provides the members it uses. */
  asSocket(): Socket {
    return this as unknown as Socket;
  }

  override _read(): void {
    this.inner?.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: WriteCallback): void {
    if (this.inner) this.inner.write(chunk, encoding, callback);
    else this.pendingWrite = { chunk, encoding, callback };
  }

  override _final(callback: WriteCallback): void {
    if (this.inner) this.inner.end(() => callback());
    else this.pendingFinal = callback;
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.pendingWrite = undefined;
    this.pendingFinal = undefined;
    this.inner?.destroy();
    this.onDestroy();
    callback(error);
  }

  /** Like `net.Socket#setTimeout`; applies to the real socket once attached. */
  setTimeout(ms: number, listener?: () => void): this {
    this.timeoutMs = ms;
    this.inner?.setTimeout(ms);
    if (listener) this.once('timeout', listener);
    return this;
  }

  get bytesRead(): number {
    return this.inner?.bytesRead ?? 0;
  }

  get bytesWritten(): number {
    return this.inner?.bytesWritten ?? 0;
  }

  get remoteAddress(): string | undefined {
    return this.inner?.remoteAddress;
  }

  get remotePort(): number | undefined {
    return this.inner?.remotePort;
  }

  get remoteFamily(): string | undefined {
    return this.inner?.remoteFamily;
  }
}
