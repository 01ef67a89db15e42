/**
 * Test support only: a scripted FTP control channel on loopback, for replies
 * no real server produces on demand (a refused EPSV, malformed 227/229, a
 * server that never connects back). Real servers come from
 * `main/engine/testing/servers`; this is not a server harness.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { FTPContext } from 'basic-ftp';

/** Answers one command line; `reply` writes one reply line (CRLF added). */
export type CommandHandler = (command: string, reply: (line: string) => void, conn: Socket) => void;

export interface FakeControl {
  readonly host: string;
  readonly port: number;
  /** Every command received, in order, across connections. */
  readonly commands: string[];
  /** Opens an FTPContext on a fresh control connection (greeting consumed). */
  open(timeoutMs?: number): Promise<FTPContext>;
  close(): Promise<void>;
}

/** Starts a fake control server on `host` answering through `handler`. */
export async function startFakeControl(handler: CommandHandler, host = '127.0.0.1'): Promise<FakeControl> {
  const commands: string[] = [];
  const conns = new Set<Socket>();
  const contexts = new Set<FTPContext>();
  const server: Server = createServer((conn) => {
    conns.add(conn);
    conn.on('close', () => conns.delete(conn));
    conn.on('error', () => {});
    conn.setEncoding('utf8');
    let buffered = '';
    const reply = (line: string): void => {
      if (!conn.destroyed) conn.write(`${line}\r\n`);
    };
    conn.on('data', (chunk: string) => {
      buffered += chunk;
      let eol: number;
      while ((eol = buffered.indexOf('\r\n')) >= 0) {
        const command = buffered.slice(0, eol);
        buffered = buffered.slice(eol + 2);
        commands.push(command);
        if (command === 'QUIT') reply('221 Bye');
        else handler(command, reply, conn);
      }
    });
    reply('220 fake');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;

  return {
    host,
    port,
    commands,
    async open(timeoutMs = 5000) {
      const ftp = new FTPContext(timeoutMs);
      contexts.add(ftp);
      const greeting = ftp.handle(undefined, (res, task) => (res instanceof Error ? task.reject(res) : task.resolve(res)));
      ftp.socket = connect(port, host);
      await greeting;
      return ftp;
    },
    async close() {
      for (const ftp of contexts) ftp.close();
      for (const conn of conns) conn.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
