/**
 * Test support only: a TCP proxy on loopback that forwards to a loopback
 * target and can cut a connection after exactly N bytes in one direction (or
 * on demand), counting the bytes of every connection in both directions.
 *
 * FTP-aware mode (`ftp: true`): the control connection's 227 / 229 replies
 * (PASV / EPSV) are rewritten to point at a fresh proxy listener that
 * forwards to the server's data port, so data connections go through the
 * proxy too and can be cut and counted. Rewriting stops after `234` (AUTH TLS
 * accepted): over TLS the control stream cannot be read, so use plain FTP.
 * Active mode (PORT / EPRT) is not proxied.
 *
 * Bounded: listens on 127.0.0.1 only, refuses non-loopback targets, at most
 * `maxConnections` connections over its life, data listeners close after
 * their first connection or after `dataListenerTimeoutMs`.
 */
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

const LOOPBACK = '127.0.0.1';

/** `upstream` = client → server, `downstream` = server → client. */
export type Direction = 'upstream' | 'downstream';
export type ConnectionRole = 'control' | 'data';

export interface ProxiedConnection {
  /** 0-based, in order of acceptance over all roles. */
  readonly id: number;
  readonly role: ConnectionRole;
  /** For a data connection: the id of the control connection whose PASV/EPSV reply made it. */
  readonly controlId: number | null;
  /** Bytes forwarded so far (bytes the proxy received but dropped at a cut are not counted). */
  readonly bytes: Record<Direction, number>;
  /** Set when the proxy cut this connection (by a rule or `cut`). */
  cutAt: { readonly direction: Direction | null; readonly bytes: Record<Direction, number> } | null;
  closed: boolean;
  /** Cuts now (both sockets reset). */
  cut(): void;
}

export interface CutRule {
  /** Which connections the rule watches (default any). */
  readonly role?: ConnectionRole;
  readonly direction: Direction;
  /** Forward exactly this many bytes in `direction` on one connection, then cut it. */
  readonly afterBytes: number;
  /** Of the connections accepted after the rule was armed, only those for which this is true (default: all). */
  readonly match?: (conn: ProxiedConnection) => boolean;
  /**
   * Instead of cutting this connection at `afterBytes`, call this (e.g. to
   * cut the control connection when its data connection reaches N bytes);
   * the bytes after `afterBytes` are forwarded only if the connection is still up.
   */
  readonly instead?: (conn: ProxiedConnection, proxy: CutProxy) => void;
}

export interface CutProxyOptions {
  readonly target: { readonly host: string; readonly port: number };
  readonly ftp?: boolean;
  /** Connections accepted over the proxy's life (default 10,000); beyond that new ones are reset. */
  readonly maxConnections?: number;
  readonly dataListenerTimeoutMs?: number;
  /**
   * How a cut looks to both ends: 'reset' (TCP RST, default) or 'end' (FIN,
   * looks like a clean close to the reader).
   */
  readonly cutStyle?: 'reset' | 'end';
}

