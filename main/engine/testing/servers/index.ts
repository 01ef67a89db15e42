/**
 * Real FTP / FTPS / SFTP servers for integration and e2e tests: each on free
 * loopback ports, with its own temp folders, stopped by process group.
 */
import { startProftpd } from './proftpd.js';
import { startProftpdSftp } from './proftpd-sftp.js';
import { startPureFtpd } from './pure-ftpd.js';
import { startSshd } from './sshd.js';
import type { FtpServerOptions, RunningServer, ServerKind, SftpServerOptions } from './types.js';
import { startVsftpd } from './vsftpd.js';

export type { FtpServerOptions, RunningServer, ServerKind, SftpServerOptions, TlsMode } from './types.js';
export { startProftpd } from './proftpd.js';
export { startProftpdSftp } from './proftpd-sftp.js';
export { startPureFtpd } from './pure-ftpd.js';
export { startSshd } from './sshd.js';
export { startVsftpd } from './vsftpd.js';
export { makeHostKeys, testClientKey, type ClientKey } from './ssh-keys.js';

/** The FTP server kinds (the others speak SFTP). */
export const FTP_KINDS = ['vsftpd', 'pure-ftpd', 'proftpd'] as const satisfies readonly ServerKind[];
/** The SFTP server kinds. */
export const SFTP_KINDS = ['sshd', 'proftpd-sftp'] as const satisfies readonly ServerKind[];

/**
 * Starts a server by kind, for tests parameterised over servers
 * (`describe.each(FTP_KINDS)`). FTP options are ignored by SFTP kinds and
 * vice versa.
 */
export function startServer(kind: ServerKind, opts: FtpServerOptions & SftpServerOptions = {}): Promise<RunningServer> {
  switch (kind) {
    case 'vsftpd':
      return startVsftpd(opts);
    case 'pure-ftpd':
      return startPureFtpd(opts);
    case 'proftpd':
      return startProftpd(opts);
    case 'sshd':
      return startSshd(opts);
    case 'proftpd-sftp':
      return startProftpdSftp(opts);
  }
}
