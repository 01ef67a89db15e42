/**
 * The rules of one data transfer against a scripted server (replies in
 * orders real servers produce only by timing): the final 2xx and the end of
 * the data may come in either order, only the first 150 starts the data, a
 * 350 to REST sends the RETR, and a lost control connection fails the transfer.
 */
import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FTPContext } from 'basic-ftp';
import { receiveInto, runDataTransfer, type DataSide } from './data-transfer.js';
import { startFakeControl, type CommandHandler, type FakeControl } from './fake-control.testing.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A control server answering with `handler`, a data listener, and a context whose data socket is connected to it. */
async function setup(handler: (command: string, reply: (line: string) => void, data: Socket) => void): Promise<{ ftp: FTPContext; control: FakeControl }> {
  const data: Server = createServer();
  await new Promise<void>((resolve) => data.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => data.close(() => resolve())));
  const serverSide = new Promise<Socket>((resolve) => data.once('connection', resolve));
  const onCommand: CommandHandler = (command, reply) => void serverSide.then((socket) => handler(command, reply, socket));
  const control = await startFakeControl(onCommand);
  cleanups.push(() => control.close());
  const ftp = await control.open();
  ftp.dataSocket = connect((data.address() as AddressInfo).port, '127.0.0.1');
  await serverSide;
  return { ftp, control };
}

function sink(): { stream: Writable; data: () => Buffer } {
  const chunks: Buffer[] = [];
  return { stream: new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) }), data: () => Buffer.concat(chunks) };
}

describe('runDataTransfer', () => {
  it('waits for the data when the 226 comes first', async () => {
    const payload = randomBytes(300_000);
    const { ftp } = await setup((command, reply, data) => {
      if (!command.startsWith('RETR')) return reply('502 not scripted');
      reply('150 Opening');
      reply('226 Done');
      setTimeout(() => data.end(payload), 50);
    });
    const out = sink();
    const final = await runDataTransfer(ftp, { command: 'RETR f', direction: 'download', data: receiveInto(out.stream) });
    expect(final.code).toBe(226);
    expect(out.data().equals(payload)).toBe(true);
  });

  it('waits for the 226 when the data ends first', async () => {
    let replied = false;
    const { ftp } = await setup((command, reply, data) => {
      if (!command.startsWith('RETR')) return reply('502 not scripted');
      reply('150 Opening');
      data.end('abc', () =>
        setTimeout(() => {
          replied = true;
          reply('226 Done');
        }, 50),
      );
    });
    const out = sink();
    await runDataTransfer(ftp, { command: 'RETR f', direction: 'download', data: receiveInto(out.stream) });
    expect(replied).toBe(true);
    expect(out.data().toString()).toBe('abc');
  });

  it('starts the data side once, however many 150s arrive', async () => {
    let starts = 0;
    const { ftp } = await setup((command, reply, data) => {
      if (!command.startsWith('STOR')) return reply('502 not scripted');
      reply('150 Ok to send');
      reply('125 Data connection already open');
      data.resume().once('end', () => reply('226 Stored'));
    });
    const send: DataSide = async (socket) => {
      starts++;
      socket.end('x');
    };
    await runDataTransfer(ftp, { command: 'STOR f', direction: 'upload', data: send });
    expect(starts).toBe(1);
  });

  it('sends the RETR once REST is answered with 350', async () => {
    const { ftp, control } = await setup((command, reply, data) => {
      if (command.startsWith('REST')) return reply('350 Restarting at 5');
      if (!command.startsWith('RETR')) return reply('502 not scripted');
      reply('150 Opening');
      data.end('tail', () => reply('226 Done'));
    });
    const out = sink();
    await runDataTransfer(ftp, { command: 'REST 5', afterRest: 'RETR f', direction: 'download', data: receiveInto(out.stream) });
    expect(control.commands.slice(-2)).toEqual(['REST 5', 'RETR f']);
    expect(out.data().toString()).toBe('tail');
  });

  it('closes the connection on a 3xx it cannot answer', async () => {
    const { ftp } = await setup((_command, reply) => reply('332 Need account'));
    await expect(runDataTransfer(ftp, { command: 'RETR f', direction: 'download', data: receiveInto(sink().stream) })).rejects.toThrow(/requesting an answer/);
    expect(ftp.closed).toBe(true);
  });

  it('fails, and drops the data connection, when the control connection dies mid-transfer', async () => {
    let serverData: Socket | undefined;
    const { ftp } = await setup((command, reply, data) => {
      if (!command.startsWith('RETR')) return reply('502 not scripted');
      serverData = data;
      reply('150 Opening');
      data.write(randomBytes(10_000));
    });
    const transfer = runDataTransfer(ftp, { command: 'RETR f', direction: 'download', data: receiveInto(sink().stream) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const dataClosed = new Promise<boolean>((resolve) => {
      serverData?.once('close', () => resolve(true));
      setTimeout(() => resolve(false), 2000);
    });
    ftp.socket.destroy(new Error('Server sent FIN'));
    await expect(transfer).rejects.toThrow();
    expect(await dataClosed).toBe(true);
  });
});
