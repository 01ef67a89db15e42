/**
 * One SSH connection with one SFTP channel: TCP + SSH handshake (with the
 * host-key gate), user authentication, the `sftp` subsystem (RFC 4254 §6.5).
 * `SftpFs` owns at most one of these at a time and reopens it on demand.
 */
import ssh2 from 'ssh2';
import type { Client, NegotiatedAlgorithms, SFTPWrapper } from 'ssh2';
import { FerryError } from '../../../shared/errors.js';
import type { ConnectOptions } from '../../../shared/model/session.js';
import type { ProtocolLog } from '../protocol-log.js';
import type { HostKeyCheck, SecurityHooks } from '../security-hooks.js';
import { createHostKeyGate } from './host-key.js';
import { type AuthMemory, checkAuthPrerequisites, createAuthFlow, defaultAgentSocket } from './sftp-auth.js';
import { mapSftpError, mapSshError } from './sftp-errors.js';

const DEFAULT_TIMEOUT_MS = 20_000;
/** ssh2 sends no keepalives by default; idle NAT mappings and servers' ClientAlive checks drop silent sessions. */
const KEEPALIVE_MS = 15_000;
/** Request size when the server announces no `limits@openssh.com` (ssh2's own default is 34000 minus header). */
const FALLBACK_CHUNK = 32 * 1024;

export interface OpenInput {
  readonly options: ConnectOptions;
  readonly log: ProtocolLog;
  readonly security: SecurityHooks;
  readonly memory: AuthMemory;
  /** Fingerprint accepted earlier by this `SftpFs` (see `HostKeyGateOptions.pinned`). */
  readonly pinned: string | null;
  readonly onHostKeyAccepted: (check: HostKeyCheck) => void;
}

/** A live connection; `alive` turns false for good when the SSH connection or the SFTP channel closes. */
export class SshConnection {
  private dead = false;
  private readonly closeListeners: (() => void)[] = [];
  /** Whether the socket is corked until the end of this tick (see `request`). */
  private corked = false;

  constructor(
    readonly client: Client,
    readonly sftp: SFTPWrapper,
    /** The server's identification line, e.g. `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`. */
    readonly ident: string | null,
    /** e.g. `SSH (aes128-gcm@openssh.com)`. */
    readonly encryption: string | null,
  ) {
    const onClose = (): void => {
      if (this.dead) return;
      this.dead = true;
      client.end(); // the SFTP channel alone may have closed (sftp-server died): do not leak the SSH connection
      for (const listener of this.closeListeners.splice(0)) listener();
    };
    client.on('close', onClose);
    sftp.on('close', onClose);
    sftp.on('end', onClose);
  }

  get alive(): boolean {
    return !this.dead;
  }

  onClose(listener: () => void): void {
    if (this.dead) listener();
    else this.closeListeners.push(listener);
  }

  /**
   * Largest read and write this server accepts in one request: ssh2 learns it
   * from `limits@openssh.com` (OpenSSH 8.6+: 261120 bytes) or assumes 34000
   * minus header; it keeps it in a private field, so read it defensively.
   */
  get maxRequest(): { read: number; write: number } {
    const limits = this.sftp as unknown as { _maxReadLen?: unknown; _maxWriteLen?: unknown };
    const pick = (value: unknown): number => (typeof value === 'number' && value > 0 ? value : FALLBACK_CHUNK);
    return { read: pick(limits._maxReadLen), write: pick(limits._maxWriteLen) };
  }

  /**
   * Whether the server announced an SFTP extension (its version string is
   * "1" for OpenSSH's), e.g. `posix-rename@openssh.com`; ssh2 keeps the list
   * in a private field, so read it defensively.
   */
  hasExtension(name: string): boolean {
    const extensions = (this.sftp as unknown as { _extensions?: Record<string, unknown> })._extensions;
    return extensions?.[name] === '1';
  }

