import { describe, expect, it } from 'vitest';
import {
  ASCII_EXTENSION_PATTERN,
  CONFLICT_ACTIONS,
  DEFAULT_ASCII_EXTENSIONS,
  DEFAULT_QUEUE_SETTINGS,
  isAsciiFile,
  MAX_ASCII_EXTENSIONS,
  MAX_CONCURRENCY,
  MIN_CONCURRENCY,
  type TransferState,
} from './transfer.js';

describe('transfer model', () => {
  it('defaults to 4 transfers, temp names, checksums and times on, and asking about conflicts', () => {
    expect(DEFAULT_QUEUE_SETTINGS.concurrency).toBe(4);
    expect(DEFAULT_QUEUE_SETTINGS.concurrency).toBeGreaterThanOrEqual(MIN_CONCURRENCY);
    expect(DEFAULT_QUEUE_SETTINGS.concurrency).toBeLessThanOrEqual(MAX_CONCURRENCY);
    expect(DEFAULT_QUEUE_SETTINGS).toMatchObject({ tempNames: true, verifyChecksums: true, preserveTimes: true, defaultConflictAction: 'ask' });
  });

  it('offers FileZilla\'s six "file exists" answers', () => {
    expect(CONFLICT_ACTIONS).toEqual(['overwrite', 'overwrite-if-newer', 'overwrite-if-size-differs', 'resume', 'rename', 'skip']);
  });

  it('is plain JSON (it crosses IPC and lives in queue.json)', () => {
    const state: TransferState = { status: 'done', verified: 'checksum', algorithm: 'sha256' };
    expect(JSON.parse(JSON.stringify({ state, settings: DEFAULT_QUEUE_SETTINGS }))).toEqual({ state, settings: DEFAULT_QUEUE_SETTINGS });
  });

  it('transfers binary by default; the ASCII extensions are valid, lower case and dot-free', () => {
    expect(DEFAULT_QUEUE_SETTINGS.transferType).toBe('binary');
    expect(DEFAULT_ASCII_EXTENSIONS).toEqual(expect.arrayContaining(['txt', 'html', 'css', 'js', 'json', 'xml', 'csv', 'md', 'php', 'py', 'sh', 'svg', 'sql']));
    expect(DEFAULT_ASCII_EXTENSIONS.length).toBeLessThanOrEqual(MAX_ASCII_EXTENSIONS);
    for (const ext of DEFAULT_ASCII_EXTENSIONS) expect(ext).toMatch(ASCII_EXTENSION_PATTERN);
    expect(new Set(DEFAULT_ASCII_EXTENSIONS).size).toBe(DEFAULT_ASCII_EXTENSIONS.length);
  });

  it('chooses ASCII by the transfer type, and under auto by the extension, case-insensitively', () => {
    const exts = ['txt', 'html'];
    expect(isAsciiFile('/a/b.bin', 'ascii', exts)).toBe(true);
    expect(isAsciiFile('/a/b.txt', 'binary', exts)).toBe(false);
    expect(isAsciiFile('/a/b.txt', 'auto', exts)).toBe(true);
    expect(isAsciiFile('/a/INDEX.HTML', 'auto', exts)).toBe(true);
    expect(isAsciiFile('C:\\docs\\Read.Me.TxT', 'auto', exts)).toBe(true);
    expect(isAsciiFile('/a/b.bin', 'auto', exts)).toBe(false);
    expect(isAsciiFile('/a/txt', 'auto', exts)).toBe(false);
    expect(isAsciiFile('/a/.txt', 'auto', exts)).toBe(false);
    expect(isAsciiFile('/a/b.txt.', 'auto', exts)).toBe(false);
    expect(isAsciiFile('/a.txt/b', 'auto', exts)).toBe(false);
    expect(isAsciiFile('/a/b.txt.gz', 'auto', exts)).toBe(false);
  });
});
