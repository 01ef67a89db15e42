/**
 * proftpd 1.3.8: MLSD with the `perm` fact, MFMT, HASH / XMD5 / XCRC /
 * XSHA256 (mod_digest, multi-line replies), SIZE refused in ASCII mode, and a
 * slow greeting under back-to-back connects. Runs from the unpacked Debian
 * packages (it conflicts with vsftpd in apt).
 */
import { join } from 'node:path';
import { LOOPBACK } from '../free-port.js';
import { ftpBasics, type LaunchContext, startWithDirs } from './launcher-common.js';
import { baseConfig, serveProftpd } from './proftpd-common.js';
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
  return startWithDirs('proftpd', opts.root, (ctx) => launchProftpd(opts, ctx));
}

async function launchProftpd(opts: FtpServerOptions, ctx: LaunchContext): Promise<RunningServer> {
  const { user, dirs } = ctx;
  const { tls, cert, port, pasv } = await ftpBasics(opts);
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
  return serveProftpd(
    ctx,
    {
      lines,
      extraConfig: opts.extraConfig,
      port,
      greeting: 'ftp',
      implicitTls: tls === 'implicit',
      moduleLog: 'tls.log',
      timeoutMs: opts.startTimeoutMs,
    },
    cert ? { certPem: cert.certPem } : {},
  );
}
