/**
 * proftpd 1.3.8: MLSD with the `perm` fact, MFMT, HASH / XMD5 / XCRC /
 * XSHA256 (mod_digest, multi-line replies), SIZE refused in ASCII mode, and a
 * slow greeting under back-to-back connects. Runs from the unpacked Debian
 * packages (it conflicts with vsftpd in apt).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testCert } from '../cert.js';
import { freePort, freePortRange, LOOPBACK } from '../free-port.js';
import { ensureTestUser, type TestUser } from '../system-user.js';
import { orDispose, prepareDirs, type ServerDirs, unpackedEnv } from './dirs.js';
import { launch } from './launch.js';
import { baseConfig, proftpdArgs, proftpdBin } from './proftpd-common.js';
import type { FtpServerOptions, RunningServer } from './types.js';

/**
 * Starts proftpd with one virtual user (`AuthUserFile`) mapped onto `ferrytest`.
 *
 * - Chrooted into `root` (`DefaultRoot ~`): `home` is '/'.
 * - Passive ports: 20 consecutive free ports, `MasqueradeAddress 127.0.0.1`.
 * - mod_digest on (`DigestAlgorithms all`): HASH, XCRC, XMD5, XSHA1, XSHA256, XSHA512.
 * - TLS 'explicit' or 'implicit' (`TLSOptions UseImplicitSSL`) via mod_tls;
 *   `TLSRequired on` unless `tlsRequired: false`. Data connections must reuse
 *   the control connection's TLS session (proftpd's default; else 425).
 *   `maxTlsVersion` sets `TLSProtocol`.
 * - `maxConnections` sets `MaxClientsPerHost`. `extraConfig` is appended.
 */
export async function startProftpd(opts: FtpServerOptions = {}): Promise<RunningServer> {
  const user = await ensureTestUser();
  const dirs = await prepareDirs('proftpd', user, opts.root);
  return orDispose(dirs, () => launchProftpd(opts, user, dirs));
}

async function launchProftpd(opts: FtpServerOptions, user: TestUser, dirs: ServerDirs): Promise<RunningServer> {
  const tls = opts.tls ?? 'none';
  const cert = tls === 'none' ? undefined : (opts.cert ?? (await testCert()));
  const port = await freePort();
  const pasv = await freePortRange(20);
  const modules = ['mod_digest.c', ...(cert ? ['mod_tls.c'] : [])];
  const lines = await baseConfig(
    { state: dirs.state, port, user, modules, maxConnections: opts.maxConnections },
    dirs.root,
  );
  lines.push(
    `PassivePorts ${pasv.min} ${pasv.max}`,
    `MasqueradeAddress ${LOOPBACK}`,
    'DigestEngine on',
    'DigestAlgorithms all',
  );
  if (cert) {
    lines.push(
      'TLSEngine on',
      `TLSLog ${join(dirs.state, 'tls.log')}`,
      `TLSProtocol ${opts.maxTlsVersion === 'TLSv1.2' ? 'TLSv1.2' : 'TLSv1.2 TLSv1.3'}`,
      `TLSRSACertificateFile ${cert.certPath}`,
      `TLSRSACertificateKeyFile ${cert.keyPath}`,
      'TLSVerifyClient off',
      `TLSRequired ${(opts.tlsRequired ?? true) ? 'on' : 'off'}`,
    );
    if (tls === 'implicit') lines.push('TLSOptions UseImplicitSSL');
  }
  if (opts.extraConfig) lines.push(opts.extraConfig);
  const conf = join(dirs.state, 'proftpd.conf');
  await writeFile(conf, `${lines.join('\n')}\n`, { mode: 0o600 });

  const launched = await launch({
    kind: 'proftpd',
    command: proftpdBin(),
    args: proftpdArgs(conf),
    env: unpackedEnv(),
    port,
    greeting: 'ftp',
    implicitTls: tls === 'implicit',
    logFiles: [join(dirs.state, 'proftpd.log'), join(dirs.state, 'tls.log')],
    onStopped: dirs.dispose,
    timeoutMs: opts.startTimeoutMs,
  });
  return {
    kind: 'proftpd',
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
