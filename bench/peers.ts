/**
 * The reference clients, run the way /work/shared/notes/test-servers.md
 * measured them: curl for one big file over FTP/FTPS, `lftp mirror -P 8` for
 * the tree over FTP/FTPS, OpenSSH `sftp -b` for both over SFTP. Each call is
 * one whole process: connect, log in, transfer, quit.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunningServer } from '../main/engine/testing/servers/index.js';
import { runCommand } from './commands.js';

export interface PeerTarget {
  readonly server: RunningServer;
  readonly tls: boolean;
}

function ftpUrl(server: RunningServer, path: string): string {
  return `ftp://${server.host}:${server.port}${path.split('/').map(encodeURIComponent).join('/')}`;
}

function curlBase(t: PeerTarget): string[] {
  return ['-sS', '--fail', '--user', `${t.server.user}:${t.server.password}`, ...(t.tls ? ['--ssl-reqd', '-k'] : [])];
}

/** curl: one file down (`remote` as the client sees it) or up. */
export function curlDownload(t: PeerTarget, remote: string, local: string): Promise<number | null> {
  return runCommand('curl', [...curlBase(t), '-o', local, ftpUrl(t.server, remote)]);
}

export function curlUpload(t: PeerTarget, local: string, remote: string): Promise<number | null> {
  return runCommand('curl', [...curlBase(t), '-T', local, ftpUrl(t.server, remote)]);
}

function lftpScript(t: PeerTarget, command: string): string {
  const quote = (s: string): string => `"${s.replace(/(["\\])/g, '\\$1')}"`;
  const tls = t.tls
    ? ['set ssl:verify-certificate no', 'set ftp:ssl-force true', 'set ftp:ssl-protect-data true', 'set ftp:ssl-protect-list true']
    : ['set ftp:ssl-allow no'];
  return [
    'set cmd:fail-exit yes',
    'set net:max-retries 1',
    'set net:reconnect-interval-base 1',
    ...tls,
    `open -u ${quote(t.server.user)},${quote(t.server.password)} -p ${t.server.port} ${t.server.host}`,
    command,
    'quit',
  ].join('; ');
}

/** `lftp mirror -P n`: a remote folder into `localTarget` (created). */
export function lftpMirrorDown(t: PeerTarget, remote: string, localTarget: string, parallel: number): Promise<number | null> {
  return runCommand('lftp', ['-c', lftpScript(t, `mirror -P ${parallel} "${remote}" "${localTarget}"`)]);
}

/** `lftp mirror -R -P n`: a local folder to `remoteTarget` (created). */
export function lftpMirrorUp(t: PeerTarget, local: string, remoteTarget: string, parallel: number): Promise<number | null> {
  return runCommand('lftp', ['-c', lftpScript(t, `mirror -R -P ${parallel} "${local}" "${remoteTarget}"`)]);
}

export interface SftpPeer {
  readonly server: RunningServer;
  readonly clientKey: string;
  /** Folder for batch files. */
  readonly scratch: string;
}

let batchCount = 0;

/** OpenSSH `sftp -b`: one batch of commands (`get`, `put`, `get -r`, `put -r`). */
export async function sftpBatch(p: SftpPeer, lines: readonly string[]): Promise<number | null> {
  const batch = join(p.scratch, `batch-${++batchCount}.txt`);
  await writeFile(batch, `${lines.join('\n')}\n`);
  return runCommand('sftp', [
    '-q',
    '-b',
    batch,
    '-i',
    p.clientKey,
    '-P',
    String(p.server.port),
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'LogLevel=ERROR',
    `${p.server.user}@${p.server.host}`,
  ]);
}

export const sftpQuote = (path: string): string => `"${path.replace(/(["\\])/g, '\\$1')}"`;
