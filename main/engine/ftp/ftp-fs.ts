/**
 * FTP behind the `RemoteFs` interface: one control connection used for
 * browsing, one task at a time (basic-ftp's model), reconnecting on demand
 * when the server dropped an idle session.
 */
import { FerryError } from '../../../shared/errors.js';
import type { Listing } from '../../../shared/model/entry.js';
import type { ConnectOptions } from '../../../shared/model/session.js';
import type { ProtocolLog } from '../protocol-log.js';
import type { RemoteFs } from '../remote-fs.js';
import { createDataStrategy } from './data-strategy.js';
import { FerryFtpClient } from './ftp-client.js';
import { isConnectionLoss, mapFtpError } from './ftp-errors.js';
import { parseListing } from './list/parse-listing.js';

const DEFAULT_TIMEOUT_MS = 20_000;
/** How many unparseable lines are written to the log one by one before summarising. */
const SKIPPED_LINES_LOGGED = 20;

export interface FtpSessionFacts {
  readonly home: string;
  readonly system: string | null;
}

export class FtpFs implements RemoteFs {
  readonly pathStyle = 'posix' as const;
  private client: FerryFtpClient | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly options: ConnectOptions,
    private readonly log: ProtocolLog,
  ) {}

  /** Connects and logs in; rejects with AUTH_FAILED, CONNECTION_REFUSED, HOST_NOT_FOUND, TIMEOUT, ... */
  static async connect(options: ConnectOptions, log: ProtocolLog): Promise<{ fs: FtpFs; facts: FtpSessionFacts }> {
    const fs = new FtpFs(options, log);
    const system = await fs.open();
    const home = await fs.run(async (client) => client.pwd());
    return { fs, facts: { home, system } };
  }

  list(path: string): Promise<Listing> {
    return this.run(async (client) => {
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
    }, `Cannot open ${path}`);
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

  /** Runs one task on the connection, after every earlier task; reconnects once if the session was dropped. */
  private run<T>(task: (client: FerryFtpClient) => Promise<T>, context = 'FTP'): Promise<T> {
    const next = this.queue.then(async () => {
      if (this.closed) throw new FerryError('NOT_CONNECTED', 'This session is closed.');
      if (!this.client || this.client.closed) await this.reopen();
      try {
        return await task(this.requireClient());
      } catch (error) {
        const mapped = mapFtpError(error, context);
        if (!isConnectionLoss(mapped) || this.closed) throw mapped;
        this.log('info', 'The server dropped the connection; reconnecting…');
        await this.reopen();
        try {
          return await task(this.requireClient());
        } catch (retryError) {
          throw mapFtpError(retryError, context);
        }
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private requireClient(): FerryFtpClient {
    if (!this.client) throw new FerryError('NOT_CONNECTED', 'Not connected.');
    return this.client;
  }

  private async reopen(): Promise<void> {
    this.client?.close();
    this.client = null;
    await this.open();
  }

  /** Opens the control connection and logs in. Returns the greeting text. */
  private async open(): Promise<string | null> {
    const { host, port, user, password } = this.options;
    const client = new FerryFtpClient(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, this.log);
    client.prepareTransfer = createDataStrategy(this.options, this.log);
    this.log('info', `Connecting to ${host}:${port}…`);
    try {
      const greeting = await client.connect(host, port);
      await client.login(user || 'anonymous', user ? password : 'anonymous@');
      await client.useDefaultSettings();
      this.client = client;
      this.log('info', 'Logged in.');
      return greeting.message.replace(/^\d{3}[ -]?/gm, '').trim() || null;
    } catch (error) {
      client.close();
      throw mapFtpError(error, `Cannot connect to ${host}:${port}`);
    }
  }

  /**
   * vsftpd answers every failed CWD with the same "550 Failed to change
   * directory", so ask SIZE to tell a file (or a link to one) from a missing path.
   */
  private async explainCwdFailure(client: FerryFtpClient, path: string, error: unknown): Promise<FerryError> {
    const mapped = mapFtpError(error, `Cannot open ${path}`);
    if (mapped.code !== 'NOT_FOUND' || client.closed) return mapped;
    const size = await client.sendIgnoringError(`SIZE ${path}`).catch(() => null);
    if (size?.code === 213) return new FerryError('NOT_A_DIRECTORY', `${path} is a file, not a folder`, { cause: error });
    return mapped;
  }

  private logSkipped(skipped: readonly string[]): void {
    for (const line of skipped.slice(0, SKIPPED_LINES_LOGGED)) this.log('error', `Skipped a listing line that did not parse: ${line}`);
    if (skipped.length > SKIPPED_LINES_LOGGED) this.log('error', `…and ${skipped.length - SKIPPED_LINES_LOGGED} more unparseable lines`);
  }
}
