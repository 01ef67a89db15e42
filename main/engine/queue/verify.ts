/**
 * Proof that a transfer arrived whole before its final name appears: the
 * remote size must equal the local size, and where the server can hash a
 * file (FTP HASH / XSHA256 / XSHA1 / XMD5 / XCRC, see ftp/ftp-hash.ts) both
 * digests must match. ASCII transfers (newlines converted) compare the
 * remote size with the local size counting CRLF as LF — what a Unix server
 * stores — and no checksum. A mismatch is a `VerificationError` — a retryable
 * failure that restarts the file from byte zero — never "done".
 */
import { stat } from 'node:fs/promises';
import { FerryError } from '../../../shared/errors.js';
import type { ChecksumAlgorithm, VerifyMethod } from '../../../shared/model/transfer.js';
import { lfSizeOfFile } from '../ftp/ascii-newlines.js';
import type { TransferFs } from '../remote-fs.js';
import { hashLocalFile } from './local-hash.js';
import { remoteSizeOf } from './remote-size.js';

/** A digest a server computed (same shape as the adapters' `FileChecksum`). */
export interface RemoteChecksum {
  readonly algorithm: ChecksumAlgorithm;
  /** Lowercase hex. */
  readonly hex: string;
}

/**
 * A `TransferFs` that may also hash remote files (the adapters' `checksum`,
 * same signature). Optional on purpose: FTP servers with HASH / X-commands
 * answer; SFTP (OpenSSH has no `check-file` extension) stays size-verified.
 */
export interface VerifiableFs extends TransferFs {
  /** The first of `algorithms` (strongest first) the server offers, computed over `path`; null when it offers none. */
  checksum?(path: string, algorithms: readonly ChecksumAlgorithm[]): Promise<RemoteChecksum | null>;
}

/** The remote side of checksum verification, however the connection provides it (see queue-fs.ts). */
export type ChecksumSource = (path: string) => Promise<RemoteChecksum | null>;

/** Source and target disagree: retried from zero (the partial file is not to be trusted). */
export class VerificationError extends FerryError {
  constructor(message: string) {
    super('PROTOCOL', message, { retryable: true });
    this.name = 'VerificationError';
  }
}

export interface VerifyInput {
  readonly fs: TransferFs;
  readonly localPath: string;
  readonly remotePath: string;
  /** The remote size when already known (a download's source); asked from the server otherwise. */
  readonly remoteSize?: number | undefined;
  /** The local file's size when already known (what a download wrote); read from the disk otherwise. Ignored for ASCII. */
  readonly localSize?: number | undefined;
  /** Null when checksums are off or the server offers none. */
  readonly checksum: ChecksumSource | null;
  readonly signal?: AbortSignal | undefined;
  /** The job went as ASCII: the local size is counted with CRLF as LF (see ascii-newlines.ts). */
  readonly ascii?: boolean | undefined;
  /** Told when a checksum could not be computed (the result falls back to size). */
  readonly log?: ((text: string) => void) | undefined;
}

export interface VerifyResult {
  readonly verified: Exclude<VerifyMethod, 'exists'>;
  readonly algorithm?: ChecksumAlgorithm;
  readonly size: number;
}

export async function verifyTransfer(input: VerifyInput): Promise<VerifyResult> {
  const { fs, localPath, remotePath } = input;
  const localSize = input.ascii ? lfSizeOfFile(localPath, input.signal) : (input.localSize ?? stat(localPath).then((st) => st.size));
  const [local, remoteSize] = await Promise.all([localSize, input.remoteSize ?? remoteSizeOf(fs, remotePath)]);
  if (remoteSize === null) throw new VerificationError(`${remotePath} is missing on the server after the transfer`);
  if (remoteSize !== local) {
    const what = input.ascii ? `${local} bytes with CRLF counted as LF (ASCII)` : `${local} bytes`;
    throw new VerificationError(`Size mismatch: ${localPath} has ${what}, ${remotePath} has ${remoteSize}`);
  }
  if (!input.checksum || input.ascii) return { verified: 'size', size: local };
  let remote: RemoteChecksum | null;
  try {
    remote = await input.checksum(remotePath);
  } catch (error) {
    if (error instanceof FerryError && (error.code === 'CANCELLED' || error.retryable)) throw error;
    input.log?.(`Checksum of ${remotePath} unavailable (${error instanceof Error ? error.message : String(error)}); verified by size`);
    return { verified: 'size', size: local };
  }
  if (remote === null) return { verified: 'size', size: local };
  const { algorithm, hex } = remote;
  const localDigest = await hashLocalFile(localPath, algorithm, input.signal);
  if (localDigest !== hex.toLowerCase()) throw new VerificationError(`Checksum mismatch (${algorithm}): local ${localDigest}, server ${hex}`);
  return { verified: 'checksum', algorithm, size: local };
}
