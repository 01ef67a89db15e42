/**
 * The one error type that crosses every boundary in Ferry.
 *
 * Why a closed code set: the renderer, the log and the retry logic all branch
 * on *what kind* of failure happened, never on message text. Electron only
 * carries an error's message across IPC, so the code travels explicitly in the
 * wire envelope (see `ipc/wire.ts`) and is rebuilt into a `FerryError` on the
 * other side.
 */
export const ERROR_CODES = [
  'AUTH_FAILED',
  'CONNECTION_REFUSED',
  'HOST_NOT_FOUND',
  'TIMEOUT',
  'CONNECTION_LOST',
  'NOT_CONNECTED',
  'NOT_FOUND',
  'NOT_A_DIRECTORY',
  'PERMISSION_DENIED',
  'ALREADY_EXISTS',
  'CANCELLED',
  'PROTOCOL',
  'TLS_UNTRUSTED',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'UNSUPPORTED',
  'INVALID_PARAMS',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'INTERNAL',
] as const;

export type FerryErrorCode = (typeof ERROR_CODES)[number];

/** Codes worth retrying automatically: the failure is about the wire, not the request. */
const RETRYABLE: ReadonlySet<FerryErrorCode> = new Set<FerryErrorCode>(['TIMEOUT', 'CONNECTION_LOST', 'CONNECTION_REFUSED']);

/** The serialisable shape of a `FerryError`, as it travels in a reply envelope. */
export interface WireError {
  readonly code: FerryErrorCode;
  readonly message: string;
  readonly retryable: boolean;
}

export class FerryError extends Error {
  readonly code: FerryErrorCode;
  readonly retryable: boolean;

  constructor(code: FerryErrorCode, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FerryError';
    this.code = code;
    this.retryable = options?.retryable ?? RETRYABLE.has(code);
  }

  toWire(): WireError {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }

  static fromWire(wire: WireError): FerryError {
    return new FerryError(wire.code, wire.message, { retryable: wire.retryable });
  }
}

export function isFerryError(value: unknown): value is FerryError {
  return value instanceof FerryError;
}

export function isErrorCode(value: unknown): value is FerryErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
