/**
 * basic-ftp's `Client`, adjusted where Ferry needs more than the library gives:
 *
 * - listings come back as raw text (with the command that produced them), so
 *   Ferry's own parsers can do year inference, time zones and skip-and-log of
 *   bad lines (basic-ftp parses and would throw on an unknown format);
 * - every path sent and every name received goes through the session's
 *   `CharsetCodec` (see charset.ts), so code-page servers work byte-exactly;
 * - TLS is started by Ferry in two steps (handshake, then — after the user
 *   trusted the certificate — login), with a handshake timeout basic-ftp's
 *   `useTLS` lacks, and with the session tracked for data connections;
 * - the protocol log goes to Ferry's log sink instead of the console, with
 *   commands and replies told apart, decoded, and the password masked.
 */
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { Client } from 'basic-ftp';
import type { FileInfo, FTPContext, FTPResponse } from 'basic-ftp';
import { downloadTo } from 'basic-ftp/dist/transfer.js';
import { StringWriter } from 'basic-ftp/dist/StringWriter.js';
import { maskSecrets, type ProtocolLog } from '../protocol-log.js';
import type { CharsetCodec } from './charset.js';
import { FerryFtpContext } from './ftp-context.js';
import { trackTlsSession } from './tls-session.js';

/** A listing bigger than this is refused rather than eating memory (≈ 500k entries). */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;
/** Used for the TLS handshake when the client has no timeout of its own. */
const DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;

export interface RawListing {
  readonly command: string;
  /** Decoded with the session's charset. */
  readonly text: string;
}

export class FerryFtpClient extends Client {
  private lastListing: RawListing | null = null;
  private featureCache: Promise<Map<string, string>> | null = null;
  /** The representation type last confirmed by the server (RFC 959 §3.1.1); null while unknown. */
  private transferType: 'I' | 'A' | null = null;

  constructor(
    timeoutMs: number,
    log: ProtocolLog,
    readonly codec: CharsetCodec,
  ) {
    super(timeoutMs, { allowSeparateTransferHost: false, maxListingBytes: MAX_LISTING_BYTES });
    // Data-socket errors wait briefly for the reply that explains them (see ftp-context.ts).
    (this as { ftp: FTPContext }).ftp = new FerryFtpContext(timeoutMs);
    this.ftp.encoding = codec.controlEncoding;
    this.ftp.verbose = true;
    this.ftp.log = (message: string) => forwardLog(codec.decode(message), log);
  }

  /**
   * FEAT (RFC 2389), asked once per connection: what a server offers does not
   * change within a session, and file operations (MFMT, HASH) consult it on
   * every call. A reconnect makes a new client, so a new answer. A failed
   * FEAT is not cached.
   */
  override features(): Promise<Map<string, string>> {
    this.featureCache ??= super.features().catch((error: unknown) => {
      this.featureCache = null;
      throw error;
    });
    return this.featureCache;
  }

  /**
   * `TYPE I` (binary) or `TYPE A` (ASCII), sent only when the server is not
   * already in that type: SIZE needs binary on proftpd, so every size check
   * used to send `TYPE I` — one extra round trip per file in a big queue.
   */
  async useType(type: 'I' | 'A'): Promise<void> {
    if (this.transferType === type) return;
    this.transferType = null;
    await this.send(`TYPE ${type}`);
    this.transferType = type;
  }

  /** `VERB <path>` with the path in the server's charset. */
  pathCommand(verb: string, path: string): string {
    return `${verb} ${this.codec.encode(path)}`;
  }

  /** Implicit FTPS (TLS from the first byte): connects, handshakes and reads the greeting. */
  connectImplicit(host: string, port: number, options: ConnectionOptions): Promise<FTPResponse> {
    const greeting = this.connectImplicitTLS(host, port, { ...options });
    // Track now, before the handshake: TLS 1.3 tickets arrive right after it.
    trackTlsSession(this.ftp.socket as TLSSocket);
    return greeting;
  }

