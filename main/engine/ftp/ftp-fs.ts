/**
 * FTP (plain, explicit and implicit TLS) behind the `FileOpsFs` interface:
 * one control connection used for browsing and transfers, one task at a time
 * (basic-ftp's model), reconnecting on demand when the server dropped an idle
 * session. Connecting, TLS and certificate trust live in ftp-connect.ts,
 * transfers in ftp-transfer.ts, file operations in ftp-ops.ts and ftp-stat.ts.
 *
 * Cancelling: FTP's ABOR races with the running task in basic-ftp and can
 * desynchronise replies, so an aborted task closes the connection (clean for
 * the server: QUIT, then close) and the next call reconnects.
 */
import { FerryError } from '../../../shared/errors.js';
import type { Entry, Listing } from '../../../shared/model/entry.js';
import type { ChecksumAlgorithm } from '../../../shared/model/transfer.js';
import type { ConnectOptions } from '../../../shared/model/session.js';
import type { ProtocolLog } from '../protocol-log.js';
import type { ConnectContext } from '../security-hooks.js';
import type { FileChecksum, FileOpsFs, RenameOptions, TransferOptions, TransferResult } from '../remote-fs.js';
import { createCharsetCodec, type CharsetCodec } from './charset.js';
import type { FerryFtpClient } from './ftp-client.js';
import { openFtpConnection, type TrustState } from './ftp-connect.js';
import { isConnectionLoss, mapFtpError } from './ftp-errors.js';
import { mapTlsError } from '../tls/tls-errors.js';
import { downloadFile, remoteSize, uploadFile } from './ftp-transfer.js';
import { ftpChmod, ftpCreateEmptyFile, ftpFileChecksum, ftpMkdir, ftpModifiedTime, ftpRemoveDir, ftpRemoveFile, ftpRename, ftpSetModifiedTime, type FtpOpsContext } from './ftp-ops.js';
import { readFolder, statPath } from './ftp-stat.js';
import { TransferProgress } from './transfer-progress.js';

/** How many unparseable lines are written to the log one by one before summarising. */
const SKIPPED_LINES_LOGGED = 20;

export interface FtpSessionFacts {
  readonly home: string;
  readonly system: string | null;
  /** e.g. `TLSv1.3 (TLS_AES_256_GCM_SHA384)`; null when the session is not encrypted. */
  readonly encryption: string | null;
}

interface RunOptions {
  readonly signal?: AbortSignal | undefined;
  /** Whether a task that failed on a dropped connection may run again after reconnecting (default yes). */
  readonly retryable?: () => boolean;
}

export class FtpFs implements FileOpsFs {
  readonly pathStyle = 'posix' as const;
  private client: FerryFtpClient | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly trust: TrustState = { fingerprint256: null, askedPassword: null };
  private readonly log: ProtocolLog;

  private constructor(
    private readonly options: ConnectOptions,
    private readonly context: ConnectContext,
    private readonly codec: CharsetCodec,
  ) {
    this.log = context.log;
  }

  /**
   * Connects, checks the certificate (TLS protocols) and logs in; rejects with
   * AUTH_FAILED, CONNECTION_REFUSED, HOST_NOT_FOUND, TIMEOUT, PROTOCOL,
   * TLS_UNTRUSTED or CANCELLED (certificate declined), INVALID_PARAMS (charset).
   */
  static async connect(options: ConnectOptions, context: ConnectContext): Promise<{ fs: FtpFs; facts: FtpSessionFacts }> {
    const fs = new FtpFs(options, context, createCharsetCodec(options.charset));
    const connection = await openFtpConnection(options, context, fs.codec, fs.trust);
    fs.client = connection.client;
    try {
      const home = await fs.run(async (client) => client.pwd());
      return { fs, facts: { home, system: connection.greeting, encryption: connection.encryption } };
    } catch (error) {
      await fs.close();
      throw error;
    }
  }

