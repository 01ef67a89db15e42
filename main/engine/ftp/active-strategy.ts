/**
 * Active-mode data connections (the server connects to us): `PORT` for IPv4
 * (RFC 959 §4.1.2), `EPRT |2|…|` for IPv6 (RFC 2428 §2). basic-ftp has no
 * active mode; it plugs in through `client.prepareTransfer`.
 *
 * The catch: basic-ftp pipes whatever `ftp.dataSocket` holds when the 150/125
 * reply arrives, but the server only connects after the transfer command —
 * which is sent after this strategy returns. So the strategy installs a
 * `DeferredDataSocket` placeholder that buffers both ways and forwards once
 * the server's connection is accepted (servers connect before or after 150).
 */
import { createServer, isIP, type AddressInfo, type Server, type Socket } from 'node:net';
import { lookup } from 'node:dns/promises';
import { TLSSocket } from 'node:tls';
import type { FTPContext, FTPResponse, TransferStrategy } from 'basic-ftp';
import { activeModeCommand, isIPv4Address, normalizeAddress } from './pasv.js';
import { wrapDataSocket } from './tls-session.js';
import { DEFAULT_DATA_CONNECT_TIMEOUT_MS, type StrategyLog } from './passive-strategy.js';
import { DeferredDataSocket } from './deferred-data-socket.js';

export interface ActiveModeOptions {
  /** Listen on the first free port of this inclusive range (for firewalls/NAT forwarding); default any port. */
  readonly portRange?: { readonly min: number; readonly max: number };
  /** Address to advertise instead of our own (the public address behind NAT). IP literal or host name. */
  readonly externalAddress?: string;
  /** How long to wait for the server to connect; default the client's timeout, else 30 s. */
  readonly acceptTimeoutMs?: number;
}

/** Creates an active transfer strategy for `client.prepareTransfer`. */
export function createActiveStrategy(options: ActiveModeOptions, log: StrategyLog): TransferStrategy {
  const range = options.portRange;
  if (range && !(Number.isInteger(range.min) && Number.isInteger(range.max) && range.min >= 1 && range.min <= range.max && range.max <= 65535)) {
    throw new Error(`Active mode: invalid port range ${range.min}-${range.max}`);
  }

  return async (ftp: FTPContext): Promise<FTPResponse> => {
    const control = ftp.socket;
    const { localAddress, remoteAddress } = control;
    if (localAddress === undefined || remoteAddress === undefined) {
      throw new Error('Active mode: the control connection is not connected');
    }
    const listenHost = normalizeAddress(localAddress);
    const serverAddress = normalizeAddress(remoteAddress);
    const advertised = options.externalAddress
      ? await resolveExternal(options.externalAddress, isIPv4Address(listenHost) ? 4 : 6)
      : listenHost;
    const server = await listenInRange(listenHost, range);
    const { port } = server.address() as AddressInfo;
    const where = advertised.includes(':') ? `[${advertised}]:${port}` : `${advertised}:${port}`;
    const timeoutMs = options.acceptTimeoutMs ?? (ftp.timeout > 0 ? ftp.timeout : DEFAULT_DATA_CONNECT_TIMEOUT_MS);

    let handshaking: TLSSocket | undefined;
    const deferred = new DeferredDataSocket(() => {
      clearTimeout(timer);
      if (server.listening) server.close();
      handshaking?.destroy(); // cancelled during the data connection's TLS handshake
    });
    const timer = setTimeout(() => {
      deferred.destroy(new Error(`Active mode: the server did not connect to ${where} within ${timeoutMs / 1000} s; a firewall or NAT may block incoming connections (try passive mode, or set the external address and port range)`));
    }, timeoutMs);
    timer.unref();
    server.on('error', (err) => deferred.destroy(new Error(`Active mode: listener on ${where} failed: ${err.message}`)));
    server.on('connection', (socket: Socket) => {
      const peer = normalizeAddress(socket.remoteAddress ?? '');
      if (peer !== serverAddress) {
        // RFC 2577 §3: only the server we talk to may open the data connection;
        // anyone else could inject or steal file contents.
        log('error', `Active mode: refused a data connection from ${peer} (expected ${serverAddress})`);
        socket.destroy();
        return;
      }
      clearTimeout(timer);
      server.close();
      if (!(control instanceof TLSSocket)) {
        deferred.attach(socket);
        return;
      }
      // RFC 4217: the FTP client is always the TLS client, even though the server dialled in.
      const tlsSocket = wrapDataSocket(socket, control, ftp.tlsOptions, log, ftp.tlsSessionStore);
      handshaking = tlsSocket;
      const onHandshakeError = (err: Error): void => {
        tlsSocket.destroy();
        deferred.destroy(new Error(`Active mode: TLS handshake on the data connection failed: ${err.message}`));
      };
      tlsSocket.once('error', onHandshakeError);
      tlsSocket.once('secureConnect', () => {
        handshaking = undefined;
        tlsSocket.off('error', onHandshakeError);
        deferred.attach(tlsSocket);
      });
    });

    // Until basic-ftp owns the placeholder, its errors (e.g. the accept timeout
    // firing while PORT is still unanswered) are ours to report.
    let early: Error | undefined;
    const onEarlyError = (err: Error): void => {
      early = err;
    };
    deferred.on('error', onEarlyError);
    try {
      const res = await ftp.request(activeModeCommand(advertised, port));
      deferred.off('error', onEarlyError);
      if (early || deferred.destroyed) throw early ?? new Error('Active mode: the data connection was closed before the transfer began');
      // Must be in place before basic-ftp sends RETR/STOR/LIST (see file comment).
      ftp.dataSocket = deferred.asSocket();
      return res;
    } catch (err) {
      deferred.destroy();
      throw err;
    }
  };
}

/** Resolves a configured external address to an IP of the control connection's family. */
async function resolveExternal(address: string, family: 4 | 6): Promise<string> {
  if (isIP(address) !== 0) return normalizeAddress(address);
  try {
    return (await lookup(address, { family })).address;
  } catch (err) {
    throw new Error(`Active mode: can't resolve the external address ${address}: ${(err as Error).message}`);
  }
}

/**
 * Listens on `host`, on an ephemeral port or the first free one in `range`.
 * Busy or forbidden ports (EADDRINUSE, EACCES) are skipped; anything else is
 * a real problem with the address and fails at once.
 */
async function listenInRange(host: string, range?: { min: number; max: number }): Promise<Server> {
  const ports = range ? Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i) : [0];
  for (const port of ports) {
    const server = createServer({ pauseOnConnect: false });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host, port, exclusive: true }, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return server;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') {
        throw new Error(`Active mode: can't listen on ${host}: ${(err as Error).message}`);
      }
    }
  }
  throw new Error(`Active mode: no free port in ${range?.min}-${range?.max} on ${host}`);
}
