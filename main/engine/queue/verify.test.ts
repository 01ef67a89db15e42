import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import { classifyFailure } from './retry-policy.js';
import { FakeServer } from './fake-server.testing.js';
import { hashLocalFile } from './local-hash.js';
import { remoteOps } from './queue-fs.js';
import { verifyTransfer, VerificationError, type ChecksumSource } from './verify.js';

async function setup(content: string) {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-verify-'));
  const local = join(dir, 'f');
  await writeFile(local, content);
  const server = new FakeServer();
  server.put('/f', content);
  return { local, server, fs: await server.connect() };
}

describe('verifyTransfer', () => {
  it('passes on equal sizes when no checksum is offered', async () => {
    const { local, fs } = await setup('hello');
    expect(await verifyTransfer({ fs, localPath: local, remotePath: '/f', checksum: null })).toEqual({ verified: 'size', size: 5 });
  });

  it('fails on a size mismatch, as a retryable error', async () => {
    const { local, server, fs } = await setup('hello');
    server.put('/f', 'hell');
    const error = await verifyTransfer({ fs, localPath: local, remotePath: '/f', checksum: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerificationError);
    expect(classifyFailure(error)).toBe('transient');
  });

  it('compares checksums when offered, and catches same-size corruption', async () => {
    const { local, server, fs } = await setup('hello');
    server.checksums = true;
    const checksum = remoteOps(fs).checksum;
    expect(await verifyTransfer({ fs, localPath: local, remotePath: '/f', checksum })).toEqual({ verified: 'checksum', algorithm: 'sha256', size: 5 });
    server.put('/f', 'jello');
    await expect(verifyTransfer({ fs, localPath: local, remotePath: '/f', checksum })).rejects.toThrow(/Checksum mismatch/);
  });

  it('falls back to size when the server refuses to hash (and says so)', async () => {
    const { local, fs } = await setup('hello');
    const notes: string[] = [];
    const refusing: ChecksumSource = async () => Promise.reject(new FerryError('PROTOCOL', '504 Not for this file'));
    expect(await verifyTransfer({ fs, localPath: local, remotePath: '/f', checksum: refusing, log: (t) => notes.push(t) })).toMatchObject({ verified: 'size' });
    expect(notes[0]).toMatch(/504/);
  });
});

describe('hashLocalFile', () => {
  it('matches the servers\' formats', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-hash-'));
    await writeFile(join(dir, 'f'), '123456789');
    expect(await hashLocalFile(join(dir, 'f'), 'crc32')).toBe('cbf43926');
    expect(await hashLocalFile(join(dir, 'f'), 'md5')).toBe(createHash('md5').update('123456789').digest('hex'));
    expect(await hashLocalFile(join(dir, 'f'), 'sha256')).toBe(createHash('sha256').update('123456789').digest('hex'));
  });
});
