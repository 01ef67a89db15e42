/**
 * Local file-system errors (Node errno codes) as `FerryError`s with a reason
 * a user understands. `toFerryError` knows the common codes; file operations
 * meet a few more (ENOTEMPTY, EISDIR, EXDEV, EROFS) that deserve their own words.
 */
import { FerryError, type FerryErrorCode } from '../../../shared/errors.js';
import { toFerryError } from '../../ipc/to-ferry-error.js';

const REASONS: Readonly<Record<string, readonly [FerryErrorCode, string]>> = {
  ENOENT: ['NOT_FOUND', 'no such file or folder'],
  ENOTDIR: ['NOT_A_DIRECTORY', 'a part of the path is not a folder'],
  EISDIR: ['NOT_A_DIRECTORY', 'it is a folder, not a file'],
  EEXIST: ['ALREADY_EXISTS', 'something with that name already exists'],
  EACCES: ['PERMISSION_DENIED', 'permission denied'],
  EPERM: ['PERMISSION_DENIED', 'operation not permitted'],
  EROFS: ['PERMISSION_DENIED', 'the disk is read-only'],
  ENOTEMPTY: ['PROTOCOL', 'the folder is not empty'],
  EXDEV: ['UNSUPPORTED', 'it is on another drive; copy it instead of moving it'],
  ENOSPC: ['PROTOCOL', 'the disk is full'],
  EBUSY: ['PROTOCOL', 'it is in use'],
};

export function localError(error: unknown, context: string): FerryError {
  if (error instanceof FerryError) return error;
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  const reason = errno === undefined ? undefined : REASONS[errno];
  if (reason) return new FerryError(reason[0], `${context}: ${reason[1]} (${errno})`, { cause: error, retryable: false });
  const mapped = toFerryError(error);
  return new FerryError(mapped.code, `${context}: ${mapped.message}`, { cause: error });
}
