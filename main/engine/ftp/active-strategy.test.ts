import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FTPContext } from 'basic-ftp';
import { makeTempDir } from '../testing/temp-dir.js';
import { createActiveStrategy, type ActiveModeOptions } from './active-strategy.js';
import { sendFrom } from './data-pump.js';
import { receiveInto, runDataTransfer } from './data-transfer.js';
import { FileRangeSource } from './file-streams.js';
import { startFakeControl, type FakeControl } from './fake-control.testing.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface ServerScript {
  /** Reply to PORT/EPRT; default 200. */
  portReply?: string;
  /** Delay before that reply, in ms. */
  portDelay?: number;
  /** 'connect-first' (vsftpd), '150-first' (connects after announcing), or 'never'. */
  order?: 'connect-first' | '150-first' | 'never';
  /** Connect from this local address (127.0.0.2 = a foreign host on loopback). */
  from?: string;
  /** Before the real connection, a foreign host (127.0.0.2) connects. */
  intruder?: boolean;
  retrReply?: string;
  payload?: Buffer;
}

interface ActiveFake extends FakeControl {
  /** The address/port of the last PORT/EPRT. */
  target(): { host: string; port: number };
  received(): Promise<Buffer>;
  intruderClosed: Promise<void> | undefined;
}

function parseTarget(command: string): { host: string; port: number } {
  const port = /^PORT (\d+),(\d+),(\d+),(\d+),(\d+),(\d+)$/.exec(command);
  if (port) return { host: port.slice(1, 5).join('.'), port: Number(port[5]) * 256 + Number(port[6]) };
  const eprt = /^EPRT \|[12]\|([^|]+)\|(\d+)\|$/.exec(command);
  if (eprt?.[1] && eprt[2]) return { host: eprt[1], port: Number(eprt[2]) };
  throw new Error(`not an active-mode command: ${command}`);
}

/** A fake server that behaves like an active-mode FTP server for RETR/STOR. */
async function activeFake(script: ServerScript = {}, host = '127.0.0.1'): Promise<ActiveFake> {
  let target: { host: string; port: number } | undefined;
  let resolveReceived: (b: Buffer) => void = () => {};
  const received = new Promise<Buffer>((r) => (resolveReceived = r));
  let intruderClosed: Promise<void> | undefined;
  const dial = (): Socket => {
    if (!target) throw new Error('no PORT yet');
    const socket = connect({ host: target.host, port: target.port, ...(script.from ? { localAddress: script.from } : {}) });
    return socket.on('error', () => {}); // a refused (foreign) dial is part of some tests
  };
  const fake = await startFakeControl((cmd, reply) => {
    if (cmd.startsWith('PORT ') || cmd.startsWith('EPRT ')) {
      target = parseTarget(cmd);
      setTimeout(() => reply(script.portReply ?? '200 PORT command successful.'), script.portDelay ?? 0);
      return;
    }
    if (script.order === 'never') return reply('150 Opening data connection.');
    if (script.retrReply && cmd.startsWith('RETR')) return reply(script.retrReply);
    const start = (): void => {
      if (script.intruder && target) {
        const intruder = connect({ host: target.host, port: target.port, localAddress: '127.0.0.2' });
        intruder.on('error', () => {});
        intruderClosed = new Promise((r) => intruder.once('close', () => r()));
      }
      const data = script.intruder ? setTimeoutPromise(50).then(dial) : Promise.resolve(dial());
      void data.then((socket) => {
        if (cmd.startsWith('STOR')) {
          const chunks: Buffer[] = [];
          socket.on('data', (c: Buffer) => chunks.push(c));
          socket.on('end', () => {
            socket.end();
            resolveReceived(Buffer.concat(chunks));
            reply('226 Transfer complete.');
          });
        } else {
          socket.end(script.payload ?? Buffer.alloc(0));
          socket.on('close', () => reply('226 Transfer complete.'));
        }
        socket.resume();
      });
    };
    if (script.order === '150-first') {
      reply('150 Opening BINARY mode data connection.');
      setTimeout(start, 50);
    } else {
      start();
      setTimeout(() => reply('150 Opening BINARY mode data connection.'), 20);
    }
  }, host);
  cleanups.push(() => fake.close());
  return Object.assign(fake, {
    target: () => {
      if (!target) throw new Error('no PORT yet');
      return target;
    },
    received: () => received,
    get intruderClosed() {
      return intruderClosed;
    },
  });
}

function setTimeoutPromise(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function sink(): { stream: Writable; data: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) });
  return { stream, data: () => Buffer.concat(chunks) };
}

async function download(ftp: FTPContext, command = 'RETR file'): Promise<Buffer> {
  const out = sink();
  await runDataTransfer(ftp, { command, direction: 'download', data: receiveInto(out.stream) });
  return out.data();
}

