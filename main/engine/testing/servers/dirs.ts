/**
 * Per-server temp folders and small shared config bits. Each server gets a
 * private state folder (config, logs, pid file, keys; mode 700) and a root
 * folder owned by the test user. Both are fresh folders under `testTmpDir()`
 * (tmpfs when available), so parallel servers never share anything.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { removeOnExit } from '../cleanup.js';
import { chownTree } from '../ownership.js';
import type { TestUser } from '../system-user.js';
import { makeTempDir } from '../temp-dir.js';
import type { ServerKind } from './types.js';

/** The folders of one server instance. */
export interface ServerDirs {
  /** Private folder for config, logs and keys. */
  readonly state: string;
  /** The folder served to the user. */
  readonly root: string;
  /** Removes the folders the harness created (not a root given by the caller); idempotent. */
  dispose(): Promise<void>;
}

/**
 * Makes the state folder and, unless `root` is given, a fresh root. The root
 * (given or not) is chowned recursively to the test user, mode 755 so the
 * session can traverse it (the temp base is world-traversable, like /tmp).
 */
export async function prepareDirs(kind: ServerKind, user: TestUser, root?: string): Promise<ServerDirs> {
  const owned: string[] = [];
  const unregister: (() => void)[] = [];
  const own = async (prefix: string): Promise<string> => {
    const dir = await makeTempDir(prefix);
    owned.push(dir);
    unregister.push(removeOnExit(dir));
    return dir;
  };
  const dispose = async (): Promise<void> => {
    for (const dir of owned.splice(0)) await rm(dir, { recursive: true, force: true });
    for (const off of unregister.splice(0)) off();
  };
  try {
    const state = await own(`ferry-${kind}-`);
    let served: string;
    if (root) {
      served = resolve(root);
      await mkdir(served, { recursive: true });
    } else {
      served = await own(`ferry-${kind}-root-`);
    }
    await chmod(served, 0o755);
    await chownTree(served, user.uid, user.gid);
    return { state, root: served, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/**
 * Runs a server's set-up and launch; if anything throws, the server's folders
 * are removed before the error propagates (a failed start leaves nothing behind).
 */
export async function orDispose<T>(dirs: ServerDirs, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    await dirs.dispose();
    throw err;
  }
}

/**
 * Writes an OpenSSL config that caps the protocol version and returns the
 * environment that makes the server load it. Used for servers without a
 * TLS-version option of their own (vsftpd, pure-ftpd): OpenSSL 3 reads
 * `OPENSSL_CONF` when libssl initialises.
 */
export async function tlsVersionEnv(state: string, maxTlsVersion?: 'TLSv1.2' | 'TLSv1.3'): Promise<NodeJS.ProcessEnv> {
  if (!maxTlsVersion) return {};
  const file = join(state, 'openssl.cnf');
  await writeFile(
    file,
    [
      'openssl_conf = default_conf',
      '[default_conf]',
      'ssl_conf = ssl_sect',
      '[ssl_sect]',
      'system_default = system_default_sect',
      '[system_default_sect]',
      `MaxProtocol = ${maxTlsVersion}`,
      '',
    ].join('\n'),
  );
  return { OPENSSL_CONF: file };
}

/** Folder the unpacked proftpd / pure-ftpd packages live in (see .ci/install-deps.sh). */
export function serversDir(): string {
  return process.env.FERRY_SERVERS_DIR ?? '/opt/ferry-test-servers';
}

/** Environment for binaries run from `serversDir()`: adds its library folders when present. */
export function unpackedEnv(): NodeJS.ProcessEnv {
  const base = serversDir();
  const libs = [join(base, 'usr/lib/x86_64-linux-gnu'), join(base, 'lib/x86_64-linux-gnu')].filter((d) => existsSync(d));
  if (libs.length === 0) return {};
  const cur = process.env.LD_LIBRARY_PATH;
  return { LD_LIBRARY_PATH: [...libs, ...(cur ? [cur] : [])].join(':') };
}
