/**
 * How the engine reports protocol dialogue. Adapters call it for every command
 * and reply; secrets are masked *before* this is called (see `maskSecrets`), so
 * nothing downstream ever holds a password.
 */
import type { LogKind } from '../../shared/model/log.js';

export type ProtocolLog = (kind: LogKind, text: string) => void;

/** A log sink that drops everything, for callers that do not care. */
export const silentLog: ProtocolLog = () => {};

/** Masks the argument of commands that carry secrets (PASS, ACCT). */
export function maskSecrets(command: string): string {
  return command.replace(/^(PASS|ACCT)(\s+).*$/i, '$1$2****');
}
