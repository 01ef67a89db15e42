/**
 * SFTP downloads and uploads as pipelined ranged copies (see pipeline.ts):
 * positional READ/WRITE requests against an open remote handle and
 * positional local I/O through a `FileHandle`, so resume is just a start
 * offset and nothing depends on arrival order.
 *
 * After a failure or an abort the destination is cut back to the highest
 * contiguous byte (local `ftruncate`, remote FSETSTAT size), so "how much is
 * there" — the local file size, `SftpFs.size()` — is always a safe resume
 * point for the queue.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'ssh2';
import { FerryError } from '../../../shared/errors.js';
import { bufferPool } from '../buffer-pool.js';
import { checkSource } from '../source-check.js';
import type { TransferOptions, TransferResult } from '../remote-fs.js';
import type { SshConnection } from './sftp-connection.js';
import { mapSftpError } from './sftp-errors.js';
import { runPipeline } from './pipeline.js';

/** Biggest request we send even when the server allows more: OpenSSH caps at 261120 (limits@openssh.com). */
const MAX_CHUNK = 256 * 1024;
/** Bytes kept in flight per transfer: above one channel window (2 MiB in ssh2) so the pipe never drains. */
const IN_FLIGHT_BYTES = 4 * 1024 * 1024;
const MAX_DEPTH = 64;

/** Request size and count for a server's per-request limit. */
export function pipelineShape(limit: number): { chunk: number; depth: number } {
  const chunk = Math.max(1024, Math.min(MAX_CHUNK, limit));
  return { chunk, depth: Math.max(4, Math.min(MAX_DEPTH, Math.ceil(IN_FLIGHT_BYTES / chunk))) };
}

/** Told when an upload stopped but the remote file could not be cut back (the connection was gone). */
export type CutBackPending = (remotePath: string, size: number) => void;

function remoteOpen(conn: SshConnection, path: string, mode: 'r' | 'r+' | 'w', context: string): Promise<Buffer> {
  return conn.request<Buffer>(context, (sftp, done) => sftp.open(path, mode, done));
}

function remoteClose(conn: SshConnection, handle: Buffer, context: string): Promise<void> {
  return conn.request<void>(context, (sftp, done) => sftp.close(handle, done));
}

function remoteSize(conn: SshConnection, handle: Buffer, context: string): Promise<number | null> {
  return conn.request<Stats>(context, (sftp, done) => sftp.fstat(handle, done)).then((st) => (typeof st.size === 'number' ? st.size : null));
}

/**
 * FSETSTAT of the modification (and access) time, when one is given: true
 * when the server took it, false when it refused (never fatal: the queue
 * notes it), null when there was nothing to set.
 */
function setTime(conn: SshConnection, handle: Buffer, modified: number | undefined, context: string): Promise<boolean | null> {
  if (modified === undefined) return Promise.resolve(null);
  const seconds = Math.floor(modified / 1000);
  return conn.request<void>(context, (sftp, done) => sftp.fsetstat(handle, { atime: seconds, mtime: seconds }, done)).then(
    () => true,
    () => false,
  );
}

function pathSize(conn: SshConnection, path: string, context: string): Promise<number | null> {
  return conn.request<Stats>(context, (sftp, done) => sftp.stat(path, done)).then((st) => (typeof st.size === 'number' ? st.size : null));
}

/** The server must hold what was sent; less is a truncated upload, worth sending again (retryable). */
function checkUploaded(remoteBytes: number | null, localSize: number, remotePath: string): void {
  if (remoteBytes !== null && remoteBytes !== localSize) {
    throw new FerryError('PROTOCOL', `Upload incomplete: server has ${remoteBytes} of ${localSize} bytes (${remotePath})`, { retryable: true });
  }
}

/** Writes all of `buf[0..len)` at `pos` (a FileHandle write may be partial). */
async function writeFully(fh: FileHandle, buf: Buffer, len: number, pos: number): Promise<void> {
  for (let done = 0; done < len; ) {
    const { bytesWritten } = await fh.write(buf, done, len - done, pos + done);
    done += bytesWritten;
  }
}

/**
 * Copies `remotePath` to `localPath` from `options.offset` on. On failure the
 * local file is cut to the contiguous point before the error is thrown.
 */
export async function downloadFile(conn: SshConnection, remotePath: string, localPath: string, options: TransferOptions = {}): Promise<TransferResult> {
  const context = `Cannot download ${remotePath}`;
  const offset = options.offset ?? 0;
  const handle = await remoteOpen(conn, remotePath, 'r', context);
  let fh: FileHandle | undefined;
  try {
    const size = await remoteSize(conn, handle, context);
    if (size !== null && offset > size) throw new FerryError('INVALID_PARAMS', `${context}: cannot resume at byte ${offset}, the file has only ${size} bytes`);
    fh = await open(localPath, offset > 0 ? 'r+' : 'w').catch((error: unknown) => {
      throw mapSftpError(error, `${context}: cannot write ${localPath}`);
    });
    if (offset > 0 && (await fh.stat()).size < offset) {
      throw new FerryError('INVALID_PARAMS', `${context}: cannot resume at byte ${offset}, ${localPath} is shorter`);
    }
    const local = fh;
    const { chunk, depth } = pipelineShape(conn.maxRequest.read);
    const pool = bufferPool(chunk);
    const result = await runPipeline({
      start: offset,
      end: size ?? offset + 1,
      chunk,
      depth,
      growable: true,
      endKnown: size !== null,
      signal: options.signal,
      onProgress: options.onProgress,
      throttle: options.throttle,
      onStuck: () => conn.destroy(),
      move: async (pos, len) => {
        const buf = pool.take(len);
        try {
          const n = await conn.request<number>(context, (sftp, done) => sftp.read(handle, buf, 0, len, pos, (err, bytes) => done(err, bytes)));
          if (n > 0) await writeFully(local, buf, n, pos).catch((error: unknown) => Promise.reject(mapSftpError(error, `${context}: cannot write ${localPath}`)));
          return n;
        } finally {
          pool.give(buf);
        }
      },
    });
    // Success: drop a stale tail beyond the remote end (an older, longer local file; a fresh one was opened empty).
    // Failure: keep only contiguous bytes.
    if (result.error) await local.truncate(result.contiguous);
    else if (offset > 0) await local.truncate(result.end);
    if (result.error) throw result.error;
    await local.close();
    fh = undefined;
    await remoteClose(conn, handle, context);
    return { bytes: result.end - offset };
  } catch (error) {
    await fh?.close().catch(() => undefined);
    if (conn.alive) await remoteClose(conn, handle, context).catch(() => undefined);
    throw error;
  }
}

