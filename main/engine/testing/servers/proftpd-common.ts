/**
 * What the proftpd FTP and SFTP launchers share: binary location, virtual
 * users (`AuthUserFile`, mapped onto `ferrytest`'s uid/gid) and the global
 * directives that make a standalone, root-started proftpd behave in tests.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOOPBACK } from '../free-port.js';
import { run } from '../run.js';
import type { TestUser } from '../system-user.js';
import { serversDir, unpackedEnv } from './dirs.js';
import type { LaunchSpec } from './launch.js';
import { type LaunchContext, launchServed, type ServedExtras, writeConfigFile } from './launcher-common.js';
import type { RunningServer } from './types.js';

/** Path of the proftpd binary (under FERRY_SERVERS_DIR). */
export function proftpdBin(): string {
  return join(serversDir(), 'usr/sbin/proftpd');
}

/** Folder of proftpd's loadable modules (mod_tls and mod_sftp come from proftpd-mod-crypto). */
export function proftpdModulePath(): string {
  return join(serversDir(), 'usr/lib/proftpd');
}

/**
 * Writes `AuthUserFile` / `AuthGroupFile` (mode 600; proftpd refuses
 * world-readable ones) with a SHA-512 crypt of the password.
 */
export async function writeAuthFiles(state: string, user: TestUser, home: string): Promise<{ passwd: string; group: string }> {
  const hash = (await run('openssl', ['passwd', '-6', '-stdin'], { input: `${user.password}\n` })).stdout.trim();
  const passwd = join(state, 'ftpd.passwd');
  const group = join(state, 'ftpd.group');
  await writeFile(passwd, `${user.name}:${hash}:${user.uid}:${user.gid}::${home}:/bin/false\n`, { mode: 0o600 });
  await writeFile(group, `${user.name}:x:${user.gid}:${user.name}\n`, { mode: 0o600 });
  return { passwd, group };
}

/** What the global proftpd directives depend on. */
export interface BaseConfigInput {
  readonly state: string;
  readonly port: number;
  readonly user: TestUser;
  readonly modules: readonly string[];
  readonly maxConnections?: number;
}

/**
 * Global directives: bind 127.0.0.1 only, files in `state`, virtual users
 * only (`AuthOrder mod_auth_file.c`, no PAM, no shell check), chroot into the
 * user's home (`DefaultRoot ~`), `DelayEngine off` (else failed and even good
 * logins are padded), no reverse DNS, no wtmp.
 */
export async function baseConfig(input: BaseConfigInput, home: string): Promise<string[]> {
  const { state, port, user } = input;
  const auth = await writeAuthFiles(state, user, home);
  const lines = [
    'ServerType standalone',
    'ServerName "Ferry test proftpd"',
    'DefaultServer on',
    'UseIPv6 off',
    `DefaultAddress ${LOOPBACK}`,
    'SocketBindTight on',
    `Port ${port}`,
    `User ${user.name}`,
    `Group ${user.name}`,
    'Umask 022',
    `PidFile ${join(state, 'proftpd.pid')}`,
    `ScoreboardFile ${join(state, 'proftpd.scoreboard')}`,
    `DelayTable ${join(state, 'proftpd.delay')}`,
    `SystemLog ${join(state, 'proftpd.log')}`,
    `TransferLog ${join(state, 'xferlog')}`,
    'WtmpLog off',
    'UseReverseDNS off',
    `ModulePath ${proftpdModulePath()}`,
    ...input.modules.map((m) => `LoadModule ${m}`),
    'DelayEngine off',
    'ControlsEngine off',
    'AuthOrder mod_auth_file.c',
    `AuthUserFile ${auth.passwd}`,
    `AuthGroupFile ${auth.group}`,
    'AuthPAM off',
    'RequireValidShell off',
    'DefaultRoot ~',
    'AllowOverwrite on',
    'AllowStoreRestart on',
    'AllowRetrieveRestart on',
    'MaxLoginAttempts 10',
  ];
  if (input.maxConnections !== undefined) lines.push(`MaxClientsPerHost ${input.maxConnections}`);
  return lines;
}

/** Arguments that run proftpd in the foreground, quietly, with our config only. */
export function proftpdArgs(conf: string): string[] {
  return ['-n', '-q', '-c', conf];
}

/** One proftpd process to run: its config and how to tell that it is ready. */
export interface ProftpdServe extends Pick<LaunchSpec, 'port' | 'greeting' | 'implicitTls' | 'timeoutMs'> {
  readonly lines: readonly string[];
  /** The caller's `extraConfig`, appended after `lines` when given. */
  readonly extraConfig?: string;
  /** The module's own log in the state folder (`tls.log`, `sftp.log`), shown with `proftpd.log` when the start fails. */
  readonly moduleLog: string;
}

/**
 * Writes `proftpd.conf` in the state folder and runs proftpd on it
 * (foreground, libraries from the unpacked packages) until it greets: the
 * FTP and SFTP launchers differ only in the config and in what they watch.
 */
export async function serveProftpd(ctx: LaunchContext, serve: ProftpdServe, extras: ServedExtras): Promise<RunningServer> {
  const { lines, extraConfig, moduleLog, ...spec } = serve;
  const state = ctx.dirs.state;
  const conf = join(state, 'proftpd.conf');
  await writeConfigFile(conf, extraConfig ? [...lines, extraConfig] : lines);
  const logFiles = [join(state, 'proftpd.log'), join(state, moduleLog)];
  return launchServed(ctx, { command: proftpdBin(), args: proftpdArgs(conf), env: unpackedEnv(), logFiles, ...spec }, extras);
}
