/**
 * Whether a test server can run on this machine. Locally a missing server
 * skips its tests with a reason; under CI it must fail instead, or a broken
 * install step would turn the integration suite silently green.
 */
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { findCommand } from './run.js';
import { proftpdBin, proftpdModulePath } from './servers/proftpd-common.js';
import { pureFtpdBin, purePwBin } from './servers/pure-ftpd.js';
import { sshdBin } from './servers/sshd.js';
import type { ServerKind } from './servers/types.js';
import { vsftpdBin } from './servers/vsftpd.js';

const INSTALL_HINT = 'run `bash .ci/install-deps.sh` as root';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isReadable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(cmd: string): boolean {
  return findCommand(cmd) !== null;
}

function needFiles(files: readonly [path: string, executable: boolean][]): string | null {
  for (const [path, exec] of files) {
    if (!(exec ? isExecutable(path) : isReadable(path))) return `${path} is missing (${INSTALL_HINT})`;
  }
  return null;
}

/**
 * Why `kind` cannot run here, or null when it can. Every server needs Linux
 * and root (servers authenticate and switch to the `ferrytest` account, which
 * the harness creates), plus openssl and the user tools.
 */
export function missingServer(kind: ServerKind): string | null {
  if (process.platform !== 'linux') return `${kind} tests need Linux`;
  if (process.getuid?.() !== 0) return `${kind} tests need root (they create the ferrytest account and run servers as root)`;
  for (const cmd of ['openssl', 'useradd', 'usermod', 'chpasswd']) {
    if (!onPath(cmd)) return `${cmd} is not installed`;
  }
  switch (kind) {
    case 'vsftpd':
      return needFiles([
        [vsftpdBin(), true],
        ['/etc/pam.d/vsftpd', false],
      ]);
    case 'pure-ftpd':
      return needFiles([
        [pureFtpdBin(), true],
        [purePwBin(), true],
      ]);
    case 'proftpd':
      return needFiles([
        [proftpdBin(), true],
        [join(proftpdModulePath(), 'mod_digest.so'), false],
        [join(proftpdModulePath(), 'mod_tls.so'), false],
      ]);
    case 'proftpd-sftp':
      return (
        (onPath('ssh-keygen') ? null : 'ssh-keygen is not installed') ??
        needFiles([
          [proftpdBin(), true],
          [join(proftpdModulePath(), 'mod_sftp.so'), false],
        ])
      );
    case 'sshd':
      return (onPath('ssh-keygen') ? null : 'ssh-keygen is not installed') ?? needFiles([[sshdBin(), true]]);
  }
}

/** What `requireServer` decided: run the tests, or skip them with a reason (never under CI). */
export type ServerRequirement = { readonly skip: false } | { readonly skip: true; readonly reason: string };

/**
 * For `describe.skipIf(req.skip)`: skips locally when `kind` cannot run, but
 * throws when `CI` is set, so CI fails loudly instead of skipping.
 */
export function requireServer(kind: ServerKind): ServerRequirement {
  const reason = missingServer(kind);
  if (reason === null) return { skip: false };
  if (process.env.CI) throw new Error(`CI must run the ${kind} tests, but: ${reason}`);
  return { skip: true, reason };
}
