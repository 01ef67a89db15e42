/**
 * Host keys: the fingerprint users compare with `ssh-keygen -lf`, and the
 * glue between ssh2's `hostVerifier` and Ferry's `SecurityHooks`. The engine
 * never decides trust; it asks `checkHostKey` (store lookup, known_hosts,
 * prompt — main's trust service) and only remembers, per `SftpFs`, the key
 * already accepted so a reconnect or re-key (RFC 4253 §9) does not ask again.
 */
import { createHash } from 'node:crypto';
import { FerryError } from '../../../shared/errors.js';
import type { ProtocolLog } from '../protocol-log.js';
import type { HostKeyCheck, SecurityHooks } from '../security-hooks.js';
import { toFerryError } from '../../ipc/to-ferry-error.js';

/** `SHA256:` + unpadded base64 of sha256(blob): exactly what `ssh-keygen -l` prints (OpenSSH 6.8+). */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The key type a public key blob names: its first SSH `string` (RFC 4253
 * §6.6), e.g. `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`. Null when the
 * blob is too short or the name is not printable ASCII.
 */
export function keyTypeOfBlob(keyBlob: Buffer): string | null {
  if (keyBlob.length < 4) return null;
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) return null;
  const name = keyBlob.toString('latin1', 4, 4 + length);
  return /^[\x21-\x7e]+$/.test(name) ? name : null;
}

/** What `checkHostKey` is asked about one key. */
export function hostKeyCheck(host: string, port: number, keyBlob: Buffer): HostKeyCheck {
  return { host, port, keyType: keyTypeOfBlob(keyBlob) ?? 'unknown', fingerprint: sha256Fingerprint(keyBlob), key: Buffer.from(keyBlob) };
}

export interface HostKeyGateOptions {
  readonly host: string;
  readonly port: number;
  readonly security: SecurityHooks;
  readonly log: ProtocolLog;
  /**
   * The fingerprint accepted earlier for this `SftpFs`. When set, that key is
   * taken without asking and any other key is refused with HOST_KEY_CHANGED:
   * a server whose key changes between two connections of one session is
   * exactly the attack the prompt exists for.
   */
  readonly pinned: string | null;
  /** Called once a key is accepted (to pin it for the next connection). */
  readonly onAccepted: (check: HostKeyCheck) => void;
  /** True while a person may be answering, so the connect deadline pauses. */
  readonly onWaiting: (waiting: boolean) => void;
}

export interface HostKeyGate {
  /** For ssh2's `hostVerifier` (raw key blob in, `verify(bool)` later). */
  readonly hostVerifier: (key: Buffer, verify: (permitted: boolean) => void) => boolean | undefined;
  /**
   * Why the key was refused. ssh2 only reports "Host denied (verification
   * failed)"; `connect` rejects with this instead, so the user sees
   * HOST_KEY_CHANGED or CANCELLED rather than a generic handshake failure.
   */
  readonly rejection: () => FerryError | null;
}

/** Builds the hostVerifier for one connection attempt. */
export function createHostKeyGate(options: HostKeyGateOptions): HostKeyGate {
  let rejection: FerryError | null = null;
  let accepted: string | null = options.pinned;

  const hostVerifier = (key: Buffer, verify: (permitted: boolean) => void): boolean | undefined => {
    const check = hostKeyCheck(options.host, options.port, key);
    if (accepted !== null) {
      if (check.fingerprint === accepted) return true; // the same key again: reconnect or re-key
      rejection = new FerryError(
        'HOST_KEY_CHANGED',
        `The host key of ${options.host}:${options.port} changed during this session (now ${check.keyType} ${check.fingerprint}, was ${accepted}). Refusing to continue.`,
      );
      options.log('error', rejection.message);
      return false;
    }
    options.log('info', `Host key: ${check.keyType} ${check.fingerprint}`);
    options.onWaiting(true);
    // Returning nothing and calling verify later is ssh2's asynchronous verification.
    options.security.checkHostKey(check).then(
      () => {
        options.onWaiting(false);
        accepted = check.fingerprint;
        options.onAccepted(check);
        verify(true);
      },
      (error: unknown) => {
        options.onWaiting(false);
        rejection = error instanceof FerryError ? error : toFerryError(error);
        options.log('error', `Host key not accepted: ${rejection.message}`);
        verify(false);
      },
    );
    return undefined;
  };
  return { hostVerifier, rejection: () => rejection };
}