export interface CutProxy {
  readonly host: typeof LOOPBACK;
  readonly port: number;
  /** Every connection accepted so far, in order. */
  readonly connections: readonly ProxiedConnection[];
  /**
   * Arms a one-shot rule: the first connection matching it that reaches
   * `afterBytes` in `direction` is cut there. Resolves with that connection.
   */
  cutAfter(rule: CutRule): Promise<ProxiedConnection>;
  /** Cuts every open connection matching `role` (all when omitted). */
  cutAll(role?: ConnectionRole): void;
  /** Bytes in `direction` over connections accepted after the connection `afterId` (and matching `role`). */
  bytesAfter(afterId: number, direction: Direction, role?: ConnectionRole): number;
  close(): Promise<void>;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

interface ArmedRule extends CutRule {
  /** Connections with a smaller id existed before the rule was armed. */
  firstId: number;
  resolve: (conn: ProxiedConnection) => void;
  fired: boolean;
}

interface Conn extends ProxiedConnection {
  client: Socket;
  server: Socket;
}

/** Starts a proxy on 127.0.0.1 (a free port) forwarding to `target`. */
export async function startCutProxy(options: CutProxyOptions): Promise<CutProxy> {
  if (!isLoopback(options.target.host)) throw new Error(`cut-proxy forwards to loopback only, not ${options.target.host}`);
  const maxConnections = options.maxConnections ?? 10_000;
  const dataTimeout = options.dataListenerTimeoutMs ?? 30_000;
  const cutStyle = options.cutStyle ?? 'reset';
  const connections: Conn[] = [];
  const rules: ArmedRule[] = [];
  const servers = new Set<Server>();
  let closing = false;

  const kill = (socket: Socket): void => {
    if (socket.destroyed) return;
    if (cutStyle === 'reset' && typeof socket.resetAndDestroy === 'function' && socket.readyState !== 'opening') socket.resetAndDestroy();
    else if (cutStyle === 'end') socket.end(() => socket.destroy());
    else socket.destroy();
  };

  const cutConn = (conn: Conn, direction: Direction | null): void => {
    if (conn.cutAt || conn.closed) return;
    conn.cutAt = { direction, bytes: { ...conn.bytes } };
    kill(conn.client);
    kill(conn.server);
  };

  /** How many of `length` bytes may pass in `direction` before a rule fires; fires it. */
  const allowance = (conn: Conn, direction: Direction, length: number): number => {
    for (const rule of rules) {
      if (rule.fired || rule.direction !== direction || conn.id < rule.firstId) continue;
      if (rule.role && rule.role !== conn.role) continue;
      if (rule.match && !rule.match(conn)) continue;
      const left = rule.afterBytes - conn.bytes[direction];
      if (left >= length) continue;
      rule.fired = true;
      rules.splice(rules.indexOf(rule), 1);
      const pass = Math.max(0, left);
      queueMicrotask(() => rule.resolve(conn));
      if (rule.instead) {
        rule.instead(conn, proxy);
        return conn.cutAt ? pass : length;
      }
      return pass;
    }
    return length;
  };

  /** Forwards `chunk` from `from` to `to`, counting it and applying cut rules. */
  const forward = (conn: Conn, direction: Direction, chunk: Buffer, to: Socket, counted = chunk.length): void => {
    if (conn.cutAt) return;
    const pass = allowance(conn, direction, counted);
    if (pass < counted) {
      // Only a byte-exact count matters for cuts; a rewritten control reply is forwarded whole or not at all.
      const slice = counted === chunk.length ? chunk.subarray(0, pass) : pass > 0 ? chunk : Buffer.alloc(0);
      conn.bytes[direction] += pass;
      if (slice.length > 0) to.write(slice, () => cutConn(conn, direction));
      else cutConn(conn, direction);
      return;
    }
    conn.bytes[direction] += counted;
    if (!to.write(chunk)) {
      const source = direction === 'upstream' ? conn.client : conn.server;
      source.pause();
      to.once('drain', () => source.resume());
    }
  };

  const pipeConn = (conn: Conn, downstream: (chunk: Buffer) => void): void => {
    const { client, server } = conn;
    client.on('data', (chunk: Buffer) => forward(conn, 'upstream', chunk, server));
    server.on('data', downstream);
    const finish = (): void => {
      conn.closed = true;
      client.destroy();
      server.destroy();
    };
    client.on('end', () => server.end());
    server.on('end', () => client.end());
    client.on('close', finish);
    server.on('close', finish);
    client.on('error', () => undefined);
    server.on('error', () => undefined);
  };

  const accept = (client: Socket, role: ConnectionRole, controlId: number | null, port: number): Conn | null => {
    if (closing || connections.length >= maxConnections) {
      client.on('error', () => undefined);
      kill(client);
      return null;
    }
    const server = new Socket({ allowHalfOpen: true });
    const conn: Conn = {
      id: connections.length,
      role,
      controlId,
      bytes: { upstream: 0, downstream: 0 },
      cutAt: null,
      closed: false,
      client,
      server,
      cut: () => cutConn(conn, null),
    };
    connections.push(conn);
    client.pause();
    server.connect({ host: options.target.host, port }, () => client.resume());
    return conn;
  };

  const listen = (server: Server, port = 0): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
        servers.add(server);
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  /** A listener for one data connection to the server's `dataPort`; returns its port. */
  const dataListener = async (dataPort: number, controlId: number): Promise<number> => {
    const server = createServer({ allowHalfOpen: true });
    const stop = (): void => {
      clearTimeout(timer);
      servers.delete(server);
      server.close();
    };
    const timer = setTimeout(stop, dataTimeout);
    timer.unref();
    server.on('connection', (client) => {
      stop();
      const conn = accept(client, 'data', controlId, dataPort);
      if (conn) pipeConn(conn, (chunk) => forward(conn, 'downstream', chunk, conn.client));
    });
    return listen(server);
  };

  /** The control connection's server → client stream, with PASV / EPSV replies pointed at the proxy. */
  const ftpDownstream = (conn: Conn): ((chunk: Buffer) => void) => {
    let pending = '';
    let plain = true;
    let chain = Promise.resolve();
    const rewrite = async (line: string): Promise<string> => {
      const pasv = /^227 (.*?)\(?(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)?(.*)$/s.exec(line);
      if (pasv) {
        const dataPort = Number(pasv[6]) * 256 + Number(pasv[7]);
        const port = await dataListener(dataPort, conn.id);
        return `227 Entering Passive Mode (127,0,0,1,${Math.floor(port / 256)},${port % 256}).\r\n`;
      }
      const epsv = /^229 (.*)\(\|\|\|(\d+)\|\)(.*)$/s.exec(line);
      if (epsv) {
        const port = await dataListener(Number(epsv[2]), conn.id);
        return `229 ${epsv[1] ?? ''}(|||${port}|)${epsv[3] ?? ''}`;
      }
      if (/^234[ -]/.test(line)) plain = false;
      return line;
    };
    return (chunk: Buffer) => {
      if (!plain) {
        forward(conn, 'downstream', chunk, conn.client);
        return;
      }
      pending += chunk.toString('latin1');
      const lines: string[] = [];
      for (let nl = pending.indexOf('\n'); nl >= 0 && plain; nl = pending.indexOf('\n')) {
        const line = pending.slice(0, nl + 1);
        pending = pending.slice(nl + 1);
        lines.push(line);
        if (/^234[ -]/.test(line)) plain = false;
      }
      // After 234 the rest is TLS: pass it on untouched.
      const rest = plain ? null : Buffer.from(pending, 'latin1');
      if (!plain) pending = '';
      chain = chain.then(async () => {
        for (const line of lines) {
          const out = await rewrite(line);
          forward(conn, 'downstream', Buffer.from(out, 'latin1'), conn.client, Buffer.byteLength(line, 'latin1'));
        }
        if (rest && rest.length > 0) forward(conn, 'downstream', rest, conn.client);
      });
      chain = chain.catch(() => cutConn(conn, null));
    };
  };

  const main = createServer({ allowHalfOpen: true }, (client) => {
    const conn = accept(client, 'control', null, options.target.port);
    if (!conn) return;
    pipeConn(conn, options.ftp ? ftpDownstream(conn) : (chunk) => forward(conn, 'downstream', chunk, conn.client));
  });
  const port = await listen(main);

  const proxy: CutProxy = {
    host: LOOPBACK,
    port,
    connections,
    cutAfter(rule) {
      return new Promise((resolve) => rules.push({ ...rule, resolve, fired: false, firstId: connections.length }));
    },
    cutAll(role) {
      for (const conn of connections) if (!role || conn.role === role) cutConn(conn, null);
    },
    bytesAfter(afterId, direction, role) {
      return connections.filter((conn) => conn.id > afterId && (!role || conn.role === role)).reduce((sum, conn) => sum + conn.bytes[direction], 0);
    },
    async close() {
      closing = true;
      for (const conn of connections) {
        conn.client.destroy();
        conn.server.destroy();
      }
      await Promise.all([...servers].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
      servers.clear();
    },
  };
  return proxy;
}
