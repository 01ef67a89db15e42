/**
 * SFTP behind the `FileOpsFs` interface, on raw ssh2: one SSH connection,
 * one SFTP channel, and no serialisation beyond what SFTP needs — requests
 * from concurrent calls (a listing during a transfer) share the channel, as
 * the protocol allows (draft-ietf-secsh-filexfer-02 §6.1).
 *
 * Like `FtpFs`, a dropped connection is reopened once for the next call.
 * The reconnect never asks the user again about the host key: the key
 * accepted first is pinned for this instance and any other is refused with
 * HOST_KEY_CHANGED. A typed password or decrypted key is reused too.
 */
import type { Stats } from 'ssh2';
import { FerryError } from '../../../shared/errors.js';
import type { Entry, Listing } from '../../../shared/model/entry.js';
import type { ConnectOptions } from '../../../shared/model/session.js';
import type { ProtocolLog } from '../protocol-log.js';
import type { FileChecksum, FileOpsFs, RenameOptions, TransferOptions, TransferResult } from '../remote-fs.js';
import type { ConnectContext, SecurityHooks } from '../security-hooks.js';
import type { AuthMemory } from './sftp-auth.js';
import { openSshConnection, type SshConnection } from './sftp-connection.js';
import { isConnectionLoss, mapSftpError } from './sftp-errors.js';
import { listFolder } from './sftp-list.js';
import { sftpChmod, sftpCreateEmptyFile, sftpMkdir, sftpModifiedTime, sftpRemoveDir, sftpRemoveFile, sftpRename, sftpSetModifiedTime, sftpStat } from './sftp-ops.js';
import { downloadFile, uploadFile } from './sftp-transfer.js';

/** How many skipped names are logged one by one before summarising. */
const SKIPPED_LOGGED = 20;

export interface SftpSessionFacts {
  /** `realpath('.')`: where the server put us. */
  readonly home: string;
  /** The server's identification line, e.g. `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`. */
  readonly system: string | null;
  /** e.g. `SSH (aes128-gcm@openssh.com)`. */
  readonly encryption: string | null;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FerryError('CANCELLED', 'Cancelled.');
}

function rate(bytes: number, ms: number): string {
  const mb = bytes / 1e6;
  return `${mb.toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s, ${ms > 0 ? (mb / (ms / 1000)).toFixed(1) : '∞'} MB/s`;
}

export class SftpFs implements FileOpsFs {
  readonly pathStyle = 'posix' as const;
  /** WRITEs go out in parallel; the adapter cuts a broken upload back, but not once its connection is gone. */
  readonly uploadsMayLeaveHoles = true;
  private conn: SshConnection | null = null;
  private opening: Promise<SshConnection> | null = null;
  private closed = false;
  /** Fingerprint of the host key accepted on the first connection. */
  private pinned: string | null = null;
  private readonly memory: AuthMemory = {};
  /** Uploads interrupted by a lost connection: remote path -> contiguous size, applied on reconnect. */
  private readonly cutBacks = new Map<string, number>();
  private readonly log: ProtocolLog;
  private readonly security: SecurityHooks;

  private constructor(
    private readonly options: ConnectOptions,
    context: ConnectContext,
  ) {
    this.log = context.log;
    this.security = context.security;
  }

  /** Connects, verifies the host key, authenticates and starts SFTP; rejects with AUTH_FAILED, HOST_KEY_CHANGED, CANCELLED, TIMEOUT, ... */
  static async connect(options: ConnectOptions, context: ConnectContext): Promise<{ fs: SftpFs; facts: SftpSessionFacts }> {
    const fs = new SftpFs(options, context);
    const conn = await fs.connection();
    try {
      const home = await fs.run('Cannot find the home folder', (c) => c.request<string>('Cannot find the home folder', (sftp, done) => sftp.realpath('.', done)));
      return { fs, facts: { home, system: conn.ident, encryption: conn.encryption } };
    } catch (error) {
      await fs.close();
      throw error;
    }
  }

  async list(path: string, signal?: AbortSignal): Promise<Listing> {
    throwIfAborted(signal);
    const listing = await this.run(`Cannot open ${path}`, (conn) => listFolder(conn, path));
    throwIfAborted(signal);
    for (const name of listing.skippedNames.slice(0, SKIPPED_LOGGED)) this.log('error', `Skipped an entry whose name cannot be a file name: ${JSON.stringify(name)}`);
    if (listing.skipped > SKIPPED_LOGGED) this.log('error', `…and ${listing.skipped - SKIPPED_LOGGED} more`);
    this.log('info', `Listed ${listing.path}: ${listing.entries.length} entries`);
    return { path: listing.path, entries: listing.entries, skipped: listing.skipped };
  }

