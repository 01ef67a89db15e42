/**
 * File transfers over one logged-in FTP connection: download (RETR, resumed
 * with REST, RFC 3659 §5) and upload (STOR, resumed with REST+STOR or APPE),
 * with paths in the session's charset, positional local I/O, and progress.
 *
 * The data socket is driven by data-transfer.ts, which ends an upload's TLS
 * stream cleanly (`end()`: close_notify, then FIN) and resolves only after
 * both the data side finished and the server's 2xx arrived.
 * vsftpd 3.0.3 with TLS 1.3 answers an uncleanly closed upload (socket
 * destroyed without close_notify) with `426 Failure reading network stream`
 * and keeps a truncated file (test-servers.md) — and a server may still
 * report success for less than we sent. So an upload is only reported done
 * when the reply is 2xx, the whole local range was read, and the server's
 * `SIZE` equals the local size.
 *
 * ASCII transfers (`ascii`: `TYPE A`, RFC 959 §3.1.1.1) convert newlines on
 * the way (ascii-newlines.ts), always start at byte 0 (an offset in the
 * converted stream is meaningless), and switch back to `TYPE I` afterwards,
 * failed or not. An ASCII upload is verified against the local size with
 * CRLF counted as LF: Unix servers (vsftpd, pure-ftpd, proftpd) store LF.
 */
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { FTPError } from 'basic-ftp';
import { FerryError } from '../../../shared/errors.js';
import type { ProtocolLog } from '../protocol-log.js';
import type { TransferResult } from '../remote-fs.js';
import { checkSource, type SourceFacts } from '../source-check.js';
import { LOCAL_EOL, NewlineConverter } from './ascii-newlines.js';
import { sendFrom, sendNothing } from './data-pump.js';
import { receiveInto, runDataTransfer, type DataSide } from './data-transfer.js';
import { offerDirectReads, withdrawDirectReads, type DirectReceiver } from './direct-receiver.js';
import { FileAppender, FileRangeSource, FileRangeWriter, type Throttle } from './file-streams.js';
import type { FerryFtpClient } from './ftp-client.js';
import type { TransferProgress } from './transfer-progress.js';

/** SIZE replies meaning "this server cannot tell" rather than "no such file" (RFC 959 §4.2: 500/502/504). */
const SIZE_UNSUPPORTED = new Set([500, 502, 504]);

function checkOffset(offset: number, ascii: boolean): void {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new FerryError('INVALID_PARAMS', `Invalid resume offset: ${offset}`);
  if (ascii && offset > 0) throw new FerryError('INVALID_PARAMS', `ASCII transfers cannot resume (offset ${offset}): they start from byte 0`);
}

/** Back to binary after an ASCII transfer (also after a failure); a dead connection needs nothing. */
async function restoreBinary(client: FerryFtpClient): Promise<void> {
  if (client.closed) return;
  await client.useType('I').catch(() => undefined);
}

/**
 * Remote file size via SIZE (RFC 3659 §4), in binary mode: proftpd refuses
 * SIZE in ASCII mode ("550 SIZE not allowed in ASCII mode"). Null when the
 * file does not exist (550); `unsupported` when the server has no SIZE.
 */
export async function remoteSize(client: FerryFtpClient, path: string): Promise<number | null | 'unsupported'> {
  await client.useType('I');
  const reply = await client.sendIgnoringError(client.pathCommand('SIZE', path));
  if (reply.code === 213) {
    const size = Number.parseInt(reply.message.slice(4), 10);
    if (Number.isSafeInteger(size)) return size;
    throw new FerryError('PROTOCOL', `Cannot read the size of ${path}: ${reply.message}`);
  }
  if (SIZE_UNSUPPORTED.has(reply.code)) return 'unsupported';
  if (reply.code === 550) return null;
  throw new FerryError('PROTOCOL', `Cannot read the size of ${path}: ${reply.code} ${reply.message}`);
}

/**
 * Downloads `remotePath` into `localPath`, from `offset` on: the local file is
 * opened 'r+' and written positionally when resuming (the first `offset`
 * bytes are kept), and cut to `offset + bytes` at the end so a longer stale
 * file cannot leave old bytes behind. A fresh download that fails before the
 * first byte removes the file it created.
 */
