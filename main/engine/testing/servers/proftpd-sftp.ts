/**
 * proftpd's mod_sftp: a second, non-OpenSSH SFTP implementation (its own
 * limits, status texts and key exchange list), worth running the SFTP adapter
 * against. Separate process from the FTP proftpd so both can run at once.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { type LaunchContext, startWithDirs } from './launcher-common.js';
import { baseConfig, serveProftpd } from './proftpd-common.js';
import { publicKeyOf, sshKeygen, testClientKey } from './ssh-keys.js';
import type { RunningServer, SftpServerOptions } from './types.js';

/**
 * Starts proftpd with mod_sftp as its only protocol (virtual user mapped onto
 * `ferrytest`, password or the process-wide client key).
 *
 * - Chrooted into `root` (`DefaultRoot ~`): `home` is '/'.
 * - Host keys: fresh RSA (PEM) and ed25519 per start unless `hostKeyFiles`.
 * - Authorised client key in RFC 4716 form (`SFTPAuthorizedUserKeys`).
 * - `maxConnections` sets `MaxClientsPerHost`; `extraConfig` is appended.
 */
export async function startProftpdSftp(opts: SftpServerOptions = {}): Promise<RunningServer> {
  return startWithDirs('proftpd-sftp', opts.root, (ctx) => launchProftpdSftp(opts, ctx));
}

async function launchProftpdSftp(opts: SftpServerOptions, ctx: LaunchContext): Promise<RunningServer> {
  const { user, dirs } = ctx;
  const state = dirs.state;
  const port = await freePort();
  const client = await testClientKey();

  let hostKeyFiles = opts.hostKeyFiles ? [...opts.hostKeyFiles] : [];
  if (hostKeyFiles.length === 0) {
    hostKeyFiles = [join(state, 'ssh_host_rsa_key'), join(state, 'ssh_host_ed25519_key')];
    await Promise.all([sshKeygen(hostKeyFiles[0] ?? '', 'rsa', true), sshKeygen(hostKeyFiles[1] ?? '', 'ed25519')]);
  }
  const hostKeys: string[] = [];
  for (const [i, key] of hostKeyFiles.entries()) {
    const pub = join(state, `host-key-${i}.pub`);
    await writeFile(pub, `${await publicKeyOf(key)}\n`);
    hostKeys.push(pub);
  }
  const authorized = join(state, 'authorized_keys.rfc4716');
  await writeFile(authorized, client.rfc4716, { mode: 0o600 });

  const lines = await baseConfig(
    { state, port, user, modules: ['mod_sftp.c'], maxConnections: opts.maxConnections },
    dirs.root,
  );
  lines.push(
    'SFTPEngine on',
    `SFTPLog ${join(state, 'sftp.log')}`,
    ...hostKeyFiles.map((k) => `SFTPHostKey ${k}`),
    'SFTPAuthMethods publickey password',
    `SFTPAuthorizedUserKeys file:${authorized}`,
    'SFTPCompression delayed',
  );
  return serveProftpd(
    ctx,
    { lines, extraConfig: opts.extraConfig, port, greeting: 'ssh', moduleLog: 'sftp.log', timeoutMs: opts.startTimeoutMs },
    { hostKeys, clientKey: client.path },
  );
}
