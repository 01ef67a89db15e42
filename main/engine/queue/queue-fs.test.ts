import { describe, expect, it } from 'vitest';
import { FakeServer } from './fake-server.testing.js';
import { remoteOps } from './queue-fs.js';

describe('remoteOps', () => {
  it('builds on the adapter\'s file operations, replacing only through an explicit rename option', async () => {
    const server = new FakeServer();
    server.put('/d/old.txt', 'old');
    server.put('/d/new.part', 'new');
    const fs = await server.connect();
    const ops = remoteOps(fs);
    expect(remoteOps(fs)).toBe(ops);
    await ops.ensureDir('/d'); // exists already: fine
    await ops.ensureDir('/d/sub');
    expect(server.dirs.has('/d/sub')).toBe(true);
    await expect(ops.ensureDir('/d/old.txt')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' }); // a file is in the way
    await expect(fs.rename('/d/new.part', '/d/old.txt')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' }); // never silently
    await ops.replace('/d/new.part', '/d/old.txt');
    expect(server.files.get('/d/old.txt')?.data.toString()).toBe('new');
    expect(server.files.has('/d/new.part')).toBe(false);
    expect(await ops.modifiedTime('/d/old.txt')).toBe(Date.UTC(2020, 0, 2, 3, 4, 5));
    expect(await ops.modifiedTime('/d/missing')).toBeNull();
  });

  it('asks for the strongest checksum first', async () => {
    const server = new FakeServer();
    server.put('/f', 'x');
    const fs = await server.connect();
    const asked: (readonly string[])[] = [];
    const checksum = fs.checksum.bind(fs);
    fs.checksum = async (path, algorithms) => (asked.push(algorithms), checksum(path, algorithms));
    expect(await remoteOps(fs).checksum('/f')).toBeNull();
    expect(asked).toEqual([['sha256', 'sha1', 'md5', 'crc32']]);
  });
});