  /**
   * Runs one SFTP request. Rejects at once when the connection is gone:
   * ssh2 silently drops a request on a closed channel and never calls back.
   */
  request<T>(context: string, start: (sftp: SFTPWrapper, done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
    if (this.dead) return Promise.reject(new FerryError('CONNECTION_LOST', `${context}: the connection was lost`));
    this.corkForTick();
    return new Promise<T>((resolve, reject) => {
      start(this.sftp, (error, value) => (error ? reject(mapSftpError(error, context)) : resolve(value as T)));
    });
  }

  /**
   * Requests issued together (a fresh upload's FSETSTAT + FSTAT + CLOSE,
   * the READs a download pipeline starts at once) leave in one TCP write
   * instead of one each: the socket is corked until the current tick ends.
   * Each write is a syscall and a wake-up of the server; on a tree of small
   * files socket writes were a fifth of the client's CPU. Nothing waits
   * longer than the tick. ssh2 keeps its socket in a private field, so it is
   * read defensively.
   */
  private corkForTick(): void {
    if (this.corked) return;
    const sock = (this.client as unknown as { _sock?: { cork?: () => void; uncork?: () => void; writable?: boolean } })._sock;
    if (typeof sock?.cork !== 'function' || typeof sock.uncork !== 'function' || sock.writable === false) return;
    sock.cork();
    this.corked = true;
    process.nextTick(() => {
      this.corked = false;
      sock.uncork?.();
    });
  }

  /** Drops the connection at once; outstanding requests fail with CONNECTION_LOST. */
  destroy(): void {
    this.client.destroy();
  }

  /** Ends the connection politely and resolves once it is closed; outstanding requests fail with CONNECTION_LOST. */
  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.onClose(resolve));
    this.client.end();
    // end() waits for the server; a wedged one must not keep the socket (and the process) alive.
    const timer = setTimeout(() => this.client.destroy(), 2_000);
    return closed.finally(() => clearTimeout(timer));
  }
}

/** Pausable deadline: the connect timeout measures the server's silence, not the time a person spends on a prompt. */
function deadline(ms: number, onExpire: () => void): { waiting: (on: boolean) => void; clear: () => void } {
  let timer: NodeJS.Timeout | undefined = setTimeout(onExpire, ms);
  let waits = 0;
  return {
    waiting(on) {
      waits += on ? 1 : -1;
      clearTimeout(timer);
      timer = waits > 0 ? undefined : setTimeout(onExpire, ms);
    },
    clear() {
      clearTimeout(timer);
      timer = undefined;
      waits = Number.POSITIVE_INFINITY; // no later resume
    },
  };
}

/** ssh2 keeps the full identification line private; fall back to its public-ish software version. */
function serverIdent(client: Client): string | null {
  const internals = client as unknown as { _protocol?: { _remoteIdentRaw?: unknown }; _remoteVer?: unknown };
  const raw = internals._protocol?._remoteIdentRaw;
  if (Buffer.isBuffer(raw)) return raw.toString('latin1').trim();
  return typeof internals._remoteVer === 'string' ? `SSH-2.0-${internals._remoteVer}` : null;
}

function describeEncryption(negotiated: NegotiatedAlgorithms | null): string {
  if (!negotiated) return 'SSH';
  const { cipher, mac } = negotiated.cs;
  const aead = /gcm|poly1305/.test(cipher);
  return `SSH (${aead ? cipher : `${cipher}, ${mac}`})`;
}

/**
 * Opens and authenticates one connection. Rejects with the host-key gate's
 * error (HOST_KEY_CHANGED, CANCELLED, ...), the auth flow's error
 * (AUTH_FAILED, CANCELLED) or the mapped transport error.
 */
