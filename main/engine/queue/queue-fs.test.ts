import { describe, expect, it } from 'vitest';
import type { TransferFs } from '../remote-fs.js';
import type { FtpReply } from './ftp-commands.js';
import { FakeServer } from './fake-server.testing.js';
import { remoteOps, type QueueFs } from './queue-fs.js';

const bare = (): TransferFs => ({
  pathStyle: 'posix',
  list: async (path) => ({ path, entries: [], skipped: 0 }),
  size: async () => null,
  download: async () => ({ bytes: 0 }),
  upload: async () => ({ bytes: 0 }),
  close: async () => {},
});

describe('remoteOps', () => {
  it('offers nothing for an adapter without hooks (the queue then degrades)', () => {
    const ops = remoteOps(bare());
    expect([ops.ensureDir, ops.replace, ops.removeFile, ops.setModifiedTime, ops.modifiedTime, ops.checksum]).toEqual([null, null, null, null, null, null]);
  });

  it('speaks FTP commands over sendCommand, asking FEAT once per connection', async () => {
    const sent: string[] = [];
    const fs: QueueFs = {
      ...bare(),
      sendCommand: async (command: string, path?: string): Promise<FtpReply> => {
        sent.push(path === undefined ? command : `${command} ${path}`);
        if (command === 'FEAT') return { code: 211, message: '211-Features:\n XMD5\n MFMT\n211 End' };
        if (command === 'XMD5') return { code: 250, message: '250 d41d8cd98f00b204e9800998ecf8427e' };
        if (command === 'RNFR') return { code: 350, message: '350 OK' };
        return { code: 250, message: '250 OK' };
      },
    };
    const ops = remoteOps(fs);
    await ops.replace?.('/a', '/b');
    expect(await ops.checksum?.('/e')).toEqual({ algorithm: 'md5', hex: 'd41d8cd98f00b204e9800998ecf8427e' });
    expect(await ops.checksum?.('/with space')).toEqual({ algorithm: 'md5', hex: 'd41d8cd98f00b204e9800998ecf8427e' });
    expect(sent).toEqual(['RNFR /a', 'RNTO /b', 'FEAT', 'XMD5 /e', 'XMD5 "/with space"']);
    expect(remoteOps(fs)).toBe(ops);
  });

  it('prefers the adapter\'s own methods, adapting their "never overwrite" meaning', async () => {
    const server = new FakeServer();
    server.put('/d/old.txt', 'old');
    server.put('/d/new.part', 'new');
    const fs = Object.assign(await server.connect(), { sendCommand: async () => ({ code: 500, message: '500 never used' }) });
    const ops = remoteOps(fs);
    await ops.ensureDir?.('/d'); // exists already: fine
    await ops.ensureDir?.('/d/sub');
    expect(server.dirs.has('/d/sub')).toBe(true);
    await expect(ops.ensureDir?.('/d/old.txt')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' }); // a file is in the way
    await ops.replace?.('/d/new.part', '/d/old.txt');
    expect(server.files.get('/d/old.txt')?.data.toString()).toBe('new');
    expect(server.files.has('/d/new.part')).toBe(false);
  });
});