  list(path: string, signal?: AbortSignal): Promise<Listing> {
    return this.run(
      async (client) => {
        const folder = await readFolder(client, path, this.timezone);
        this.logSkipped(folder.skipped);
        this.log('info', `Listed ${folder.path}: ${folder.entries.length} entries`);
        return { path: folder.path, entries: folder.entries, skipped: folder.skipped.length };
      },
      `Cannot open ${path}`,
      { signal },
    );
  }

  size(path: string): Promise<number | null> {
    return this.run(async (client) => {
      const size = await remoteSize(client, path);
      if (size === 'unsupported') throw new FerryError('UNSUPPORTED', `The server cannot report the size of ${path} (no SIZE command)`);
      return size;
    }, `Cannot get the size of ${path}`);
  }

  download(remotePath: string, localPath: string, options: TransferOptions = {}): Promise<TransferResult> {
    const progress = new TransferProgress(options.onProgress);
    return this.run(
      (client) => downloadFile(client, remotePath, localPath, options.offset ?? 0, progress, options.throttle, options.ascii === true),
      `Cannot download ${remotePath}`,
      { signal: options.signal, retryable: () => progress.bytes === 0 },
    );
  }

  upload(localPath: string, remotePath: string, options: TransferOptions = {}): Promise<TransferResult> {
    const progress = new TransferProgress(options.onProgress);
    return this.run(
      (client) => uploadFile(client, localPath, remotePath, options.offset ?? 0, progress, this.log, options.throttle, options.ascii === true, options.source),
      `Cannot upload ${remotePath}`,
      { signal: options.signal, retryable: () => progress.bytes === 0 },
    );
  }

  stat(path: string): Promise<Entry | null> {
    return this.run((client) => statPath(client, path, this.timezone), `Cannot look up ${path}`);
  }

  mkdir(path: string): Promise<void> {
    return this.op(`Cannot create the folder ${path}`, (ctx) => ftpMkdir(ctx, path), false);
  }

  rename(from: string, to: string, options: RenameOptions = {}): Promise<void> {
    return this.op(`Cannot rename ${from} to ${to}`, (ctx) => ftpRename(ctx, from, to, options.replace === true), false);
  }

  modifiedTime(path: string): Promise<number | null> {
    return this.op(`Cannot get the modification time of ${path}`, (ctx) => ftpModifiedTime(ctx, path));
  }

  removeFile(path: string): Promise<void> {
    return this.op(`Cannot delete ${path}`, (ctx) => ftpRemoveFile(ctx, path), false);
  }

  removeDir(path: string): Promise<void> {
    return this.op(`Cannot delete the folder ${path}`, (ctx) => ftpRemoveDir(ctx, path), false);
  }

  chmod(path: string, mode: number): Promise<void> {
    return this.op(`Cannot change the permissions of ${path}`, (ctx) => ftpChmod(ctx, path, mode));
  }

  setModifiedTime(path: string, mtimeMs: number): Promise<boolean> {
    return this.op(`Cannot set the modification time of ${path}`, (ctx) => ftpSetModifiedTime(ctx, path, mtimeMs));
  }

  checksum(path: string, algorithms: readonly ChecksumAlgorithm[]): Promise<FileChecksum | null> {
    return this.op(`Cannot compute the checksum of ${path}`, (ctx) => ftpFileChecksum(ctx, path, algorithms));
  }

  createEmptyFile(path: string): Promise<void> {
    return this.op(`Cannot create ${path}`, (ctx) => ftpCreateEmptyFile(ctx, path, this.log), false);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    if (client && !client.closed) {
      await client.send('QUIT').catch(() => undefined);
      client.close();
    }
  }

