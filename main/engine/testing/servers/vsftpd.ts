/**
 * vsftpd 3.0.3: the most common Linux FTP server. No MLSD (clients must parse
 * LIST), and with TLS it insists on TLS session reuse for data connections
 * (`require_ssl_reuse=YES`), the classic FTPS client bug.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LOOPBACK } from '../free-port.js';
import { findCommand } from '../run.js';
import { tlsVersionEnv } from './dirs.js';
import { ftpBasics, type LaunchContext, launchServed, startWithDirs, writeConfigFile } from './launcher-common.js';
import type { FtpServerOptions, RunningServer } from './types.js';

/** vsftpd from PATH (Debian installs it in /usr/sbin). */
export function vsftpdBin(): string {
  return findCommand('vsftpd') ?? '/usr/sbin/vsftpd';
}

/**
 * Starts vsftpd for the system user `ferrytest` (PAM service `vsftpd`).
 *
 * - Chrooted into `root` (`local_root` + `chroot_local_user`): `home` is '/'.
 * - Passive ports: 20 consecutive free ports, `pasv_address=127.0.0.1`; active mode allowed.
 * - TLS 'explicit' / 'implicit' (`implicit_ssl=YES`): with `tlsRequired` (default)
 *   logins and data must be encrypted; session reuse is always required, as shipped.
 *   `ssl_ciphers=HIGH` because the default is DES-CBC3-SHA. `maxTlsVersion` via OPENSSL_CONF.
 * - `maxConnections` sets `max_per_ip`. `extraConfig` lines come last and override.
 * - Listings in GMT (`use_localtime=NO`), dot files only with `LIST -a`.
 */
export async function startVsftpd(opts: FtpServerOptions = {}): Promise<RunningServer> {
  return startWithDirs('vsftpd', opts.root, (ctx) => launchVsftpd(opts, ctx));
}

async function launchVsftpd(opts: FtpServerOptions, ctx: LaunchContext): Promise<RunningServer> {
  const { dirs } = ctx;
  const { tls, cert, port, pasv } = await ftpBasics(opts);
  const required = opts.tlsRequired ?? true;
  // vsftpd chroots its unprivileged helper here: must be empty and not writable by the session.
  const empty = join(dirs.state, 'empty');
  await mkdir(empty, { mode: 0o755 });
  const log = join(dirs.state, 'vsftpd.log');
  const conf = join(dirs.state, 'vsftpd.conf');
  const lines = [
    'listen=YES',
    'listen_ipv6=NO',
    `listen_address=${LOOPBACK}`,
    `listen_port=${port}`,
    'background=NO',
    'anonymous_enable=NO',
    'local_enable=YES',
    'write_enable=YES',
    'local_umask=022',
    `local_root=${dirs.root}`,
    'chroot_local_user=YES',
    'allow_writeable_chroot=YES',
    'pasv_enable=YES',
    `pasv_min_port=${pasv.min}`,
    `pasv_max_port=${pasv.max}`,
    `pasv_address=${LOOPBACK}`,
    'port_enable=YES',
    'connect_from_port_20=NO',
    'pam_service_name=vsftpd',
    `secure_chroot_dir=${empty}`,
    'seccomp_sandbox=NO',
    'utf8_filesystem=YES',
    'delay_failed_login=0',
    'xferlog_enable=YES',
    `vsftpd_log_file=${log}`,
    `xferlog_file=${join(dirs.state, 'xferlog')}`,
    'log_ftp_protocol=YES',
  ];
  if (opts.maxConnections !== undefined) lines.push(`max_per_ip=${opts.maxConnections}`);
  if (cert) {
    lines.push(
      'ssl_enable=YES',
      `rsa_cert_file=${cert.certPath}`,
      `rsa_private_key_file=${cert.keyPath}`,
      'ssl_ciphers=HIGH',
      `force_local_logins_ssl=${required ? 'YES' : 'NO'}`,
      `force_local_data_ssl=${required ? 'YES' : 'NO'}`,
      'require_ssl_reuse=YES',
    );
    if (tls === 'implicit') lines.push('implicit_ssl=YES');
  }
  if (opts.extraConfig) lines.push(...opts.extraConfig.split('\n').map((l) => l.trim()).filter(Boolean));
  await writeConfigFile(conf, lines);

  return launchServed(
    ctx,
    {
      command: vsftpdBin(),
      args: [conf],
      env: await tlsVersionEnv(dirs.state, opts.maxTlsVersion),
      port,
      greeting: 'ftp',
      implicitTls: tls === 'implicit',
      logFiles: [log],
      stdinLog: join(dirs.state, 'vsftpd.stderr'),
      timeoutMs: opts.startTimeoutMs,
    },
    cert ? { certPem: cert.certPem } : {},
  );
}