export async function downloadFile(
  client: FerryFtpClient,
  remotePath: string,
  localPath: string,
  offset: number,
  progress: TransferProgress,
  throttle?: Throttle,
  ascii = false,
): Promise<TransferResult> {
  checkOffset(offset, ascii);
  const remote = client.codec.encode(remotePath);
  const handle = await open(localPath, offset > 0 ? 'r+' : 'w');
  try {
    if (ascii) await client.useType('A');
    // A plain passive data connection reads straight into reusable buffers (direct-receiver.ts).
    const direct = ascii ? undefined : offerDirectReads(client.ftp);
    try {
      await client.prepareTransfer(client.ftp);
    } finally {
      withdrawDirectReads(client.ftp);
    }
    const receiver = fileReceiver(client, handle, offset, progress, throttle, ascii, direct?.attached ? direct : undefined);
    await runDataTransfer(client.ftp, {
      command: offset > 0 ? `REST ${offset}` : `RETR ${remote}`,
      afterRest: `RETR ${remote}`,
      direction: 'download',
      data: receiver.data,
    });
    // A fresh download opened the file empty ('w'); a resumed one may have had a longer stale tail.
    if (offset > 0) await handle.truncate(offset + receiver.bytesWritten());
    progress.finish();
    return { bytes: receiver.bytesWritten() };
  } catch (error) {
    // A fresh download that got nothing (e.g. 550 No such file) leaves no empty file behind;
    // anything partial stays for a later resume.
    if (offset === 0 && progress.bytes === 0) await unlink(localPath).catch(() => undefined);
    throw error;
  } finally {
    if (ascii) await restoreBinary(client);
    await handle.close().catch(() => undefined);
  }
}

/**
 * The download's data side: into `direct`'s buffers when the data connection
 * was made with it, else the socket piped into a FileRangeWriter (with
 * newline conversion for ASCII). A local write error leaves the server
 * mid-transfer; its late reply would be read as the answer to our next
 * command, so it closes the connection.
 */
function fileReceiver(
  client: FerryFtpClient,
  handle: FileHandle,
  offset: number,
  progress: TransferProgress,
  throttle: Throttle | undefined,
  ascii: boolean,
  direct: DirectReceiver | undefined,
): { data: DataSide; bytesWritten: () => number } {
  const closeSession = (error: Error): void => client.ftp.closeWithError(error);
  if (direct) {
    const file = new FileAppender(handle, offset, progress, throttle);
    return { data: () => direct.receive(file, closeSession), bytesWritten: () => file.bytesWritten };
  }
  const writer = new FileRangeWriter(handle, offset, progress, throttle, ascii ? new NewlineConverter(LOCAL_EOL) : undefined);
  writer.once('error', closeSession);
  return { data: receiveInto(writer), bytesWritten: () => writer.bytesWritten };
}

/**
 * Uploads `localPath` to `remotePath`, from `offset` on: REST+STOR (RFC 3659
 * §5.4), or APPE when the server refuses REST for uploads and already holds
 * exactly `offset` bytes. Verified as described in the file comment. With
 * `source`, the opened file must match it before anything is sent (source-check.ts).
 */