  /**
   * Runs one task on the connection, after every earlier task. Reconnects
   * first if the connection is gone, and once more if the server dropped it
   * during the task (when `retryable` allows: not after bytes were moved).
   * An abort closes the connection and rejects with CANCELLED.
   */
  private run<T>(task: (client: FerryFtpClient) => Promise<T>, context = 'FTP', options: RunOptions = {}): Promise<T> {
    const { signal, retryable } = options;
    const next = this.queue.then(async () => {
      throwIfCancelled(signal);
      if (this.closed) throw new FerryError('NOT_CONNECTED', 'This session is closed.');
      if (!this.client || this.client.closed) await this.reopen();
      try {
        return await this.attempt(task, context, signal);
      } catch (error) {
        const mapped = mapFtpError(error, context);
        if (!isConnectionLoss(mapped)) throw mapped;
        // The connection may still look open (a data-connection failure): never reuse it.
        this.client?.close();
        if (this.closed || signal?.aborted || !(retryable?.() ?? true)) throw mapped;
        this.log('info', 'The server dropped the connection; reconnecting…');
        await this.reopen();
        return await this.attempt(task, context, signal);
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async attempt<T>(task: (client: FerryFtpClient) => Promise<T>, context: string, signal: AbortSignal | undefined): Promise<T> {
    const client = this.requireClient();
    throwIfCancelled(signal);
    const onAbort = (): void => {
      this.log('info', 'Cancelled; closing the connection.');
      client.close();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await task(client);
    } catch (error) {
      if (signal?.aborted) throw new FerryError('CANCELLED', `${context}: cancelled`, { cause: error });
      throw dataTlsGlitch(client, error, context) ?? mapFtpError(error, context);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private requireClient(): FerryFtpClient {
    if (!this.client) throw new FerryError('NOT_CONNECTED', 'Not connected.');
    return this.client;
  }

  private async reopen(): Promise<void> {
    this.client?.close();
    this.client = null;
    this.client = (await openFtpConnection(this.options, this.context, this.codec, this.trust)).client;
  }

  /**
   * One file operation in the task queue (ftp-ops.ts). `retry: false` for
   * operations that must not run twice: if the connection dropped after the
   * server applied MKD/RNTO/DELE/RMD/STOR, running it again would fail with a
   * misleading "already exists" / "not found". A session dropped while idle
   * is reopened before the command anyway (see `run`).
   */
  private op<T>(context: string, task: (ctx: FtpOpsContext) => Promise<T>, retry = true): Promise<T> {
    return this.run((client) => task({ client, timezone: this.timezone }), context, { retryable: () => retry });
  }

  private get timezone(): string {
    return this.options.serverTimezone ?? 'UTC';
  }

  private logSkipped(skipped: readonly string[]): void {
    for (const line of skipped.slice(0, SKIPPED_LINES_LOGGED)) this.log('error', `Skipped a listing line that did not parse: ${line}`);
    if (skipped.length > SKIPPED_LINES_LOGGED) this.log('error', `…and ${skipped.length - SKIPPED_LINES_LOGGED} more unparseable lines`);
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FerryError('CANCELLED', 'Cancelled.');
}

/**
 * A TLS handshake that fails during a task on a logged-in FTPS session is a
 * data connection's: the control connection's handshake was done at login.
 * One data connection that answered garbage (seen with vsftpd under load,
 * by lftp too) says nothing about the port or the protocol, so it is a lost
 * connection — reconnected and retried — not "wrong port" failing the job
 * for good. An untrusted certificate stays what it is (TLS_UNTRUSTED).
 */
function dataTlsGlitch(client: FerryFtpClient, error: unknown, context: string): FerryError | null {
  if (error instanceof FerryError || !client.ftp.hasTLS) return null;
  const tls = mapTlsError(error, context);
  if (tls?.code !== 'PROTOCOL') return null;
  const reason = (error as { reason?: unknown }).reason;
  const text = typeof reason === 'string' && reason ? reason : error instanceof Error ? error.message.trim() : String(error);
  return new FerryError('CONNECTION_LOST', `${context}: a data connection failed its TLS handshake (${text})`, { cause: error, retryable: true });
}
