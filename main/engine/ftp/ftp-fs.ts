/**
 * FTP (plain, explicit and implicit TLS) behind the `TransferFs` interface:
 * one control connection used for browsing and transfers, one task at a time
 * (basic-ftp's model), reconnecting on demand when the server dropped an idle
 * session. Connecting, TLS and certificate trust live in ftp-connect.ts,
 * transfers in ftp-transfer.ts.
 *
 * Cancelling: FTP's ABOR races with the running task in basic-ftp and can
 * desynchronise replies, so an aborted task closes the connection (clean for
 * the server: QUIT, then close) and the next call reconnects.
 */
import { FerryError } from '../../../shared/errors.js';
import type { Listing } from '../../../shared/model/entry.js';
import type { ConnectOptions } from '../../../shared/model/session.js';
import type { ProtocolLog } from '../protocol-log.js';
import type { ConnectContext } from '../security-hooks.js';
import type { TransferFs, TransferOptions, TransferResult } from '../remote-fs.js';
import { createCharsetCodec, type CharsetCodec } from './charset.js';
import type { FerryFtpClient } from './ftp-client.js';
import { openFtpConnection, type TrustState } from './ftp-connect.js';
import { isConnectionLoss, mapFtpError } from './ftp-errors.js';
import { downloadFile, remoteSize, uploadFile } from './ftp-transfer.js';
import { parseListing } from './list/parse-listing.js';
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

export class FtpFs implements TransferFs {
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
        try {
          await client.cd(path);
        } catch (error) {
          throw await this.explainCwdFailure(client, path, error);
        }
        const cwd = await client.pwd();
        const raw = await client.listRaw();
        const format = raw.command.startsWith('MLSD') ? 'mlsd' : 'list';
        const parsed = parseListing(raw.text, { format, timezone: this.options.serverTimezone ?? 'UTC' });
        this.logSkipped(parsed.skipped);
        this.log('info', `Listed ${cwd}: ${parsed.entries.length} entries`);
        return { path: cwd, entries: parsed.entries, skipped: parsed.skipped.length };
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
      (client) => downloadFile(client, remotePath, localPath, options.offset ?? 0, progress),
      `Cannot download ${remotePath}`,
      { signal: options.signal, retryable: () => progress.bytes === 0 },
    );
  }

  upload(localPath: string, remotePath: string, options: TransferOptions = {}): Promise<TransferResult> {
    const progress = new TransferProgress(options.onProgress);
    return this.run(
      (client) => uploadFile(client, localPath, remotePath, options.offset ?? 0, progress, this.log),
      `Cannot upload ${remotePath}`,
      { signal: options.signal, retryable: () => progress.bytes === 0 },
    );
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
      throw mapFtpError(error, context);
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
   * vsftpd answers every failed CWD with the same "550 Failed to change
   * directory", so ask SIZE to tell a file (or a link to one) from a missing path.
   */
  private async explainCwdFailure(client: FerryFtpClient, path: string, error: unknown): Promise<FerryError> {
    const mapped = mapFtpError(error, `Cannot open ${path}`);
    if (mapped.code !== 'NOT_FOUND' || client.closed) return mapped;
    const size = await client.sendIgnoringError(client.pathCommand('SIZE', path)).catch(() => null);
    if (size?.code === 213) return new FerryError('NOT_A_DIRECTORY', `${path} is a file, not a folder`, { cause: error });
    return mapped;
  }

  private logSkipped(skipped: readonly string[]): void {
    for (const line of skipped.slice(0, SKIPPED_LINES_LOGGED)) this.log('error', `Skipped a listing line that did not parse: ${line}`);
    if (skipped.length > SKIPPED_LINES_LOGGED) this.log('error', `…and ${skipped.length - SKIPPED_LINES_LOGGED} more unparseable lines`);
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FerryError('CANCELLED', 'Cancelled.');
}
