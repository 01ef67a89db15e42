/**
 * Remembers the password a user types at an `ask` logon, in memory only, so
 * the queue's extra connections to the same server do not ask again. Both
 * adapters ask for the login password with the label `Password` (a key's
 * passphrase is labelled `Passphrase` and is not captured).
 */
import type { ConnectOptions } from '../../shared/model/session.js';
import type { SecurityHooks } from '../engine/security-hooks.js';

export interface PasswordCapture {
  readonly security: SecurityHooks;
  /** The password typed during this connect, if one was asked for. */
  captured(): string | undefined;
}

export function capturePassword(security: SecurityHooks): PasswordCapture {
  let value: string | undefined;
  return {
    security: {
      checkCertificate: (check) => security.checkCertificate(check),
      checkHostKey: (check) => security.checkHostKey(check),
      askKeyboardInteractive: (request) => security.askKeyboardInteractive(request),
      async askSecret(request) {
        const answer = await security.askSecret(request);
        if (request.label === 'Password') value = answer;
        return answer;
      },
    },
    captured: () => value,
  };
}

/** True when connecting with these options asks for the password. */
export function asksPassword(options: ConnectOptions): boolean {
  return options.logonType === 'ask' && (options.protocol === 'sftp' || !options.password);
}

/** The options with an asked password filled in: a `normal` logon that asks nothing. */
export function withPassword(options: ConnectOptions, password: string): ConnectOptions {
  return { ...options, logonType: 'normal', password };
}
