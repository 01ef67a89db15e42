/**
 * A local file copy with the same contract as a remote transfer
 * (`TransferFs.download`/`upload`): resume from `offset` (the first `offset`
 * bytes of the destination are kept, positional writes), progress at most a
 * few times a second, the speed-limit `throttle` awaited per block, CANCELLED on abort, and the destination cut to
 * `offset + copied` at the end so a longer stale file leaves no old tail.
 * That lets the transfer queue treat a local-to-local job like any other.
 */
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { FerryError } from '../../../shared/errors.js';
import { TransferProgress } from '../ftp/transfer-progress.js';
import type { TransferOptions, TransferResult } from '../remote-fs.js';
import { localError } from './local-errors.js';

const CHUNK = 1024 * 1024;

export async function copyLocalFile(from: string, to: string, options: TransferOptions = {}): Promise<TransferResult> {
  const offset = options.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new FerryError('INVALID_PARAMS', `Invalid resume offset: ${offset}`);
  const context = `Cannot copy ${from} to ${to}`;
  const throwIfAborted = (): void => {
    if (options.signal?.aborted) throw new FerryError('CANCELLED', `${context}: cancelled`);
  };
  throwIfAborted();
  const progress = new TransferProgress(options.onProgress);
  let source: FileHandle | undefined;
  let target: FileHandle | undefined;
  let position = offset;
  try {
    source = await open(from, 'r');
    const size = (await source.stat()).size;
    if (offset > size) throw new FerryError('INVALID_PARAMS', `${context}: cannot resume at byte ${offset}, the file has only ${size} bytes`);
    target = await open(to, offset > 0 ? 'r+' : 'w');
    if (offset > 0 && (await target.stat()).size < offset) throw new FerryError('INVALID_PARAMS', `${context}: cannot resume at byte ${offset}, ${to} is shorter`);
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      throwIfAborted();
      const { bytesRead } = await source.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) break;
      await options.throttle?.(bytesRead);
      throwIfAborted();
      for (let done = 0; done < bytesRead; ) done += (await target.write(buffer, done, bytesRead - done, position + done)).bytesWritten;
      position += bytesRead;
      progress.add(bytesRead);
    }
    await target.truncate(position);
    progress.finish();
    return { bytes: position - offset };
  } catch (error) {
    // A fresh copy that moved nothing leaves no empty file behind; a partial one stays for a resume.
    if (target && offset === 0 && progress.bytes === 0) {
      await target.close().catch(() => undefined);
      target = undefined; // Windows cannot unlink an open file
      await unlink(to).catch(() => undefined);
    } else {
      // Keep exactly the contiguous bytes, so the destination's size is a safe resume point.
      await target?.truncate(position).catch(() => undefined);
    }
    if (options.signal?.aborted && !(error instanceof FerryError)) throw new FerryError('CANCELLED', `${context}: cancelled`, { cause: error });
    throw error instanceof FerryError ? error : localError(error, context);
  } finally {
    await source?.close().catch(() => undefined);
    await target?.close().catch(() => undefined);
  }
}
