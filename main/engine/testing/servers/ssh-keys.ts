/**
 * SSH key material for the SFTP servers: fresh host keys per server (so
 * "host key changed" can be tested by starting another one) and one client
 * key per process, authorised on every SFTP server the harness starts.
 */
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { removeOnExit } from '../cleanup.js';
import { run } from '../run.js';
import { makeTempDir } from '../temp-dir.js';

/** Generates an unencrypted key pair at `file` / `file.pub` (OpenSSH format unless `pem`). */
export async function sshKeygen(file: string, type: 'ed25519' | 'rsa', pem = false): Promise<void> {
  const args = ['-q', '-t', type, '-N', '', '-C', `ferry-test-${type}`, '-f', file];
  if (type === 'rsa') args.push('-b', '2048'); // 3072 is the default but slower; strength is irrelevant here
  if (pem) args.push('-m', 'PEM');
  await run('ssh-keygen', args);
  await chmod(file, 0o600);
}

/** The public half of a private key file, in OpenSSH one-line format. */
export async function publicKeyOf(file: string): Promise<string> {
  return (await run('ssh-keygen', ['-y', '-f', file])).stdout.trim();
}

export interface ClientKey {
  /** Private key file (ed25519, no passphrase). */
  readonly path: string;
  /** OpenSSH one-line public key, for authorized_keys. */
  readonly publicKey: string;
  /** RFC 4716 form of the public key, which proftpd's mod_sftp wants. */
  readonly rfc4716: string;
}

let clientKey: Promise<ClientKey> | undefined;

/** The process-wide client key (made once, removed at exit). */
export function testClientKey(): Promise<ClientKey> {
  clientKey ??= (async () => {
    const dir = await makeTempDir('ferry-client-key-');
    removeOnExit(dir);
    const path = join(dir, 'id_ed25519');
    await sshKeygen(path, 'ed25519');
    const publicKey = (await readFile(`${path}.pub`, 'utf8')).trim();
    const rfc4716 = (await run('ssh-keygen', ['-e', '-f', `${path}.pub`])).stdout;
    return { path, publicKey, rfc4716 };
  })().catch((err: unknown) => {
    clientKey = undefined;
    throw err;
  });
  return clientKey;
}

/**
 * A set of host keys (RSA in PEM, which proftpd's mod_sftp also reads, and
 * ed25519) that outlives any one server: pass them as `hostKeyFiles` to
 * several starts to restart "the same" host, or omit them to get a changed
 * host key. Removed when the process exits.
 */
export async function makeHostKeys(): Promise<string[]> {
  const dir = await makeTempDir('ferry-host-keys-');
  removeOnExit(dir);
  const keys = [join(dir, 'ssh_host_rsa_key'), join(dir, 'ssh_host_ed25519_key')] as const;
  await Promise.all([sshKeygen(keys[0], 'rsa', true), sshKeygen(keys[1], 'ed25519')]);
  return [...keys];
}