  /**
   * Runs the TLS handshake on the connected control socket (after the server
   * accepted `AUTH TLS`, RFC 4217 §4) and makes the TLS socket the control
   * connection. Unlike basic-ftp's `useTLS` it gives up after the client's
   * timeout instead of waiting forever for a silent server.
   */
  upgradeToTls(options: ConnectionOptions): Promise<TLSSocket> {
    const raw = this.ftp.socket;
    const timeoutMs = this.ftp.timeout > 0 ? this.ftp.timeout : DEFAULT_HANDSHAKE_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const socket = tlsConnect({ ...options, socket: raw });
      trackTlsSession(socket);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`Timeout (TLS handshake after ${timeoutMs / 1000} s)`));
      }, timeoutMs);
      const onError = (error: Error): void => {
        clearTimeout(timer);
        reject(error);
      };
      socket.once('error', onError);
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        // Same local port: basic-ftp treats it as an upgrade and moves its listeners over.
        this.ftp.socket = socket;
        this.ftp.tlsOptions = options;
        resolve(socket);
      });
    });
  }

  override login(user?: string, password?: string): Promise<FTPResponse> {
    return super.login(user === undefined ? user : this.codec.encode(user), password === undefined ? password : this.codec.encode(password));
  }

  /**
   * basic-ftp's `useDefaultSettings`, minus `OPTS UTF8 ON` for code-page
   * sessions (it would make some servers, e.g. IIS, switch to UTF-8 and send
   * names we would then decode wrongly). TLS sessions set `PBSZ 0` and
   * `PROT P` (RFC 4217 §8-9) so data connections are encrypted too.
   */
  async applySettings(): Promise<void> {
    const features = await this.features();
    const mlsd = features.has('MLST');
    this.availableListCommands = mlsd ? ['MLSD', 'LIST -a', 'LIST'] : ['LIST -a', 'LIST'];
    await this.useType('I');
    await this.sendIgnoringError('STRU F');
    if (this.codec.controlEncoding === 'utf8') await this.sendIgnoringError('OPTS UTF8 ON');
    if (mlsd) await this.sendIgnoringError('OPTS MLST type;size;modify;unique;unix.mode;unix.owner;unix.group;unix.ownername;unix.groupname;');
    if (this.ftp.hasTLS) {
      await this.sendIgnoringError('PBSZ 0');
      await this.send('PROT P');
    }
  }

  override cd(path: string): Promise<FTPResponse> {
    return this.send(this.pathCommand('CWD', path));
  }

  override async size(path: string): Promise<number> {
    const res = await this.send(this.pathCommand('SIZE', path));
    const size = Number.parseInt(res.message.slice(4), 10);
    if (Number.isNaN(size)) throw new Error(`Can't parse the reply to SIZE: ${res.message}`);
    return size;
  }

  /** The current folder, decoded; `""` inside the quotes is one `"` (RFC 959 Appendix II). */
  override async pwd(): Promise<string> {
    const res = await this.send('PWD');
    return this.codec.decode(parsePwdReply(res.message));
  }

  /** Lists the current folder and returns the raw text; `list()`'s MLSD → LIST -a → LIST fallback applies. */
  async listRaw(): Promise<RawListing> {
    this.lastListing = null;
    await this.list();
    const listing = this.lastListing as RawListing | null;
    if (!listing) throw new Error('The server sent no listing.');
    return listing;
  }

  protected override async _requestListWithCommand(command: string): Promise<FileInfo[]> {
    const buffer = new StringWriter(MAX_LISTING_BYTES);
    await downloadTo(buffer, { ftp: this.ftp, tracker: this._progressTracker, command, remotePath: '', type: 'list' });
    this.lastListing = { command, text: this.codec.decode(buffer.getText(this.ftp.encoding)) };
    return [];
  }
}

/** `257 "/a ""quoted"" dir" is current directory` → `/a "quoted" dir`. */
export function parsePwdReply(message: string): string {
  const start = message.indexOf('"');
  if (start < 0) throw new Error(`Can't parse the reply to PWD: ${message}`);
  let path = '';
  for (let i = start + 1; i < message.length; i++) {
    const ch = message[i];
    if (ch !== '"') {
      path += ch;
      continue;
    }
    if (message[i + 1] !== '"') return path;
    path += '"';
    i++;
  }
  throw new Error(`Can't parse the reply to PWD: ${message}`);
}

/** Splits basic-ftp's log messages into Ferry log kinds. */
function forwardLog(message: string, log: ProtocolLog): void {
  if (message.startsWith('> ')) {
    log('command', maskSecrets(message.slice(2).replace(/^PASS ###$/, 'PASS ****')));
    return;
  }
  if (message.startsWith('< ')) {
    for (const line of message.slice(2).split(/\r?\n/)) if (line.trim()) log('reply', line);
    return;
  }
  log('info', message);
}
