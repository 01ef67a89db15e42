/**
 * A server that lists hostile names (`../evil`, `a/b`, `..`) must not make
 * Ferry write outside the folder the user chose. No real server can store such
 * names, so this is the one place a scripted FTP server stands in for one
 * (DEVELOPERS.md: a fake only for replies a real server won't produce). It
 * goes through the real FtpFs (LIST parsing) and the real queue (folder
 * expansion, download).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FtpFs } from '../ftp/ftp-fs.js';
import { trustingSecurity } from '../testing/test-security.js';
import { openTestQueue } from './queue-tests.testing.js';

const LISTING = [
  '-rw-r--r--    1 1000     1000            9 Nov 21 09:37 good.txt',
  '-rw-r--r--    1 1000     1000            6 Nov 21 09:37 ../evil',
  '-rw-r--r--    1 1000     1000            6 Nov 21 09:37 a/b',
  'drwxr-xr-x    2 1000     1000         4096 Nov 21 09:37 ..',
  '-rw-r--r--    1 1000     1000            6 Nov 21 09:37 ..\\..\\evil2',
].join('\r\n');
const FILES: Readonly<Record<string, string>> = { '/drop/good.txt': 'good data', '/drop/../evil': 'EVIL!!', '/drop/a/b': 'EVIL!!' };

/** A minimal scripted FTP server: login, PWD/CWD, EPSV, LIST of `/drop`, RETR, SIZE, MDTM. */
function startHostileServer(): Promise<{ port: number; retrieved: string[]; close(): Promise<void> }> {
  const retrieved: string[] = [];
  const sockets = new Set<Socket>();
  const servers = new Set<Server>();
  const control = createServer((conn) => {
    sockets.add(conn);
    let cwd = '/';
    let pending: ((data: Socket) => void) | null = null;
    let data: Socket | null = null;
    const reply = (line: string): void => {
      if (!conn.writableEnded && !conn.destroyed) conn.write(`${line}\r\n`);
    };
    const withData = (send: (socket: Socket) => void): void => {
      if (data) send(data);
      else pending = send;
    };
    reply('220 hostile test server');
    let buffer = '';
    conn.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const [verb = '', ...rest] = line.split(' ');
        const arg = rest.join(' ');
        const path = arg.startsWith('/') ? arg : `${cwd === '/' ? '' : cwd}/${arg}`;
        switch (verb.toUpperCase()) {
          case 'USER': reply('331 password please'); break;
          case 'PASS': reply('230 logged in'); break;
          case 'FEAT': reply('211-Features:\r\n SIZE\r\n MDTM\r\n EPSV\r\n211 End'); break;
          case 'PWD': reply(`257 "${cwd}" is the current directory`); break;
          case 'CWD': if (arg === '/' || arg === '/drop' || arg === 'drop') { cwd = arg.startsWith('/') ? arg : `/${arg}`; reply('250 ok'); } else reply('550 no'); break;
          case 'TYPE': case 'STRU': case 'MODE': reply('200 ok'); break;
          case 'OPTS': reply('501 no options'); break;
          case 'SIZE': if (FILES[path] !== undefined) reply(`213 ${Buffer.byteLength(FILES[path] ?? '')}`); else reply('550 no such file'); break;
          case 'MDTM': if (FILES[path] !== undefined) reply('213 20261121093700'); else reply('550 no such file'); break;
          case 'EPSV': {
            const listener = createServer((socket) => {
              data = socket;
              sockets.add(socket);
              listener.close();
              const send = pending;
              pending = null;
              send?.(socket);
            });
            servers.add(listener);
            listener.listen(0, '127.0.0.1', () => reply(`229 Entering Extended Passive Mode (|||${(listener.address() as AddressInfo).port}|)`));
            break;
          }
          case 'LIST': case 'NLST':
            reply('150 listing');
            withData((socket) => socket.end(cwd === '/drop' ? `${LISTING}\r\n` : 'drwxr-xr-x    2 1000     1000         4096 Nov 21 09:37 drop\r\n', () => { data = null; reply('226 done'); }));
            break;
          case 'RETR':
            retrieved.push(path);
            if (FILES[path] === undefined) { reply('550 no such file'); break; }
            reply('150 sending');
            withData((socket) => socket.end(FILES[path] ?? '', () => { data = null; reply('226 done'); }));
            break;
          case 'QUIT': reply('221 bye'); conn.end(); break;
          default: reply('502 not implemented');
        }
      }
    });
  });
  servers.add(control);
  return new Promise((resolve) => {
    control.listen(0, '127.0.0.1', () => {
      resolve({
        port: (control.address() as AddressInfo).port,
        retrieved,
        async close() {
          for (const socket of sockets) socket.destroy();
          await Promise.all([...servers].map((server) => new Promise((done) => server.close(() => done(undefined)))));
        },
      });
    });
  });
}

describe('hostile names from a server', () => {
  let server: Awaited<ReturnType<typeof startHostileServer>>;
  let parent: string;

  beforeAll(async () => {
    server = await startHostileServer();
    parent = await mkdtemp(join(tmpdir(), 'ferry-hostile-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(parent, { recursive: true, force: true });
  });

  const options = () => ({ protocol: 'ftp-plain' as const, host: '127.0.0.1', port: server.port, user: 'u', password: 'p', transferMode: 'passive' as const, timeoutMs: 5000 });

  it('never lists names with a slash or a dot-dot (a backslash is a legal Unix name: listed, never used locally)', async () => {
    const { fs } = await FtpFs.connect(options(), { log: () => {}, security: trustingSecurity() });
    try {
      const listing = await fs.list('/drop');
      expect(listing.entries.map((entry) => entry.name)).toEqual(['good.txt', '..\\..\\evil2']);
      expect(listing.skipped).toBe(2); // '../evil' and 'a/b'; the '..' folder entry is dropped as usual
    } finally {
      await fs.close();
    }
  });

  it('downloads the folder without writing anything outside the chosen local folder', async () => {
    const target = join(parent, 'target');
    const { queue } = await openTestQueue(async () => (await FtpFs.connect(options(), { log: () => {}, security: trustingSecurity() })).fs);
    try {
      await queue.add({ direction: 'download', siteKey: 'hostile', remotePath: '/drop', type: 'dir', localDir: target });
      await queue.whenIdle();
    } finally {
      await queue.close();
    }
    expect(await readdir(parent)).toEqual(['target']); // nothing beside the chosen folder
    expect(await readdir(join(target, 'drop'))).toEqual(['good.txt']);
    expect(await readFile(join(target, 'drop', 'good.txt'), 'utf8')).toBe('good data');
    expect(server.retrieved).toEqual(['/drop/good.txt']); // the hostile entries were never even requested
  });
});