/**
 * Copies `localPath` to `remotePath` from `options.offset` on. Resolves only
 * when every WRITE was acknowledged and the remote size equals the local
 * size. On failure the remote file is cut to the contiguous point (FSETSTAT),
 * or `onCutBackPending` is told when the connection is gone. With
 * `options.source`, the opened file must match it before anything is sent
 * (source-check.ts).
 */
export async function uploadFile(
  conn: SshConnection,
  localPath: string,
  remotePath: string,
  options: TransferOptions = {},
  onCutBackPending: CutBackPending = () => {},
): Promise<TransferResult> {
  const context = `Cannot upload to ${remotePath}`;
  const offset = options.offset ?? 0;
  const fh = await open(localPath, 'r').catch((error: unknown) => {
    throw mapSftpError(error, `Cannot read ${localPath}`);
  });
  let handle: Buffer | undefined;
  try {
    const stats = await fh.stat();
    checkSource(localPath, options.source, stats);
    const localSize = stats.size;
    if (offset > localSize) throw new FerryError('INVALID_PARAMS', `${context}: cannot resume at byte ${offset}, ${localPath} has only ${localSize} bytes`);
    handle = await remoteOpen(conn, remotePath, offset > 0 ? 'r+' : 'w', context);
    const remote = handle;
    if (offset > 0) {
      const present = await remoteSize(conn, remote, context);
      if (present !== null && present < offset) throw new FerryError('INVALID_PARAMS', `${context}: cannot resume at byte ${offset}, the remote file has only ${present} bytes`);
    }
    const { chunk, depth } = pipelineShape(conn.maxRequest.write);
    const pool = bufferPool(chunk);
    const result = await runPipeline({
      start: offset,
      end: localSize,
      chunk,
      depth,
      growable: false,
      signal: options.signal,
      onProgress: options.onProgress,
      throttle: options.throttle,
      onStuck: () => conn.destroy(),
      move: async (pos, len) => {
        const buf = pool.take(len);
        try {
          const { bytesRead } = await fh.read(buf, 0, len, pos).catch((error: unknown) => Promise.reject(mapSftpError(error, `Cannot read ${localPath}`)));
          if (bytesRead === 0) return 0;
          // Resolves on the server's STATUS reply: only then is the chunk known to be written.
          await conn.request<void>(context, (sftp, done) => sftp.write(remote, buf, 0, bytesRead, pos, (err) => done(err)));
          return bytesRead;
        } finally {
          pool.give(buf);
        }
      },
    });
    const cutBack = (size: number): Promise<void> => conn.request<void>(context, (sftp, done) => sftp.fsetstat(remote, { size }, done));
    if (result.error) {
      const cut = conn.alive ? await cutBack(result.contiguous).then(() => true, () => false) : false;
      if (!cut) onCutBackPending(remotePath, result.contiguous);
      throw result.error;
    }
    if (result.end !== localSize) throw new FerryError('PROTOCOL', `${context}: ${localPath} changed size during the upload`);
    if (offset === 0) {
      // A fresh file (opened 'w', so empty) has no stale tail to cut: set its time, measure it and close it in
      // one round trip. Every WRITE is acknowledged by now; servers handle requests in order (OpenSSH, proftpd).
      // One that reorders (the protocol allows it) may close first: then the path is measured instead.
      handle = undefined;
      const [modifiedSet, measured] = await Promise.all([
        setTime(conn, remote, options.modified, context),
        remoteSize(conn, remote, context).catch(() => undefined),
        remoteClose(conn, remote, context),
      ]);
      const remoteBytes = measured === undefined ? await pathSize(conn, remotePath, context) : measured;
      checkUploaded(remoteBytes, localSize, remotePath);
      return { bytes: localSize, ...(remoteBytes === null ? {} : { remoteSize: remoteBytes }), ...(modifiedSet === null ? {} : { modifiedSet }) };
    }
    // Resuming over a longer remote file leaves its tail: cut it, then insist the sizes agree.
    let remoteBytes = await remoteSize(conn, remote, context);
    if (remoteBytes !== null && remoteBytes > localSize) {
      await cutBack(localSize);
      remoteBytes = await remoteSize(conn, remote, context);
    }
    checkUploaded(remoteBytes, localSize, remotePath);
    const modifiedSet = await setTime(conn, remote, options.modified, context);
    handle = undefined;
    await remoteClose(conn, remote, context);
    return { bytes: localSize - offset, ...(remoteBytes === null ? {} : { remoteSize: remoteBytes }), ...(modifiedSet === null ? {} : { modifiedSet }) };
  } catch (error) {
    if (handle && conn.alive) await remoteClose(conn, handle, context).catch(() => undefined);
    throw error;
  } finally {
    await fh.close().catch(() => undefined);
  }
}
