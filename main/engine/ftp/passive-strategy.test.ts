import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FTPContext } from 'basic-ftp';
import { createPassiveStrategy } from './passive-strategy.js';
import { startFakeControl, type CommandHandler, type FakeControl } from './fake-control.testing.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A data listener on 127.0.0.1 that records who connected. */
async function dataListener(): Promise<{ port: number; peers: Socket[] }> {
  const peers: Socket[] = [];
  const server: Server = createServer((s) => peers.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    peers.forEach((p) => p.destroy());
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as AddressInfo).port, peers };
}

async function fake(handler: CommandHandler): Promise<FakeControl> {
  const control = await startFakeControl(handler);
  cleanups.push(() => control.close());
  return control;
}

function recordingLog(): { log: (kind: 'info' | 'error', text: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { log: (kind, text) => lines.push(`${kind}: ${text}`), lines };
}

async function waitForPeer(peers: Socket[]): Promise<Socket> {
  for (let i = 0; i < 100 && peers.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  const peer = peers[0];
  if (!peer) throw new Error('no data connection arrived');
  return peer;
}

describe('createPassiveStrategy', () => {
  it('uses EPSV and connects to the control address', async () => {
    const data = await dataListener();
    const control = await fake((cmd, reply) => {
      if (cmd === 'EPSV') reply(`229 Entering Extended Passive Mode (|||${data.port}|)`);
    });
    const ftp = await control.open();
    const { log, lines } = recordingLog();
    const res = await createPassiveStrategy(log)(ftp);
    expect(res.code).toBe(229);
    expect(ftp.dataSocket?.remotePort).toBe(data.port);
    expect(ftp.dataSocket?.remoteAddress).toBe('127.0.0.1');
    await waitForPeer(data.peers);
    expect(control.commands).toEqual(['EPSV']);
    expect(lines).toEqual([]);
  });

  it('falls back to PASV when EPSV is refused and remembers it for this connection only', async () => {
    const data = await dataListener();
    const control = await fake((cmd, reply) => {
      if (cmd === 'EPSV') reply("500 'EPSV': command not understood.");
      else if (cmd === 'PASV') reply(`227 Entering Passive Mode (127,0,0,1,${data.port >> 8},${data.port & 255}).`);
    });
    const { log, lines } = recordingLog();
    const strategy = createPassiveStrategy(log);
    const ftp = await control.open();
    await strategy(ftp);
    await strategy(ftp);
    expect(control.commands).toEqual(['EPSV', 'PASV', 'PASV']);
    expect(lines).toEqual(["info: EPSV not usable (500 'EPSV': command not understood.); using PASV for this connection"]);

    const second = await control.open();
    await strategy(second);
    expect(control.commands.slice(3)).toEqual(['EPSV', 'PASV']);
  });

  it('falls back to PASV when the 229 reply cannot be parsed', async () => {
    const data = await dataListener();
    const control = await fake((cmd, reply) => {
      if (cmd === 'EPSV') reply('229 Entering Extended Passive Mode (garbage)');
      else if (cmd === 'PASV') reply(`227 Entering Passive Mode (127,0,0,1,${data.port >> 8},${data.port & 255})`);
    });
    const ftp = await control.open();
    await createPassiveStrategy(() => {})(ftp);
    expect(control.commands).toEqual(['EPSV', 'PASV']);
  });

  it('replaces a foreign PASV address by the control address and logs it (never a third host)', async () => {
    const data = await dataListener();
    const control = await fake((cmd, reply) => {
      if (cmd === 'EPSV') reply('502 Command not implemented.');
      else if (cmd === 'PASV') reply(`227 Entering Passive Mode (198,51,100,7,${data.port >> 8},${data.port & 255})`);
    });
    const ftp = await control.open();
    const { log, lines } = recordingLog();
    await createPassiveStrategy(log)(ftp);
    expect(ftp.dataSocket?.remoteAddress).toBe('127.0.0.1');
    expect(lines).toContain('info: PASV address 198.51.100.7 replaced by control address 127.0.0.1');
    const peer = await waitForPeer(data.peers);
    expect(peer.remotePort).toBe(ftp.dataSocket?.localPort);
  });

  it('does not fall back on a transient 4xx reply to EPSV', async () => {
    const control = await fake((cmd, reply) => {
      if (cmd === 'EPSV') reply('425 Try again later.');
    });
    const ftp = await control.open();
    await expect(createPassiveStrategy(() => {})(ftp)).rejects.toThrow('425 Try again later.');
    expect(control.commands).toEqual(['EPSV']);
  });

  it('reports malformed PASV replies and refused connections clearly', async () => {
    const closed = await dataListener();
    await cleanups.pop()?.(); // close it: nothing listens there now
    const control = await fake((cmd, reply) => {
      if (cmd === 'EPSV') reply(`229 Entering Extended Passive Mode (|||${closed.port}|)`);
      else if (cmd === 'PASV') reply('227 Entering Passive Mode (127,0,0,1)');
    });
    const ftp = await control.open();
    await expect(createPassiveStrategy(() => {})(ftp)).rejects.toThrow(
      `Can't open the passive data connection to 127.0.0.1:${closed.port}: connect ECONNREFUSED`,
    );
    const refused = await fake((cmd, reply) => {
      if (cmd === 'EPSV') reply('500 no');
      else if (cmd === 'PASV') reply('227 Entering Passive Mode (127,0,0,1)');
    });
    await expect(createPassiveStrategy(() => {})(await refused.open())).rejects.toThrow(
      "Can't parse the address in the reply to PASV: 227 Entering Passive Mode (127,0,0,1)",
    );
  });

  it('fails clearly on a closed client', async () => {
    const control = await fake(() => {});
    const ftp: FTPContext = await control.open();
    ftp.close();
    await expect(createPassiveStrategy(() => {})(ftp)).rejects.toThrow(/not connected|closed/);
  });
});