export async function openSshConnection(input: OpenInput): Promise<SshConnection> {
  const { options, log } = input;
  const { host, port } = options;
  const where = `Cannot connect to ${host}:${port}`;
  const agentSocket = defaultAgentSocket();
  checkAuthPrerequisites(options, agentSocket);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new ssh2.Client();
  log('info', `Connecting to ${host}:${port}…`);

  return new Promise<SshConnection>((resolve, reject) => {
    let settled = false;
    let negotiated: NegotiatedAlgorithms | null = null;
    let authError: Error | null = null;
    const timer = deadline(timeoutMs, () => fail(new FerryError('TIMEOUT', `${where}: the server did not answer within ${Math.round(timeoutMs / 1000)} s`)));
    const gate = createHostKeyGate({ host, port, security: input.security, log, pinned: input.pinned, onAccepted: input.onHostKeyAccepted, onWaiting: timer.waiting });
    const auth = createAuthFlow({ options, security: input.security, log, memory: input.memory, onWaiting: timer.waiting, agentSocket });
    const best = (fallback: FerryError): FerryError => gate.rejection() ?? auth.failure() ?? fallback;

    function fail(error: FerryError): void {
      if (settled) return;
      settled = true;
      timer.clear();
      log('error', error.message);
      client.destroy();
      reject(error);
    }

    client.on('handshake', (algorithms) => {
      if (negotiated) return; // a re-key (RFC 4253 §9) says nothing new worth logging
      negotiated = algorithms;
      log('info', `Server: ${serverIdent(client) ?? 'unknown'}`);
      log('info', `Encryption: ${describeEncryption(negotiated)}`);
    });
    client.on('banner', (message) => log('reply', message.trim()));
    // RFC 4252 §8: an expired password. Changing it is not Ferry's job; without this ssh2 would wait forever.
    client.on('change password', () => {
      fail(new FerryError('AUTH_FAILED', `The server requires a new password for ${options.user}@${host}. Change it with ssh first.`));
    });
    client.on('error', (error: Error & { level?: string }) => {
      if (settled) {
        log('error', `Connection error: ${error.message}`);
        return;
      }
      // Auth-level errors are followed by the next method or by ssh2 ending the connection: decide on 'close'.
      if (error.level === 'agent') return auth.noteAgentError(error);
      if (error.level === 'client-authentication') {
        authError = error;
        return;
      }
      fail(best(mapSshError(error, where)));
    });
    client.on('close', () => {
      const lost = authError ? mapSshError(authError, where) : new FerryError('CONNECTION_LOST', `${where}: the server closed the connection`);
      fail(best(lost));
    });
    client.on('ready', () => {
      log('info', `Authenticated with ${auth.current() ?? 'none'}`);
      const started = (error: Error | undefined, sftp: SFTPWrapper): void => {
        if (error) return fail(best(mapSshError(error, `${where}: cannot start SFTP`)));
        if (settled) return;
        settled = true;
        timer.clear();
        sftp.on('error', (err: Error) => log('error', `SFTP error: ${err.message}`));
        resolve(new SshConnection(client, sftp, serverIdent(client), describeEncryption(negotiated)));
      };
      try {
        client.sftp(started); // the "sftp" subsystem, RFC 4254 §6.5
      } catch (error) {
        fail(mapSshError(error, `${where}: cannot start SFTP`)); // ssh2 throws "Not connected" if the socket just closed
      }
    });

    try {
      client.connect({
        host,
        port,
        username: options.user,
        // Our deadline replaces ssh2's readyTimeout, which would also count the time a person spends on a prompt.
        readyTimeout: 0,
        keepaliveInterval: KEEPALIVE_MS,
        keepaliveCountMax: 3,
        hostVerifier: gate.hostVerifier as (key: Buffer, verify: (permitted: boolean) => void) => void,
        authHandler: auth.authHandler,
      });
      // Without it uploads crawl: 1.7 MB/s against 144 MB/s on loopback (Nagle delays the small SFTP packets).
      client.setNoDelay(true);
    } catch (error) {
      fail(mapSshError(error, where));
    }
  });
}
