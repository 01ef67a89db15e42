/**
 * Helpers for the SFTP integration tests: extra client keys authorised on
 * the harness servers (no harness change), an
 * ssh-agent, a TCP relay to swap the server behind one address, hashing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, chmod, readFile, writeFile } from 'node:fs/promises';
import { createServer, connect, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { removeOnExit } from '../testing/cleanup.js';
import { run } from '../testing/run.js';
import { testClientKey } from '../testing/servers/index.js';
import type { RunningServer } from '../testing/servers/types.js';
import { makeTempDir } from '../testing/temp-dir.js';

export const KEY_PASSPHRASE = 'ferry key passphrase';

export interface ClientKeys {
  /** The harness's process-wide ed25519 key (already authorised by the harness). */
  readonly ed25519: string;
  /** RSA 2048, no passphrase. */
  readonly rsa: string;
  /** ed25519 encrypted with `KEY_PASSPHRASE`. */
  readonly encrypted: string;
  /** ed25519 only ever loaded into an agent. */
  readonly agent: string;
  /** Folder holding the keys and the authorised-keys files. */
  readonly dir: string;
}

/** Generates the extra client keys (once per test file). */
export async function makeClientKeys(): Promise<ClientKeys> {
  const dir = await makeTempDir('ferry-sftp-keys-');
  removeOnExit(dir);
  await chmod(dir, 0o755); // sshd and proftpd read the authorised keys as the test user
  const keygen = (file: string, args: string[]): Promise<unknown> => run('ssh-keygen', ['-q', ...args, '-C', `ferry-${file}`, '-f', join(dir, file)]);
  await Promise.all([
    keygen('id_rsa', ['-t', 'rsa', '-b', '2048', '-N', '']),
    keygen('id_encrypted', ['-t', 'ed25519', '-N', KEY_PASSPHRASE]),
    keygen('id_agent', ['-t', 'ed25519', '-N', '']),
  ]);
  return { ed25519: (await testClientKey()).path, rsa: join(dir, 'id_rsa'), encrypted: join(dir, 'id_encrypted'), agent: join(dir, 'id_agent'), dir };
}

function publicKeyFiles(keys: ClientKeys): string[] {
  return [keys.ed25519, keys.rsa, keys.encrypted, keys.agent].map((k) => `${k}.pub`);
}

/**
 * sshd `extraConfig` authorising every key in `keys` (the harness key too).
 * sshd keeps the first value of a keyword and the harness puts
 * `extraConfig` first, so this `AuthorizedKeysFile` replaces the harness's.
 */
export async function sshdKeysConfig(keys: ClientKeys): Promise<string> {
  const file = join(keys.dir, 'authorized_keys');
  const lines = await Promise.all(publicKeyFiles(keys).map(async (p) => (await readFile(p, 'utf8')).trim()));
  await writeFile(file, `${lines.join('\n')}\n`, { mode: 0o644 });
  return `AuthorizedKeysFile ${file}`;
}

/**
 * Authorises the extra keys on a running proftpd mod_sftp. A second
 * `SFTPAuthorizedUserKeys` in `extraConfig` is ignored (the harness's comes
 * first and wins), so append RFC 4716 blocks to the harness's own file,
 * which lives beside the host keys and is read at every login.
 */
export async function authoriseOnProftpdSftp(server: RunningServer, keys: ClientKeys): Promise<void> {
  const hostKey = server.hostKeys?.[0];
  if (!hostKey) throw new Error('proftpd-sftp did not report its host keys');
  const file = join(dirname(hostKey), 'authorized_keys.rfc4716');
  if (!existsSync(file)) throw new Error(`the harness no longer keeps authorised keys in ${file}`);
  const blocks = await Promise.all(publicKeyFiles(keys).map(async (p) => (await run('ssh-keygen', ['-e', '-f', p])).stdout));
  await appendFile(file, blocks.join(''));
}

/** `ssh-keygen -lf` output for a public key file: `{ fingerprint, type }` (type like `ED25519`). */
export async function keygenFingerprint(pubFile: string): Promise<{ fingerprint: string; type: string }> {
  const out = (await run('ssh-keygen', ['-lf', pubFile])).stdout.trim();
  const m = /^\d+ (SHA256:\S+) .*\((\w+)\)$/.exec(out);
  if (!m?.[1] || !m[2]) throw new Error(`unexpected ssh-keygen -lf output: ${out}`);
  return { fingerprint: m[1], type: m[2] };
}

export interface Agent {
  readonly socket: string;
  stop(): Promise<void>;
}

/** Starts `ssh-agent -D -a <socket>` and loads `keyFile` into it. */
export async function startAgent(dir: string, keyFile: string): Promise<Agent> {
  const socket = join(dir, `agent-${process.pid}-${Date.now()}.sock`);
  const child: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    for (let i = 0; !existsSync(socket); i++) {
      if (i > 200 || child.exitCode !== null) throw new Error('ssh-agent did not create its socket');
      await sleep(25);
    }
    await run('ssh-add', [keyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
  } catch (error) {
    await stop();
    throw error;
  }
  return { socket, stop };
}

export interface Relay {
  readonly port: number;
  /** Sends new connections to another port. */
  retarget(port: number): void;
  /** Cuts every relayed connection (the client sees the server vanish). */
  dropAll(): void;
  close(): Promise<void>;
}

/** A loopback TCP relay: one stable address in front of servers that the test swaps. */
export async function startRelay(targetPort: number): Promise<Relay> {
  let target = targetPort;
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: target });
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no port');
  const dropAll = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: address.port,
    retarget: (port) => (target = port),
    dropAll,
    close: async () => {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** sha256 of a file, hex. */
export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}
