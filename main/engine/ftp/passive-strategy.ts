/**
 * Passive-mode data connections (the client connects to the server): EPSV
 * first (RFC 2428 §3), PASV (RFC 959 §4.1.2) for servers that refuse it.
 *
 * Differs from basic-ftp's built-in strategy in two ways: a PASV address that
 * is not the control connection's peer is *replaced* by it (FileZilla's
 * default; basic-ftp refuses it) instead of failing the transfer, and FTPS
 * data sockets resume the session we track ourselves (see `tls-session.ts`),
 * which also captures TLS 1.3 tickets that arrive after the handshake.
 */
import { createConnection, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { FTPError, type FTPContext, type FTPResponse, type TransferStrategy } from 'basic-ftp';
import { takeDirectReads, type DirectReceiver } from './direct-receiver.js';
import { choosePassiveHost, normalizeAddress, parseEpsvReply, parsePasvReply, type PassiveTarget } from './pasv.js';
import { wrapDataSocket } from './tls-session.js';

/** Where strategies report what they decided; `info` for notable choices, `error` for refusals. */
export type StrategyLog = (kind: 'info' | 'error', text: string) => void;

/** Used when the client was created without a timeout: connecting must never hang forever. */
export const DEFAULT_DATA_CONNECT_TIMEOUT_MS = 30_000;

/**
 * Creates a passive transfer strategy for `client.prepareTransfer`. One
 * instance may serve several clients: whether EPSV was refused is remembered
 * per control socket, so a reconnect (new socket, maybe another server) tries
 * EPSV again while one session does not pay a failing round trip per transfer.
 */
export function createPassiveStrategy(log: StrategyLog): TransferStrategy {
  const epsvRefused = new WeakSet<Socket>();

  return async (ftp: FTPContext): Promise<FTPResponse> => {
    const control = ftp.socket;
    const controlAddress = control.remoteAddress;
    if (controlAddress === undefined) {
      throw new Error('Passive mode: the control connection is not connected');
    }
    let res: FTPResponse | undefined;
    let target: PassiveTarget | undefined;
    if (!epsvRefused.has(control)) {
      try {
        res = await ftp.request('EPSV');
        target = { host: normalizeAddress(controlAddress), port: parseEpsvReply(res.message) };
      } catch (err) {
        // 4xx is transient (RFC 959 §4.2) and anything not from the server
        // (closed client, timeout) is not about EPSV: don't mask it.
        const refused = err instanceof FTPError ? err.code >= 500 : res !== undefined;
        if (!refused) throw err;
        epsvRefused.add(control);
        log('info', `EPSV not usable (${(err as Error).message.trim()}); using PASV for this connection`);
        res = undefined;
      }
    }
    if (res === undefined || target === undefined) {
      res = await ftp.request('PASV');
      const pasv = parsePasvReply(res.message);
      target = { host: choosePassiveHost(pasv.host, controlAddress, (t) => log('info', t)), port: pasv.port };
    }
    // A file download may have offered to read the socket into its own buffers (plain TCP only).
    const direct = takeDirectReads(ftp);
    const raw = await connectDataSocket(ftp, target, control instanceof TLSSocket ? undefined : direct);
    ftp.dataSocket = control instanceof TLSSocket
      ? wrapDataSocket(raw, control, ftp.tlsOptions, log, ftp.tlsSessionStore)
      : raw;
    return res;
  };
}

/**
 * Opens the TCP data connection with a connect timeout (the client's timeout,
 * or 30 s when it has none), reading into `direct`'s buffers when given. If the client was closed meanwhile, the socket is
 * destroyed instead of being handed to a dead context.
 */
function connectDataSocket(ftp: FTPContext, { host, port }: PassiveTarget, direct?: DirectReceiver): Promise<Socket> {
  const timeoutMs = ftp.timeout > 0 ? ftp.timeout : DEFAULT_DATA_CONNECT_TIMEOUT_MS;
  const where = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port, ...(direct ? { onread: direct.onread } : {}) });
    direct?.attach(socket);
    const fail = (err: Error): void => {
      socket.destroy();
      reject(err);
    };
    const onError = (err: Error): void => fail(new Error(`Can't open the passive data connection to ${where}: ${err.message}`));
    const onTimeout = (): void => fail(new Error(`Timeout after ${timeoutMs / 1000} s opening the passive data connection to ${where}`));
    socket.setTimeout(timeoutMs);
    socket.once('error', onError);
    socket.once('timeout', onTimeout);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.off('error', onError);
      socket.off('timeout', onTimeout);
      if (ftp.closed) {
        fail(new Error('Passive mode: the client was closed while the data connection was opening'));
        return;
      }
      resolve(socket);
    });
  });
}
