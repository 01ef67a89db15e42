/**
 * OpenSSH sshd 9.2: the reference SFTP server. A second sshd with its own
 * config, host keys and pid file on a free port; the machine's own sshd (if
 * any) is never touched.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, LOOPBACK } from '../free-port.js';
import { findCommand, run } from '../run.js';
import { type LaunchContext, launchServed, startWithDirs, writeConfigFile } from './launcher-common.js';
import { publicKeyOf, sshKeygen, testClientKey } from './ssh-keys.js';
import type { RunningServer, SftpServerOptions } from './types.js';

/** sshd from PATH, as an absolute path: sshd refuses to start otherwise (it re-executes itself). */
export function sshdBin(): string {
  return findCommand('sshd') ?? '/usr/sbin/sshd';
}

/**
 * Starts sshd for the system user `ferrytest`, by password or by the
 * process-wide client key (`clientKey`).
 *
 * Home/root mapping: no chroot (OpenSSH refuses a ChrootDirectory under
 * world-writable /tmp). Instead the sftp subsystem is `internal-sftp -d ROOT`,
 * so every SFTP session starts in `root` (`realpath('.')` is `root`) and
 * `home` is the absolute path of `root`. This works for any number of servers
 * at once, unlike changing the account's passwd home. The rest of the file
 * system is visible with the account's rights. `root` must not contain spaces.
 *
 * Host keys: fresh ed25519 and RSA keys per start, unless `hostKeyFiles`
 * (private key files, mode 600) are given to restart "the same" server.
 * `UsePAM no` (password auth as root without PAM), `StrictModes no` (keys under /tmp).
 * `maxConnections` sets `MaxSessions` (channels per connection) and `MaxStartups`.
 */
export async function startSshd(opts: SftpServerOptions = {}): Promise<RunningServer> {
  return startWithDirs('sshd', opts.root, (ctx) => launchSshd(opts, ctx));
}

async function launchSshd(opts: SftpServerOptions, ctx: LaunchContext): Promise<RunningServer> {
  const { user, dirs } = ctx;
  if (/\s/.test(dirs.root)) throw new Error(`sshd root must not contain whitespace: ${dirs.root}`);
  const state = dirs.state;
  const port = await freePort();
  const client = await testClientKey();

  let hostKeyFiles = opts.hostKeyFiles ? [...opts.hostKeyFiles] : [];
  if (hostKeyFiles.length === 0) {
    hostKeyFiles = [join(state, 'ssh_host_ed25519_key'), join(state, 'ssh_host_rsa_key')];
    await Promise.all([sshKeygen(hostKeyFiles[0] ?? '', 'ed25519'), sshKeygen(hostKeyFiles[1] ?? '', 'rsa')]);
  }
  const hostKeys: string[] = [];
  for (const [i, key] of hostKeyFiles.entries()) {
    const pub = join(state, `host-key-${i}.pub`);
    await writeFile(pub, `${await publicKeyOf(key)}\n`);
    hostKeys.push(pub);
  }

  // sshd reads authorized_keys with the user's rights: a traversable folder inside the private state.
  await chmod(state, 0o711);
  const authDir = join(state, 'auth');
  await mkdir(authDir, { mode: 0o755 });
  const authorizedKeys = join(authDir, 'authorized_keys');
  await writeFile(authorizedKeys, `${client.publicKey}\n`, { mode: 0o644 });
  await mkdir('/run/sshd', { recursive: true }); // privilege-separation folder

  const max = opts.maxConnections;
  const lines = [
    ...(opts.extraConfig ? [opts.extraConfig] : []), // first: sshd keeps the first value of a keyword
    `Port ${port}`,
    `ListenAddress ${LOOPBACK}`,
    'AddressFamily inet',
    ...hostKeyFiles.map((k) => `HostKey ${k}`),
    `PidFile ${join(state, 'sshd.pid')}`,
    `AuthorizedKeysFile ${authorizedKeys}`,
    'StrictModes no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication yes',
    'PermitEmptyPasswords no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'PermitRootLogin no',
    `AllowUsers ${user.name}`,
    'UseDNS no',
    'PrintMotd no',
    'LogLevel VERBOSE',
    'MaxAuthTries 10',
    `MaxSessions ${max ?? 50}`,
    `MaxStartups ${max ?? 100}:30:${(max ?? 100) * 2}`,
    `Subsystem sftp internal-sftp -d ${dirs.root}`,
  ];
  const conf = join(state, 'sshd_config');
  await writeConfigFile(conf, lines);
  await run(sshdBin(), ['-t', '-f', conf]); // a config error explains itself better here than as a dead server

  return launchServed(
    ctx,
    {
      command: sshdBin(),
      args: ['-D', '-e', '-f', conf],
      port,
      greeting: 'ssh',
      timeoutMs: opts.startTimeoutMs,
    },
    { home: dirs.root, hostKeys, clientKey: client.path },
  );
}