export async function uploadFile(
  client: FerryFtpClient,
  localPath: string,
  remotePath: string,
  offset: number,
  progress: TransferProgress,
  log: ProtocolLog,
  throttle?: Throttle,
  ascii = false,
  source?: SourceFacts,
): Promise<TransferResult> {
  checkOffset(offset, ascii);
  const remote = client.codec.encode(remotePath);
  const handle = await open(localPath, 'r');
  try {
    const stats = await handle.stat();
    checkSource(localPath, source, stats);
    const size = stats.size;
    if (offset > size) throw new FerryError('INVALID_PARAMS', `Cannot resume ${localPath} at byte ${offset}: it has only ${size} bytes`);
    if (ascii) await client.useType('A');
    await client.prepareTransfer(client.ftp);
    const command = offset > 0 ? await resumeCommand(client, remotePath, offset, log) : 'STOR';
    if (size === offset) {
      await storNothing(client, command, remotePath, log);
      const remoteSize = await verifyUpload(client, remotePath, size, log);
      progress.finish();
      return remoteSize === null ? { bytes: 0 } : { bytes: 0, remoteSize };
    }
    const converter = ascii ? new NewlineConverter('\r\n') : undefined;
    const file = new FileRangeSource(handle, offset, progress, throttle, converter, size);
    await runDataTransfer(client.ftp, {
      command: `${command} ${remote}`,
      direction: 'upload',
      // A local read error leaves the server mid-transfer; its late reply would be
      // read as the answer to our next command. Close the connection instead.
      data: (socket) => sendFrom(file)(socket).catch((error: unknown) => {
        if (!socket.destroyed) client.ftp.closeWithError(error as Error);
        throw error;
      }),
    });
    if (file.bytesRead !== size - offset) {
      throw new FerryError('PROTOCOL', `${localPath} changed while it was uploaded: sent ${file.bytesRead} of ${size - offset} bytes`);
    }
    // remoteSize (in verifyUpload) switches back to TYPE I before SIZE.
    const remoteSize = await verifyUpload(client, remotePath, converter ? converter.lfSize : size, log);
    progress.finish();
    return remoteSize === null ? { bytes: file.bytesRead } : { bytes: file.bytesRead, remoteSize };
  } finally {
    if (ascii) await restoreBinary(client);
    await handle.close().catch(() => undefined);
  }
}

/**
 * STOR (or APPE) with no data: an empty file, or a resume with nothing left
 * to send. vsftpd 3.0.3 answers every zero-byte upload over TLS 1.3 with
 * `426 Failure reading network stream` although it created the file (TLS 1.2
 * and other servers answer 226), so a 426 here is left to `verifyUpload`,
 * which checks the server's size.
 */
async function storNothing(client: FerryFtpClient, command: string, remotePath: string, log: ProtocolLog): Promise<void> {
  await client.prepareTransfer(client.ftp);
  try {
    await runDataTransfer(client.ftp, { command: `${command} ${client.codec.encode(remotePath)}`, direction: 'upload', data: sendNothing });
  } catch (error) {
    if (!(error instanceof FTPError) || error.code !== 426 || client.closed) throw error;
    log('info', `The server answered ${error.message.trim()} to an upload of no bytes (vsftpd over TLS 1.3 does); checking the size instead`);
  }
}

/** Creates (or truncates) `remotePath` as an empty file: STOR of no bytes, verified by SIZE. */
export async function storEmptyFile(client: FerryFtpClient, remotePath: string, log: ProtocolLog): Promise<void> {
  await client.useType('I');
  await storNothing(client, 'STOR', remotePath, log);
  await verifyUpload(client, remotePath, 0, log);
}

/** REST before STOR; APPE when REST is refused and the remote file already has exactly `offset` bytes. */
async function resumeCommand(client: FerryFtpClient, remotePath: string, offset: number, log: ProtocolLog): Promise<'STOR' | 'APPE'> {
  const rest = await client.sendIgnoringError(`REST ${offset}`);
  if (rest.code === 350) return 'STOR';
  const have = await remoteSize(client, remotePath);
  if (have !== offset) {
    throw new FerryError('PROTOCOL', `Cannot resume the upload of ${remotePath}: the server refused REST (${rest.code}) and has ${have ?? 'no'} bytes, not ${offset}`);
  }
  log('info', `The server refused REST for uploads (${rest.code}); appending with APPE`);
  return 'APPE';
}

/**
 * The server must hold exactly the local size; anything else is an incomplete
 * upload, worth sending again (retryable). Returns the confirmed size, or
 * null when the server cannot report sizes.
 */
async function verifyUpload(client: FerryFtpClient, remotePath: string, size: number, log: ProtocolLog): Promise<number | null> {
  const have = await remoteSize(client, remotePath);
  if (have === size) return have;
  if (have === 'unsupported') {
    log('error', `The server cannot report file sizes; the upload of ${remotePath} could not be verified`);
    return null;
  }
  throw new FerryError('PROTOCOL', `Upload incomplete: server has ${have ?? 0} of ${size} bytes (${remotePath})`, { retryable: true });
}
