/**
 * Private key files for publickey authentication (RFC 4252 §7): OpenSSH
 * format and PEM, as ssh2's parser reads them. Encrypted keys are decrypted
 * here, before the key reaches ssh2, so a wrong passphrase can be asked
 * again instead of surfacing as ssh2's synchronous throw from `connect()`.
 */
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { FerryError } from '../../../shared/errors.js';
import type { ProtocolLog } from '../protocol-log.js';

/** How often a wrong passphrase is asked again before giving up (OpenSSH's ssh asks 3 times too). */
export const PASSPHRASE_ATTEMPTS = 3;

/**
 * Parses a private key, asking for the passphrase when it is encrypted and
 * again (up to 3 times) when it is wrong. ssh2 itself would throw from
 * `connect()` on a wrong passphrase; parsing here first keeps that out of
 * the connection and lets us ask again.
 */
export async function decryptKey(data: Buffer, path: string, askPassphrase: (attempt: number) => Promise<string>, log: ProtocolLog): Promise<ParsedKey> {
  let parsed = firstKey(ssh2.utils.parseKey(data));
  if (!(parsed instanceof Error)) return parsed;
  if (!/no passphrase given/i.test(parsed.message)) {
    throw new FerryError('AUTH_FAILED', `Cannot use the key file ${path}: ${parsed.message}`, { cause: parsed });
  }
  for (let attempt = 1; attempt <= PASSPHRASE_ATTEMPTS; attempt++) {
    parsed = firstKey(ssh2.utils.parseKey(data, await askPassphrase(attempt)));
    if (!(parsed instanceof Error)) return parsed;
    // The file already parsed as an encrypted key, so any failure now is the passphrase
    // ("integrity check failed", "Bad passphrase?", OpenSSL's "bad decrypt" for PKCS#8).
    log('error', `Wrong passphrase for key ${path}`);
  }
  throw new FerryError('AUTH_FAILED', `Wrong passphrase for key ${path}.`);
}

function firstKey(parsed: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  if (parsed instanceof Error) return parsed;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key) return new Error('the file holds no key');
  return key.isPrivateKey() ? key : new Error('the file holds a public key, not a private key');
}

