/**
 * Last-resort mapping for anything a handler throws that is not already a
 * `FerryError`: Node errno codes become their closed-set equivalents, the rest
 * is `INTERNAL` with the message kept (never a stack) so the user still sees
 * what went wrong.
 */
import { FerryError, type FerryErrorCode } from '../../shared/errors.js';

const ERRNO: Readonly<Record<string, FerryErrorCode>> = {
  ENOENT: 'NOT_FOUND',
  ENOTDIR: 'NOT_A_DIRECTORY',
  EACCES: 'PERMISSION_DENIED',
  EPERM: 'PERMISSION_DENIED',
  EEXIST: 'ALREADY_EXISTS',
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ECONNRESET: 'CONNECTION_LOST',
  EPIPE: 'CONNECTION_LOST',
  ETIMEDOUT: 'TIMEOUT',
  ENOTFOUND: 'HOST_NOT_FOUND',
  EAI_AGAIN: 'HOST_NOT_FOUND',
  EHOSTUNREACH: 'CONNECTION_REFUSED',
  ENETUNREACH: 'CONNECTION_REFUSED',
};

export function toFerryError(error: unknown): FerryError {
  if (error instanceof FerryError) return error;
  if (error instanceof Error) {
    const errno = (error as NodeJS.ErrnoException).code;
    const code = errno === undefined ? undefined : ERRNO[errno];
    return new FerryError(code ?? 'INTERNAL', error.message, { cause: error });
  }
  return new FerryError('INTERNAL', String(error));
}