/** STOR of `data`, sent from a file as real uploads are (data-pump.ts through the deferred socket). */
async function upload(ftp: FTPContext, data: Buffer): Promise<unknown> {
  const dir = await makeTempDir('ferry-active-upload-');
  const path = join(dir, 'file');
  await writeFile(path, data);
  const handle = await open(path, 'r');
  try {
    const source = new FileRangeSource(handle, 0, undefined, undefined, undefined, data.length);
    return await runDataTransfer(ftp, { command: 'STOR file', direction: 'upload', data: sendFrom(source) });
  } finally {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function expectClosed(port: number, host = '127.0.0.1'): Promise<void> {
  const err = await new Promise<Error | undefined>((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => (s.destroy(), resolve(undefined)));
    s.once('error', resolve);
  });
  expect(err?.message).toMatch(/ECONNREFUSED/);
}

function strategy(options: ActiveModeOptions = {}): { run: (ftp: FTPContext) => Promise<unknown>; logs: string[] } {
  const logs: string[] = [];
  const s = createActiveStrategy({ acceptTimeoutMs: 2000, ...options }, (kind, text) => logs.push(`${kind}: ${text}`));
  return { run: s, logs };
}

describe('createActiveStrategy', () => {
  const payload = randomBytes(1024 * 1024 + 7);

  it.each(['connect-first', '150-first'] as const)('downloads byte-exact when the server does %s', async (order) => {
    const fake = await activeFake({ order, payload });
    const ftp = await fake.open();
    const { run } = strategy();
    await run(ftp);
    expect(fake.commands[0]).toMatch(/^PORT 127,0,0,1,\d+,\d+$/);
    expect((await download(ftp)).equals(payload)).toBe(true);
    await expectClosed(fake.target().port);
  });

  it.each(['connect-first', '150-first'] as const)('uploads byte-exact when the server does %s', async (order) => {
    const fake = await activeFake({ order });
    const ftp = await fake.open();
    await strategy().run(ftp);
    await upload(ftp, payload);
    expect((await fake.received()).equals(payload)).toBe(true);
  });

  it('uploads an empty file (end() before the server connected)', async () => {
    const fake = await activeFake({ order: '150-first' });
    const ftp = await fake.open();
    await strategy().run(ftp);
    await upload(ftp, Buffer.alloc(0));
    expect((await fake.received()).length).toBe(0);
  });

  it('destroys a connection from another host and keeps waiting for the server', async () => {
    const fake = await activeFake({ intruder: true, payload });
    const ftp = await fake.open();
    const { run, logs } = strategy();
    await run(ftp);
    expect((await download(ftp)).equals(payload)).toBe(true);
    await fake.intruderClosed;
    expect(logs).toEqual(['error: Active mode: refused a data connection from 127.0.0.2 (expected 127.0.0.1)']);
  });

  it('times out with a clear message when only a foreign host connects, and closes the listener', async () => {
    const fake = await activeFake({ from: '127.0.0.2', payload });
    const ftp = await fake.open();
    await strategy({ acceptTimeoutMs: 300 }).run(ftp);
    const { port } = fake.target();
    await expect(download(ftp)).rejects.toThrow(
      `Active mode: the server did not connect to 127.0.0.1:${port} within 0.3 s; a firewall or NAT may block incoming connections`,
    );
    await expectClosed(port);
  });

  it('closes the listener when PORT is refused', async () => {
    const fake = await activeFake({ portReply: '500 Illegal PORT command.' });
    const ftp = await fake.open();
    await expect(strategy().run(ftp)).rejects.toThrow('500 Illegal PORT command.');
    await expectClosed(fake.target().port);
    expect(ftp.dataSocket).toBeUndefined();
  });

  it('reports the accept timeout when it fires before the PORT reply', async () => {
    const fake = await activeFake({ portDelay: 300 });
    const ftp = await fake.open();
    await expect(strategy({ acceptTimeoutMs: 100 }).run(ftp)).rejects.toThrow(/did not connect to 127\.0\.0\.1:\d+ within 0\.1 s/);
    await expectClosed(fake.target().port);
    expect(ftp.dataSocket).toBeUndefined();
  });

  it('closes the listener when the transfer command fails', async () => {
    const fake = await activeFake({ retrReply: '550 No such file.' });
    const ftp = await fake.open();
    await strategy().run(ftp);
    await expect(download(ftp)).rejects.toThrow('550 No such file.');
    await expectClosed(fake.target().port);
    expect(ftp.closed).toBe(false);
  });

  it('closes the listener when the client is closed mid-transfer', async () => {
    const fake = await activeFake({ order: 'never' });
    const ftp = await fake.open();
    await strategy().run(ftp);
    const transfer = download(ftp);
    await setTimeoutPromise(50);
    ftp.close();
    await expect(transfer).rejects.toThrow('User closed client during task');
    await expectClosed(fake.target().port);
  });

  it('listens on the first free port of the range', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => busy.close(() => r())));
    const min = (busy.address() as AddressInfo).port;
    const fake = await activeFake({ payload });
    const ftp = await fake.open();
    await strategy({ portRange: { min, max: min + 20 } }).run(ftp);
    expect(fake.target().port).toBeGreaterThan(min);
    expect(fake.target().port).toBeLessThanOrEqual(min + 20);
    expect((await download(ftp)).equals(payload)).toBe(true);
  });

  it('rejects an invalid port range up front', () => {
    expect(() => createActiveStrategy({ portRange: { min: 5000, max: 4000 } }, () => {})).toThrow('invalid port range 5000-4000');
  });

  it('advertises the external address', async () => {
    const fake = await activeFake({ order: 'never' });
    const ftp = await fake.open();
    await strategy({ externalAddress: '203.0.113.9' }).run(ftp);
    expect(fake.commands[0]).toMatch(/^PORT 203,0,113,9,\d+,\d+$/);
    ftp.close();
  });

  it('uses EPRT |2| over IPv6', async () => {
    const fake = await activeFake({ payload }, '::1');
    const ftp = await fake.open();
    await strategy().run(ftp);
    expect(fake.commands[0]).toMatch(/^EPRT \|2\|::1\|\d+\|$/);
    expect((await download(ftp)).equals(payload)).toBe(true);
  });
});
