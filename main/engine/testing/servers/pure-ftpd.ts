/**
 * pure-ftpd 1.0.50: MLSD and MFMT, a multi-line 220 greeting, and `OPTS UTF8
 * ON` answered with 504 although FEAT lists UTF8. Runs from the unpacked
 * Debian package (it conflicts with vsftpd in apt), as root: Debian's build
 * refuses to run unprivileged ("421 Sorry, but I can't trust you").
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testCert } from '../cert.js';
import { freePort, freePortRange, LOOPBACK } from '../free-port.js';
import { run } from '../run.js';
import { ensureTestUser, type TestUser } from '../system-user.js';
import { orDispose, prepareDirs, type ServerDirs, serversDir, tlsVersionEnv, unpackedEnv } from './dirs.js';
import { launch } from './launch.js';
import type { FtpServerOptions, RunningServer } from './types.js';

/** Path of the pure-ftpd binary (under FERRY_SERVERS_DIR). */
export function pureFtpdBin(): string {
  return join(serversDir(), 'usr/sbin/pure-ftpd');
}

/** Path of pure-pw, which builds the virtual-user database. */
export function purePwBin(): string {
  return join(serversDir(), 'usr/bin/pure-pw');
}

/**
 * Creates the virtual user database. The passwd line is written directly in
 * pure-pw's format (home ending in `/./` = chroot there) because `pure-pw
 * useradd` hashes with argon2id at a cost that makes every login (and the
 * useradd itself) take seconds; SHA-512 crypt (`openssl passwd -6`) is
 * verified by pure-ftpd via crypt(3). `pure-pw mkdb` then builds the PureDB.
 */
async function makeUserDb(state: string, name: string, password: string, uid: number, gid: number, root: string): Promise<string> {
  const passwd = join(state, 'pureftpd.passwd');
  const pdb = join(state, 'pureftpd.pdb');
  const hash = (await run('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n` })).stdout.trim();
  await writeFile(passwd, `${name}:${hash}:${uid}:${gid}::${root}/./::::::::::::\n`, { mode: 0o600 });
  await run(purePwBin(), ['mkdb', pdb, '-f', passwd], { env: { ...process.env, ...unpackedEnv() } });
  return pdb;
}

/**
 * Starts pure-ftpd with one virtual user mapped onto `ferrytest`'s uid/gid.
 *
 * - Chrooted (`-A`, home given to pure-pw): `home` is '/'.
 * - Passive ports: a free range of max(20, 2 × maxConnections) ports, `-P 127.0.0.1`
 *   (pure-ftpd silently caps `-c` at half the passive range).
 * - `maxConnections` (default 50) sets `-c` and `-C` (per IP).
 * - `-L 100000:16`: the default 10,000-entry listing cap would truncate silently.
 * - TLS 'explicit' only (pure-ftpd has no implicit FTPS): `-Y 3` when `tlsRequired`
 *   (default; login and data must be encrypted), `-Y 1` otherwise. No session reuse required.
 * - `extraConfig`: extra command-line arguments, whitespace-separated.
 */
export async function startPureFtpd(opts: FtpServerOptions = {}): Promise<RunningServer> {
  const tls = opts.tls ?? 'none';
  if (tls === 'implicit') throw new Error('pure-ftpd does not support implicit FTPS');
  const user = await ensureTestUser();
  const dirs = await prepareDirs('pure-ftpd', user, opts.root);
  return orDispose(dirs, () => launchPureFtpd(opts, user, dirs));
}

async function launchPureFtpd(opts: FtpServerOptions, user: TestUser, dirs: ServerDirs): Promise<RunningServer> {
  const tls = opts.tls ?? 'none';
  const cert = tls === 'none' ? undefined : (opts.cert ?? (await testCert()));
  const maxConn = opts.maxConnections ?? 50;
  const port = await freePort();
  const pasv = await freePortRange(Math.max(20, maxConn * 2));
  const pdb = await makeUserDb(dirs.state, user.name, user.password, user.uid, user.gid, dirs.root);
  const args = [
    '-S', `${LOOPBACK},${port}`,
    '-l', `puredb:${pdb}`,
    '-E', '-A', '-H', '-j',
    '-p', `${pasv.min}:${pasv.max}`,
    '-P', LOOPBACK,
    '-L', '100000:16',
    '-c', String(maxConn),
    '-C', String(maxConn),
    '-f', 'none',
    '-g', join(dirs.state, 'pure-ftpd.pid'),
    '-O', `clf:${join(dirs.state, 'transfer.log')}`,
  ];
  if (cert) args.push('-Y', (opts.tlsRequired ?? true) ? '3' : '1', '-2', `${cert.certPath},${cert.keyPath}`);
  if (opts.extraConfig) args.push(...opts.extraConfig.trim().split(/\s+/));

  const launched = await launch({
    kind: 'pure-ftpd',
    command: pureFtpdBin(),
    args,
    env: { ...unpackedEnv(), ...(await tlsVersionEnv(dirs.state, opts.maxTlsVersion)) },
    port,
    greeting: 'ftp',
    onStopped: dirs.dispose,
    timeoutMs: opts.startTimeoutMs,
  });
  return {
    kind: 'pure-ftpd',
    host: LOOPBACK,
    port,
    user: user.name,
    password: user.password,
    root: dirs.root,
    home: '/',
    ...(cert ? { certPem: cert.certPem } : {}),
    stop: launched.stop,
  };
}
