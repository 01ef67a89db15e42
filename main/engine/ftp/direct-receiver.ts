/**
 * Plain-FTP file downloads read the data socket straight into reusable 1 MiB
 * slabs (net's `onread` option) instead of a fresh 64 KiB buffer per read.
 * On a 1 GiB download from vsftpd those allocations, and the garbage
 * collection they caused, were most of the client's user CPU (0.6 s against
 * curl's 0.04 s); with slabs a read may also take up to a megabyte at once.
 *
 * How the memory is shared without copying: the socket reads into the free
 * tail of the current slab; what it filled goes to the file (one positional
 * `writev` per batch, FileAppender) while the next read lands after it; a slab
 * with less than 64 KiB left is retired and goes back to the pool once its
 * last region is on disk. More than 4 MiB received but not yet written pauses
 * the socket (TCP then slows the server) until the disk catches up.
 *
 * `onread` must be given when the socket is created, before the command that
 * uses it is known to be a file download. So the download offers a receiver
 * (`offerDirectReads`) before asking for a data connection, the passive
 * strategy takes it for a plain TCP socket (`takeDirectReads`), and the
 * download withdraws the offer afterwards, so it never reaches a listing
 * (basic-ftp pipes those, which `onread` sockets cannot do). TLS data
 * connections, active mode and ASCII transfers keep the stream path.
 */
import type { Socket } from 'node:net';
import type { FTPContext } from 'basic-ftp';
import { bufferPool } from '../buffer-pool.js';
import { dataClosedEarly } from './data-transfer.js';
import type { FileAppender } from './file-streams.js';

const SLAB_BYTES = 1024 * 1024;
/** A slab with less room than this is retired: reads stay large. */
const MIN_READ_BYTES = 64 * 1024;
const MAX_UNWRITTEN_BYTES = 4 * SLAB_BYTES;
/** Shared by all downloads: a small file borrows a slab for a moment instead of allocating one. */
const slabs = bufferPool(SLAB_BYTES, 8);

interface Slab {
  readonly buffer: Buffer;
  /** Bytes the socket has read into it. */
  fill: number;
  /** Bytes handed to the writer. */
  flushed: number;
  /** Regions handed to the writer and not yet on disk. */
  pending: number;
  /** No more reads go into it: back to the pool when nothing is pending. */
  retired: boolean;
}

interface Region {
  readonly slab: Slab;
  readonly start: number;
  readonly end: number;
}

function newSlab(): Slab {
  return { buffer: slabs.take(SLAB_BYTES), fill: 0, flushed: 0, pending: 0, retired: false };
}

export class DirectReceiver {
  /** For `net.connect`'s `onread`: where the next read goes, and what to do after it. */
  readonly onread = {
    buffer: (): Buffer => this.nextBuffer(),
    callback: (bytes: number): boolean => this.onData(bytes),
  };
  private socket: Socket | undefined;
  /** Taken when the socket asks for its first buffer: an offer never taken costs nothing. */
  private current: Slab | undefined;
  private readonly queue: Region[] = [];
  private received = 0;
  private file: FileAppender | undefined;
  private writing = false;
  private ended = false;
  private done = false;
  private failure: Error | undefined;
  private settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private onWriteError: ((error: Error) => void) | undefined;

  /** The socket created with `onread`; watched for its end, errors and an early close. */
  attach(socket: Socket): void {
    this.socket = socket;
    socket.once('end', () => {
      this.ended = true;
      this.pump();
    });
    socket.once('error', (error) => this.fail(error));
    socket.once('close', () => {
      if (!this.ended) this.fail(dataClosedEarly());
    });
  }

  /** Whether a socket was created with this receiver (plain passive mode). */
  get attached(): boolean {
    return this.socket !== undefined;
  }

  /**
   * Writes everything the socket delivered, and delivers, into `file`;
   * resolves once all of it is on disk after the socket's end. A failed
   * write is also reported to `onWriteError` (the caller closes the session:
   * the server is still sending).
   */
  receive(file: FileAppender, onWriteError: (error: Error) => void): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.file = file;
    this.onWriteError = onWriteError;
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      this.pump();
    });
  }

  private nextBuffer(): Buffer {
    let slab = this.current;
    if (!slab || slab.buffer.length - slab.fill < MIN_READ_BYTES) {
      if (slab) this.retire(slab);
      slab = this.current = newSlab();
    }
    return slab.buffer.subarray(slab.fill);
  }

  private onData(bytes: number): boolean {
    if (this.current) this.current.fill += bytes;
    this.received += bytes;
    this.pump();
    if (this.unwritten() >= MAX_UNWRITTEN_BYTES) this.socket?.pause();
    return true;
  }

  private unwritten(): number {
    return this.received - (this.file?.bytesWritten ?? 0);
  }

  private retire(slab: Slab): void {
    this.handOver(slab);
    slab.retired = true;
    this.release(slab);
  }

  /** Queues what the socket filled in `slab` since the last hand-over. */
  private handOver(slab: Slab): void {
    if (slab.fill === slab.flushed) return;
    this.queue.push({ slab, start: slab.flushed, end: slab.fill });
    slab.pending++;
    slab.flushed = slab.fill;
  }

  private release(slab: Slab): void {
    if (slab.retired && slab.pending === 0 && !this.failure) slabs.give(slab.buffer);
  }

  /** Starts the next write if none runs: everything received so far, in one batch. */
  private pump(): void {
    const file = this.file;
    if (this.writing || !file || this.failure) return;
    if (this.current) this.handOver(this.current);
    if (this.queue.length === 0) {
      if (this.ended) this.finish();
      return;
    }
    const batch = this.queue.splice(0);
    this.writing = true;
    file.write(batch.map((r) => r.slab.buffer.subarray(r.start, r.end))).then(
      () => {
        this.writing = false;
        for (const region of batch) {
          region.slab.pending--;
          this.release(region.slab);
        }
        if (this.socket?.isPaused() && !this.ended && this.unwritten() < MAX_UNWRITTEN_BYTES / 2) this.socket.resume();
        this.pump();
      },
      (error: Error) => {
        this.writing = false;
        this.fail(error);
        this.onWriteError?.(error);
      },
    );
  }

  private finish(): void {
    this.done = true;
    if (this.current) {
      this.current.retired = true;
      this.release(this.current);
    }
    this.settle?.resolve();
  }

  /** The slabs are left to the garbage collector: a write or a read may still hold one. */
  private fail(error: Error): void {
    if (this.failure || this.done) return;
    this.failure = error;
    this.socket?.destroy();
    this.settle?.reject(error);
  }
}

const offers = new WeakMap<FTPContext, DirectReceiver>();

/** Offers a receiver for the next data connection of `ftp` (see the file comment). */
export function offerDirectReads(ftp: FTPContext): DirectReceiver {
  const receiver = new DirectReceiver();
  offers.set(ftp, receiver);
  return receiver;
}

/** Withdraws an offer the strategy did not take, so no later transfer gets it. */
export function withdrawDirectReads(ftp: FTPContext): void {
  offers.delete(ftp);
}

/** For the passive strategy: the receiver offered for this connection, if any (taken once). */
export function takeDirectReads(ftp: FTPContext): DirectReceiver | undefined {
  const receiver = offers.get(ftp);
  offers.delete(ftp);
  return receiver;
}
