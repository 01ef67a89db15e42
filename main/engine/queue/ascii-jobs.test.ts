/**
 * ASCII transfers in the queue: which jobs go as ASCII (FTP sites only, by
 * transfer type and extension), settings validation and old `queue.json`
 * files, no resume, and verification by the LF-normalised size.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemas } from '../../../shared/ipc/schemas.js';
import { DEFAULT_ASCII_EXTENSIONS, DEFAULT_QUEUE_SETTINGS, type TransferJob } from '../../../shared/model/transfer.js';
import type { TransferFs } from '../remote-fs.js';
import { tempDirPerTest } from '../testing/temp-dir-per-test.js';
import { jobIsAscii, jobsFor, type AddRequest } from './add-jobs.js';
import { jobSchema, settingsSchema, storedQueueSchema } from './queue-schema.js';
import { resumeOffset } from './run-context.js';
import { verifyTransfer } from './verify.js';

const upload = (protocol?: AddRequest['protocol']): AddRequest => ({ direction: 'upload', siteKey: 'k', localPath: '/l', remoteDir: '/r', protocol });
const auto = { transferType: 'auto', asciiExtensions: ['txt', 'html'] } as const;

/** The default settings as a queue.json written before ASCII transfers existed holds them. */
function oldSettings(): Record<string, unknown> {
  const old: Record<string, unknown> = { ...DEFAULT_QUEUE_SETTINGS };
  delete old.transferType;
  delete old.asciiExtensions;
  return old;
}

describe('which jobs go as ASCII', () => {
  it('FTP-family sites follow the transfer type; auto goes by the source extension', () => {
    for (const protocol of ['ftp', 'ftpes', 'ftps', 'ftp-plain'] as const) {
      expect(jobIsAscii(upload(protocol), 'file', '/l/Notes.TXT', auto)).toBe(true);
      expect(jobIsAscii(upload(protocol), 'file', '/l/a.bin', auto)).toBe(false);
    }
    expect(jobIsAscii(upload('ftp'), 'file', '/l/a.bin', { transferType: 'ascii', asciiExtensions: [] })).toBe(true);
    expect(jobIsAscii(upload('ftp'), 'file', '/l/a.txt', { transferType: 'binary', asciiExtensions: ['txt'] })).toBe(false);
  });

  it('never for SFTP, an unknown protocol or folders', () => {
    const ascii = { transferType: 'ascii', asciiExtensions: [] } as const;
    expect(jobIsAscii(upload('sftp'), 'file', '/l/a.txt', ascii)).toBe(false);
    expect(jobIsAscii(upload(), 'file', '/l/a.txt', ascii)).toBe(false);
    expect(jobIsAscii(upload('ftp'), 'folder', '/l/dir.txt', ascii)).toBe(false);
  });

  it('jobsFor decides per item: uploads by the local name, downloads by the remote name', () => {
    const items = [
      { kind: 'folder' as const, localPath: '/l/site', remotePath: '/r/site', size: null, modified: null },
      { kind: 'file' as const, localPath: '/l/site/index.html', remotePath: '/r/site/index.html', size: 1, modified: null },
      { kind: 'file' as const, localPath: '/l/site/logo.png', remotePath: '/r/site/logo.png', size: 1, modified: null },
    ];
    expect(jobsFor(upload('ftp'), { items, refused: [] }, auto).map((j) => j.ascii)).toEqual([false, true, false]);
    const download: AddRequest = { direction: 'download', siteKey: 'k', remotePath: '/r/site', localDir: '/l', protocol: 'ftps' };
    const renamed = items.map((i) => ({ ...i, localPath: `${i.localPath}.local` }));
    expect(jobsFor(download, { items: renamed, refused: [] }, auto).map((j) => j.ascii)).toEqual([false, true, false]);
    expect(jobsFor({ ...download, protocol: 'sftp' }, { items, refused: [] }, auto).map((j) => j.ascii)).toEqual([false, false, false]);
  });
});

describe('ASCII settings validation', () => {
  it('accepts the defaults and fills them in for a queue.json written before ASCII existed', () => {
    const parsed = settingsSchema.parse(oldSettings());
    expect(parsed.transferType).toBe('binary');
    expect(parsed.asciiExtensions).toEqual(DEFAULT_ASCII_EXTENSIONS);
    expect(settingsSchema.parse({ ...DEFAULT_QUEUE_SETTINGS, transferType: 'auto', asciiExtensions: ['txt'] })).toMatchObject({ transferType: 'auto', asciiExtensions: ['txt'] });
  });

  it('refuses bad transfer types and extensions (dots, upper case, too long, too many)', () => {
    for (const bad of [{ transferType: 'text' }, { asciiExtensions: ['.txt'] }, { asciiExtensions: ['TXT'] }, { asciiExtensions: ['a'.repeat(17)] }, { asciiExtensions: [''] }, { asciiExtensions: Array.from({ length: 201 }, (_, i) => `e${i}`) }]) {
      expect(settingsSchema.safeParse({ ...DEFAULT_QUEUE_SETTINGS, ...bad }).success).toBe(false);
      expect(schemas['queue.updateSettings'].safeParse(bad).success).toBe(false);
    }
    expect(schemas['queue.updateSettings'].safeParse({ transferType: 'ascii', asciiExtensions: ['txt', 'h', 'c'] }).success).toBe(true);
    expect(schemas['queue.updateSettings'].safeParse({ asciiExtensions: Array.from({ length: 200 }, (_, i) => `e${i}`) }).success).toBe(true);
  });

  it('reads old jobs as binary', () => {
    const job: Omit<TransferJob, 'ascii'> = {
      id: 'a', kind: 'file', direction: 'upload', siteKey: 'k', localPath: '/l/a.txt', remotePath: '/r/a.txt', size: 1, modified: null,
      transferred: 0, state: { status: 'queued' }, order: 1, conflictAction: null, attempts: 0, interrupted: false,
    };
    expect(jobSchema.parse(job).ascii).toBe(false);
    expect(jobSchema.parse({ ...job, ascii: true }).ascii).toBe(true);
    const stored = storedQueueSchema.parse({ version: 1, active: true, settings: oldSettings(), jobs: [job] });
    expect(stored.jobs[0]?.ascii).toBe(false);
    expect(stored.settings.transferType).toBe('binary');
  });
});

describe('ASCII jobs in a run', () => {
  const dir = tempDirPerTest('ferry-ascii-jobs-');

  it('never resume', () => {
    const job = { ascii: true, interrupted: false, transferred: 0 } as TransferJob;
    expect(resumeOffset(50, 100, job, false)).toBe(0);
    expect(resumeOffset(50, 100, { ...job, ascii: false }, false)).toBe(50);
  });

  it('verify the remote size against the local size with CRLF counted as LF, by size only', async () => {
    const path = join(dir(), 'a.txt');
    await writeFile(path, 'one\r\ntwo\r\n');
    const fs = { size: async () => 8 } as unknown as TransferFs;
    const checksum = async (): Promise<never> => {
      throw new Error('not for ASCII');
    };
    await expect(verifyTransfer({ fs, localPath: path, remotePath: '/a.txt', checksum, ascii: true })).resolves.toEqual({ verified: 'size', size: 8 });
    await expect(verifyTransfer({ fs, localPath: path, remotePath: '/a.txt', checksum: null })).rejects.toMatchObject({ name: 'VerificationError' });
    await expect(verifyTransfer({ fs, localPath: path, remotePath: '/a.txt', remoteSize: 10, checksum: null, ascii: true })).rejects.toMatchObject({
      name: 'VerificationError',
      message: expect.stringContaining('CRLF counted as LF'),
    });
  });
});
