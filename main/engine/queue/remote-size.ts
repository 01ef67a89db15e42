/**
 * A remote file's size even from servers without SIZE (RFC 3659 is an
 * extension; some old or embedded FTP servers lack it and the adapter
 * answers UNSUPPORTED): then the folder listing tells.
 */
import { FerryError } from '../../../shared/errors.js';
import type { TransferFs } from '../remote-fs.js';
import { remoteBasename, remoteDirname } from './paths.js';

/** Size in bytes, or null when the file does not exist. */
export async function remoteSizeOf(fs: TransferFs, path: string): Promise<number | null> {
  try {
    return await fs.size(path);
  } catch (error) {
    if (!(error instanceof FerryError) || error.code !== 'UNSUPPORTED') throw error;
  }
  const listing = await fs.list(remoteDirname(path));
  const entry = listing.entries.find((item) => item.name === remoteBasename(path));
  if (!entry) return null;
  if (entry.size === null) throw new FerryError('UNSUPPORTED', `The server reports no size for ${path}; it cannot be resumed or verified`);
  return entry.size;
}
