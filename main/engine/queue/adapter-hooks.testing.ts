/**
 * Test support only — stand-ins for adapter methods the queue uses, for an
 * adapter that does not have them (yet): they let the integration tests run
 * the whole queue on real servers either way. When `FtpFs` / `SftpFs` carry
 * the file operations (`FileOpsFs` in remote-fs.ts) these return the adapter
 * untouched, and this file can go.
 *
 * - FTP: `sendCommand(command, path?)` — one raw command in the session's task
 *   queue, the path in the session charset, any reply returned; the queue
 *   speaks MKD/RNFR/RNTO/DELE/MFMT/MDTM/HASH over it (ftp-commands.ts).
 * - SFTP: `stat`, `mkdir`, `rename`, `removeFile`, `setModifiedTime`, with the
 *   adapters' meanings (mkdir/rename refuse with ALREADY_EXISTS).
 *
 * Each reaches into the adapter's private task runner, as the method inside
 * the adapter would run.
 */
import type { SFTPWrapper, Stats } from 'ssh2';
import { FerryError } from '../../../shared/errors.js';
import type { Entry } from '../../../shared/model/entry.js';
import type { FerryFtpClient } from '../ftp/ftp-client.js';
import type { FtpFs } from '../ftp/ftp-fs.js';
import type { SshConnection } from '../sftp/sftp-connection.js';
import type { SftpFs } from '../sftp/sftp-fs.js';
import type { FtpReply } from './ftp-commands.js';
import { remoteBasename } from './paths.js';
import type { QueueFs } from './queue-fs.js';

type FtpRun = <T>(task: (client: FerryFtpClient) => Promise<T>, context?: string) => Promise<T>;
type SftpRun = <T>(context: string, task: (conn: SshConnection) => Promise<T>) => Promise<T>;

const hasFileOps = (fs: QueueFs): boolean => typeof fs.mkdir === 'function' && typeof fs.rename === 'function';

/** `FtpFs` as a `QueueFs`: itself when it has the file operations, else with `sendCommand`. */
export function withFtpHooks(fs: FtpFs): QueueFs {
  const queueFs: QueueFs = fs;
  if (hasFileOps(queueFs)) return queueFs;
  const run = (fs as unknown as { run: FtpRun }).run.bind(fs);
  const sendCommand = (command: string, path?: string): Promise<FtpReply> =>
    run(async (client) => {
      const reply = await client.sendIgnoringError(path === undefined ? command : client.pathCommand(command, path));
      return { code: reply.code, message: reply.message };
    }, command.split(' ')[0]);
  return Object.assign(queueFs, { sendCommand });
}

/** `SftpFs` as a `QueueFs`: itself when it has the file operations, else with stand-ins. */
export function withSftpHooks(fs: SftpFs): QueueFs {
  const queueFs: QueueFs = fs;
  if (hasFileOps(queueFs)) return queueFs;
  const run = (fs as unknown as { run: SftpRun }).run.bind(fs);
  const request = <T>(context: string, start: (sftp: SFTPWrapper, done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> =>
    run(context, (conn) => conn.request<T>(context, start));
  const stat = async (path: string): Promise<Entry | null> => {
    const st = await request<Stats>(`Cannot stat ${path}`, (sftp, done) => sftp.lstat(path, done)).catch((error: unknown) => {
      if (error instanceof FerryError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    if (!st) return null;
    const type = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : st.isSymbolicLink() ? 'link' : 'other';
    return { name: remoteBasename(path), type, size: st.size, modified: st.mtime * 1000, permissions: null, owner: null, group: null, linkTarget: null };
  };
  const refuseExisting = async (path: string, context: string): Promise<void> => {
    if (await stat(path)) throw new FerryError('ALREADY_EXISTS', `${context}: something with that name already exists`);
  };
  return Object.assign(queueFs, {
    stat,
    async mkdir(path: string): Promise<void> {
      await refuseExisting(path, `Cannot create the folder ${path}`);
      await request<void>(`Cannot create the folder ${path}`, (sftp, done) => sftp.mkdir(path, done));
    },
    async rename(from: string, to: string): Promise<void> {
      await refuseExisting(to, `Cannot rename ${from} to ${to}`);
      await request<void>(`Cannot rename ${from}`, (sftp, done) => sftp.rename(from, to, done));
    },
    removeFile(path: string): Promise<void> {
      return request<void>(`Cannot delete ${path}`, (sftp, done) => sftp.unlink(path, done));
    },
    async setModifiedTime(path: string, modified: number): Promise<boolean> {
      const seconds = Math.floor(modified / 1000);
      await request<void>(`Cannot set the time of ${path}`, (sftp, done) => sftp.utimes(path, seconds, seconds, done));
      return true;
    },
  });
}
