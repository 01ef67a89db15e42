/**
 * pure-ftpd 1.0.50: MLSD and MFMT, a multi-line 220 greeting, and `OPTS UTF8
 * ON` answered with 504 although FEAT lists UTF8. Runs from the unpacked
 * Debian package (it conflicts with vsftpd in apt), as root: Debian's build
 * refuses to run unprivileged ("421 Sorry, but I can't trust you").
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOOPBACK } from '../free-port.js';
import { run } from '../run.js';
import { serversDir, tlsVersionEnv, unpackedEnv } from './dirs.js';
import { ftpBasics, type LaunchContext, launchServed, startWithDirs } from './launcher-common.js';
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
  return startWithDirs('pure-ftpd', opts.root, (ctx) => launchPureFtpd(opts, ctx));
}

async function launchPureFtpd(opts: FtpServerOptions, ctx: LaunchContext): Promise<RunningServer> {
  const { user, dirs } = ctx;
  const maxConn = opts.maxConnections ?? 50;
  const { cert, port, pasv } = await ftpBasics(opts, Math.max(20, maxConn * 2));
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

  return launchServed(
    ctx,
    {
      command: pureFtpdBin(),
      args,
      env: { ...unpackedEnv(), ...(await tlsVersionEnv(dirs.state, opts.maxTlsVersion)) },
      port,
      greeting: 'ftp',
      timeoutMs: opts.startTimeoutMs,
    },
    cert ? { certPem: cert.certPem } : {},
  );
}