  async size(path: string): Promise<number | null> {
    try {
      const stats = await this.run(`Cannot get the size of ${path}`, (conn) => conn.request<Stats>(`Cannot get the size of ${path}`, (sftp, done) => sftp.stat(path, done)));
      return typeof stats.size === 'number' ? stats.size : null;
    } catch (error) {
      if (error instanceof FerryError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  download(remotePath: string, localPath: string, options: TransferOptions = {}): Promise<TransferResult> {
    return this.transfer('Downloaded', remotePath, options, (conn, opts) => downloadFile(conn, remotePath, localPath, opts));
  }

  upload(localPath: string, remotePath: string, options: TransferOptions = {}): Promise<TransferResult> {
    const pending = (path: string, size: number): void => void this.cutBacks.set(path, size);
    return this.transfer('Uploaded', remotePath, options, (conn, opts) => uploadFile(conn, localPath, remotePath, opts, pending));
  }

  stat(path: string): Promise<Entry | null> {
    return this.run(`Cannot look up ${path}`, (conn) => sftpStat(conn, path));
  }

  mkdir(path: string): Promise<void> {
    return this.run(`Cannot create the folder ${path}`, (conn) => sftpMkdir(conn, path), () => false);
  }

  rename(from: string, to: string, options: RenameOptions = {}): Promise<void> {
    return this.run(`Cannot rename ${from} to ${to}`, (conn) => sftpRename(conn, from, to, options.replace === true), () => false);
  }

  modifiedTime(path: string): Promise<number | null> {
    return this.run(`Cannot get the modification time of ${path}`, (conn) => sftpModifiedTime(conn, path));
  }

  removeFile(path: string): Promise<void> {
    return this.run(`Cannot delete ${path}`, (conn) => sftpRemoveFile(conn, path), () => false);
  }

  removeDir(path: string): Promise<void> {
    return this.run(`Cannot delete the folder ${path}`, (conn) => sftpRemoveDir(conn, path), () => false);
  }

  chmod(path: string, mode: number): Promise<void> {
    return this.run(`Cannot change the permissions of ${path}`, (conn) => sftpChmod(conn, path, mode));
  }

  setModifiedTime(path: string, mtimeMs: number): Promise<boolean> {
    return this.run(`Cannot set the modification time of ${path}`, (conn) => sftpSetModifiedTime(conn, path, mtimeMs));
  }

  /**
   * Always null: SFTP v3 has no checksum request, and OpenSSH offers no
   * `check-file` extension (filexfer-13 §9.1) — verify by size, or download.
   */
  async checksum(): Promise<FileChecksum | null> {
    return null;
  }

  createEmptyFile(path: string): Promise<void> {
    return this.run(`Cannot create ${path}`, (conn) => sftpCreateEmptyFile(conn, path), () => false);
  }

  async close(): Promise<void> {
    this.closed = true;
    const opening = this.opening;
    await opening?.catch(() => undefined);
    const conn = this.conn;
    this.conn = null;
    await conn?.close();
  }

  /** Runs a transfer; it is retried on a fresh connection only when the connection died before any byte moved. */
  private async transfer(
    verb: string,
    remotePath: string,
    options: TransferOptions,
    task: (conn: SshConnection, options: TransferOptions) => Promise<TransferResult>,
  ): Promise<TransferResult> {
    throwIfAborted(options.signal);
    let moved = 0;
    const tracked: TransferOptions = {
      ...options,
      onProgress: (bytes) => {
        moved = bytes;
        options.onProgress?.(bytes);
      },
    };
    const started = Date.now();
    const result = await this.run(`Cannot transfer ${remotePath}`, (conn) => task(conn, tracked), () => moved === 0);
    this.log('info', `${verb} ${remotePath} (${rate(result.bytes, Date.now() - started)})`);
    return result;
  }

  /**
   * Runs `task` on a live connection; on a connection loss reconnects and
   * runs it once more (if `canRetry`). Operations that change something
   * (mkdir, rename, delete, create) are not run twice: the server may have
   * applied the first before the connection died.
   */
  private async run<T>(context: string, task: (conn: SshConnection) => Promise<T>, canRetry: () => boolean = () => true): Promise<T> {
    const conn = await this.connection();
    try {
      return await task(conn);
    } catch (error) {
      const mapped = mapSftpError(error, context);
      if (!isConnectionLoss(mapped) || this.closed || !canRetry()) throw mapped;
      this.log('info', 'The connection was lost; reconnecting…');
      const again = await this.connection();
      try {
        return await task(again);
      } catch (retryError) {
        throw mapSftpError(retryError, context);
      }
    }
  }

  /** The live connection, opening one when there is none (concurrent callers share one attempt). */
  private connection(): Promise<SshConnection> {
    if (this.closed) return Promise.reject(new FerryError('NOT_CONNECTED', 'This session is closed.'));
    if (this.conn?.alive) return Promise.resolve(this.conn);
    this.opening ??= this.open().finally(() => (this.opening = null));
    return this.opening;
  }

  private async open(): Promise<SshConnection> {
    const conn = await openSshConnection({
      options: this.options,
      log: this.log,
      security: this.security,
      memory: this.memory,
      pinned: this.pinned,
      onHostKeyAccepted: (check) => (this.pinned = check.fingerprint),
    });
    if (this.closed) {
      await conn.close();
      throw new FerryError('NOT_CONNECTED', 'This session is closed.');
    }
    this.conn = conn;
    conn.onClose(() => {
      if (this.conn !== conn) return;
      this.conn = null;
      if (!this.closed) this.log('info', 'The connection was closed.');
    });
    await this.applyCutBacks(conn);
    return conn;
  }

  /** Cuts remote files left by uploads that lost their connection back to their contiguous size (see sftp-transfer.ts). */
  private async applyCutBacks(conn: SshConnection): Promise<void> {
    for (const [path, size] of [...this.cutBacks]) {
      this.cutBacks.delete(path);
      await conn
        .request<void>(`Cannot truncate ${path}`, (sftp, done) => sftp.setstat(path, { size }, done))
        .then(() => this.log('info', `Cut ${path} back to ${size} bytes, the last contiguous byte of the interrupted upload`))
        .catch((error: unknown) => this.log('error', (error as Error).message));
    }
  }
}
