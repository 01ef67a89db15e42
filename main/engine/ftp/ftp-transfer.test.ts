/**
 * Upload verification and resume fallbacks against a scripted server that
 * misbehaves on purpose (no real server truncates on demand): an upload is
 * only "done" when the reply is 2xx and SIZE matches; APPE replaces a refused
 * REST only when the remote file holds exactly the resume offset.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-dir.js';
import { trustingSecurity } from '../testing/test-security.js';
import { startFakeControl, type FakeControl } from './fake-control.testing.js';
import { FtpFs } from './ftp-fs.js';
import { recordLog } from './ftp-tests.testing.js';

interface Script {
  /** Reply to SIZE, given the bytes received by the last STOR/APPE and how many transfers happened. */
  size: (received: number, transfers: number) => string;
  /** Reply to REST. */
  rest?: string;
  /** Final reply of STOR/APPE. */
  done?: string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('ferry-transfer-unit-');
  cleanups.push(() => import('node:fs/promises').then(({ rm }) => rm(dir, { recursive: true, force: true })));
});

/** A fake FTP server with one passive data port; records what STOR/APPE received. */
async function fakeServer(script: Script): Promise<{ control: FakeControl; received: Buffer[] }> {
  const received: Buffer[] = [];
  let dataSocket: Promise<Socket> = Promise.resolve(null as unknown as Socket);
  let nextData: (s: Socket) => void = () => {};
  const data: Server = createServer((s) => nextData(s));
  await new Promise<void>((r) => data.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => data.close(() => r())));
  let last = 0;
  const control = await startFakeControl((command, reply) => {
    const [verb] = command.split(' ');
    switch (verb) {
      case 'USER':
        return reply('331 Password please');
      case 'PASS':
        return reply('230 Logged in');
      case 'PWD':
        return reply('257 "/" is the current directory');
      case 'FEAT':
        return reply('211 No features');
      case 'EPSV':
        dataSocket = new Promise((resolve) => (nextData = resolve));
        return reply(`229 Entering Extended Passive Mode (|||${(data.address() as AddressInfo).port}|)`);
      case 'REST':
        return reply(script.rest ?? '350 Restarting');
      case 'SIZE':
        return reply(script.size(last, received.length));
      case 'STOR':
      case 'APPE':
        reply('150 Ok to send data');
        void dataSocket.then((socket) => {
          const chunks: Buffer[] = [];
          socket.on('data', (c: Buffer) => chunks.push(c));
          socket.on('end', () => {
            const all = Buffer.concat(chunks);
            received.push(Buffer.concat([Buffer.from(`${verb}:`), all]));
            last = all.length;
            socket.end();
            reply(script.done ?? '226 Transfer complete');
          });
        });
        return;
      default:
        return reply('200 OK');
    }
  });
  cleanups.push(() => control.close());
  return { control, received };
}

async function connect(control: FakeControl, recorder = recordLog()): Promise<FtpFs> {
  const { fs } = await FtpFs.connect(
    { protocol: 'ftp-plain', host: control.host, port: control.port, user: 'u', password: 'p', transferMode: 'passive', timeoutMs: 5000 },
    { log: recorder.log, security: trustingSecurity() },
  );
  cleanups.push(() => fs.close());
  return fs;
}

describe('FtpFs.upload verification', () => {
  it('rejects a 226 when SIZE shows fewer bytes than the local file', async () => {
    const { control } = await fakeServer({ size: (n) => `213 ${n - 10}` });
    const fs = await connect(control);
    await writeFile(join(dir, 'a.bin'), Buffer.alloc(5000, 7));
    await expect(fs.upload(join(dir, 'a.bin'), '/a.bin')).rejects.toMatchObject({
      code: 'PROTOCOL',
      message: 'Upload incomplete: server has 4990 of 5000 bytes (/a.bin)',
      retryable: true,
    });
    expect(control.commands).toContain('TYPE I');
  });

  it('rejects a 426 final reply', async () => {
    const { control } = await fakeServer({ size: (n) => `213 ${n}`, done: '426 Failure reading network stream.' });
    const fs = await connect(control);
    await writeFile(join(dir, 'a.bin'), Buffer.alloc(5000, 7));
    await expect(fs.upload(join(dir, 'a.bin'), '/a.bin')).rejects.toMatchObject({ code: 'PROTOCOL', message: expect.stringContaining('426') });
  });

  it('accepts, with a logged warning, when the server has no SIZE', async () => {
    const { control } = await fakeServer({ size: () => '502 Command not implemented' });
    const recorder = recordLog();
    const fs = await connect(control, recorder);
    await writeFile(join(dir, 'a.bin'), Buffer.alloc(5000, 7));
    await expect(fs.upload(join(dir, 'a.bin'), '/a.bin')).resolves.toEqual({ bytes: 5000 });
    expect(recorder.lines).toContainEqual(['error', 'The server cannot report file sizes; the upload of /a.bin could not be verified']);
  });
});

describe('FtpFs.upload resume', () => {
  const content = Buffer.from('0123456789abcdefghij');

  it('falls back to APPE when REST is refused and the remote file has exactly the offset', async () => {
    const { control, received } = await fakeServer({ rest: '502 REST not implemented', size: (n, transfers) => `213 ${transfers === 0 ? 8 : 8 + n}` });
    const fs = await connect(control);
    await writeFile(join(dir, 'c.bin'), content);
    await expect(fs.upload(join(dir, 'c.bin'), '/c.bin', { offset: 8 })).resolves.toEqual({ bytes: 12, remoteSize: 20 });
    expect(received.map(String)).toEqual(['APPE:89abcdefghij']);
  });

  it('refuses to append when the remote size is not the offset', async () => {
    const { control, received } = await fakeServer({ rest: '502 REST not implemented', size: () => '213 3' });
    const fs = await connect(control);
    await writeFile(join(dir, 'c.bin'), content);
    await expect(fs.upload(join(dir, 'c.bin'), '/c.bin', { offset: 8 })).rejects.toMatchObject({ code: 'PROTOCOL', message: expect.stringMatching(/has 3 bytes, not 8/) });
    expect(received).toEqual([]);
  });

  it('uses REST + STOR when the server accepts it', async () => {
    const { control, received } = await fakeServer({ size: (n) => `213 ${8 + n}` });
    const fs = await connect(control);
    await writeFile(join(dir, 'c.bin'), content);
    await expect(fs.upload(join(dir, 'c.bin'), '/c.bin', { offset: 8 })).resolves.toEqual({ bytes: 12, remoteSize: 20 });
    expect(control.commands).toContain('REST 8');
    expect(received.map(String)).toEqual(['STOR:89abcdefghij']);
  });
});

describe('FtpFs ASCII uploads', () => {
  it('sends TYPE A, CRLF on the wire, verifies the LF size in TYPE I and stays in TYPE I', async () => {
    // A Unix server stores LF: what arrived, less one byte per CRLF.
    const { control, received } = await fakeServer({ size: (n) => `213 ${n - 3}` });
    const fs = await connect(control);
    await writeFile(join(dir, 'a.txt'), 'one\ntwo\r\nthree\n');
    await expect(fs.upload(join(dir, 'a.txt'), '/a.txt', { ascii: true })).resolves.toEqual({ bytes: 15, remoteSize: 14 });
    expect(received.map(String)).toEqual(['STOR:one\r\ntwo\r\nthree\r\n']);
    const sent = control.commands.filter((c) => /^(TYPE|STOR|SIZE)/.test(c));
    // TYPE I once after TYPE A (for SIZE); already binary afterwards, so not sent again.
    expect(sent.slice(-4)).toEqual(['TYPE A', 'STOR /a.txt', 'TYPE I', 'SIZE /a.txt']);
    await fs.size('/a.txt');
    expect(control.commands.at(-1)).toBe('SIZE /a.txt');
  });

  it('fails when the server holds a different size, and still goes back to TYPE I', async () => {
    const { control } = await fakeServer({ size: (n) => `213 ${n}` });
    const fs = await connect(control);
    await writeFile(join(dir, 'a.txt'), 'one\r\ntwo\r\n');
    await expect(fs.upload(join(dir, 'a.txt'), '/a.txt', { ascii: true })).rejects.toMatchObject({ code: 'PROTOCOL', message: expect.stringMatching(/server has 10 of 8 bytes/) });
    const fromAscii = control.commands.slice(control.commands.lastIndexOf('TYPE A'));
    expect(fromAscii.filter((c) => c.startsWith('TYPE'))).toEqual(['TYPE A', 'TYPE I']);
  });

  it('goes back to TYPE I after a refused upload', async () => {
    const { control } = await fakeServer({ size: (n) => `213 ${n}`, done: '451 Local error' });
    const fs = await connect(control);
    await writeFile(join(dir, 'a.txt'), 'x\n');
    await expect(fs.upload(join(dir, 'a.txt'), '/a.txt', { ascii: true })).rejects.toThrow();
    expect(control.commands.slice(control.commands.indexOf('TYPE A'))).toContain('TYPE I');
  });

  it('cannot resume', async () => {
    const { control, received } = await fakeServer({ size: (n) => `213 ${n}` });
    const fs = await connect(control);
    await writeFile(join(dir, 'a.txt'), 'abc\n');
    await expect(fs.upload(join(dir, 'a.txt'), '/a.txt', { ascii: true, offset: 2 })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect(received).toEqual([]);
    expect(control.commands).not.toContain('TYPE A');
  });
});
