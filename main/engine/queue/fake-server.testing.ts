/**
 * Test support only: an in-memory "server" and connections to it that
 * implement `QueueFs` like the real adapters do (positional resume, abort,
 * progress, the throttle hook), with knobs for failures: a connection limit
 * answered like pure-ftpd's 421, and a per-chunk hook that can delay or throw.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { FerryError } from '../../../shared/errors.js';
import type { Entry, Listing } from '../../../shared/model/entry.js';
import type { ChecksumAlgorithm } from '../../../shared/model/transfer.js';
import type { RenameOptions, TransferOptions, TransferResult } from '../remote-fs.js';
import { remoteBasename, remoteDirname } from './paths.js';
import type { QueueFs } from './queue-fs.js';
import { checkSource } from '../source-check.js';

export const CHUNK = 64 * 1024;

export interface ChunkInfo {
  readonly op: 'upload' | 'download';
  readonly path: string;
  readonly pos: number;
  readonly connection: number;
}

export interface RemoteFile {
  data: Buffer;
  mtime: number;
}

/** An FTPError-like cause, so `ftpReplyCode` sees a reply code. */
export function replyFailure(code: number, text: string, ferryCode: FerryError['code'] = 'PROTOCOL'): FerryError {
  return new FerryError(ferryCode, `${code} ${text}`, { cause: Object.assign(new Error(`${code} ${text}`), { code }), retryable: code < 500 });
}

export class FakeServer {
  readonly files = new Map<string, RemoteFile>();
  readonly dirs = new Set<string>(['/']);
  maxConnections = Number.POSITIVE_INFINITY;
  live = 0;
  opened = 0;
  refused = 0;
  peakLive = 0;
  /** Offer checksums (like proftpd) or not (like vsftpd). */
  checksums = false;
  /** Allow MFMT-like time setting (vsftpd cannot). */
  canSetTimes = true;
  /** Called before each chunk moves; may delay or throw to simulate failures. */
  onChunk: (info: ChunkInfo) => void | Promise<void> = () => {};
  readonly calls: { op: 'upload' | 'download'; path: string; offset: number; bytes: number }[] = [];
  /** Metadata requests by kind (`size`, `stat`, `modifiedTime`, `list`): what the queue asks beyond the transfers. */
  readonly asked = new Map<string, number>();

  count(kind: string): void {
    this.asked.set(kind, (this.asked.get(kind) ?? 0) + 1);
  }

  put(path: string, data: Buffer | string, mtime = Date.UTC(2020, 0, 2, 3, 4, 5)): void {
    this.files.set(path, { data: Buffer.from(data), mtime });
    for (let dir = remoteDirname(path); !this.dirs.has(dir); dir = remoteDirname(dir)) this.dirs.add(dir);
  }

  /** Opens a connection, or refuses with 421 like pure-ftpd over its `-c` limit. */
  async connect(): Promise<FakeFs> {
    if (this.live >= this.maxConnections) {
      this.refused++;
      throw replyFailure(421, `Too many connections (${this.maxConnections}) from this IP`, 'CONNECTION_LOST');
    }
    this.live++;
    this.opened++;
    this.peakLive = Math.max(this.peakLive, this.live);
    return new FakeFs(this, this.opened);
  }
}

export class FakeFs implements QueueFs {
  readonly pathStyle = 'posix' as const;
  private closed = false;

  constructor(
    private readonly server: FakeServer,
    readonly connection: number,
  ) {}

  async list(path: string): Promise<Listing> {
    this.server.count('list');
    if (!this.server.dirs.has(path)) throw new FerryError(this.server.files.has(path) ? 'NOT_A_DIRECTORY' : 'NOT_FOUND', `Cannot open ${path}`);
    const entries: Entry[] = [];
    const base = { permissions: null, owner: null, group: null, linkTarget: null };
    for (const dir of this.server.dirs) if (dir !== path && remoteDirname(dir) === path) entries.push({ ...base, name: remoteBasename(dir), type: 'dir', size: null, modified: null });
    for (const [file, info] of this.server.files) {
      if (remoteDirname(file) === path) entries.push({ ...base, name: remoteBasename(file), type: 'file', size: info.data.length, modified: info.mtime });
    }
    return { path, entries, skipped: 0 };
  }

  async size(path: string): Promise<number | null> {
    this.server.count('size');
    return this.server.files.get(path)?.data.length ?? null;
  }

  async download(remotePath: string, localPath: string, options: TransferOptions = {}): Promise<TransferResult> {
    const file = this.server.files.get(remotePath);
    if (!file) throw replyFailure(550, 'No such file', 'NOT_FOUND');
    const offset = options.offset ?? 0;
    const handle = await open(localPath, offset > 0 ? 'r+' : 'w');
    let moved = 0;
    try {
      for (let pos = offset; pos < file.data.length; pos += CHUNK) {
        const chunk = file.data.subarray(pos, Math.min(file.data.length, pos + CHUNK));
        await this.beforeChunk('download', remotePath, pos, chunk.length, options);
        await handle.write(chunk, 0, chunk.length, pos);
        moved += chunk.length;
        options.onProgress?.(moved);
      }
      await handle.truncate(offset + moved);
      return { bytes: moved };
    } finally {
      await handle.close();
      this.server.calls.push({ op: 'download', path: remotePath, offset, bytes: moved });
    }
  }

  async upload(localPath: string, remotePath: string, options: TransferOptions = {}): Promise<TransferResult> {
    if (!this.server.dirs.has(remoteDirname(remotePath))) throw replyFailure(553, 'Could not create file', 'PERMISSION_DENIED');
    const offset = options.offset ?? 0;
    if (options.source) checkSource(localPath, options.source, await stat(localPath));
    const source = await readFile(localPath);
    const existing = this.server.files.get(remotePath);
    const target: RemoteFile = { data: Buffer.from((existing?.data ?? Buffer.alloc(0)).subarray(0, offset)), mtime: Date.now() };
    this.server.files.set(remotePath, target);
    let moved = 0;
    try {
      for (let pos = offset; pos < source.length; pos += CHUNK) {
        const chunk = source.subarray(pos, Math.min(source.length, pos + CHUNK));
        await this.beforeChunk('upload', remotePath, pos, chunk.length, options);
        target.data = Buffer.concat([target.data, chunk]);
        moved += chunk.length;
        options.onProgress?.(moved);
      }
      // Like the adapters: the size the server holds after the upload, checked against what was sent.
      return { bytes: moved, remoteSize: target.data.length };
    } finally {
      this.server.calls.push({ op: 'upload', path: remotePath, offset, bytes: moved });
    }
  }

  /** Like the adapters' `FileOpsFs`: ALREADY_EXISTS when something is there. */
  async mkdir(path: string): Promise<void> {
    if (this.server.files.has(path) || this.server.dirs.has(path)) throw new FerryError('ALREADY_EXISTS', `Cannot create the folder ${path}: something with that name already exists`);
    if (!this.server.dirs.has(remoteDirname(path))) throw replyFailure(550, 'No such file or directory', 'NOT_FOUND');
    this.server.dirs.add(path);
  }

  async stat(path: string): Promise<Entry | null> {
    this.server.count('stat');
    const base = { name: remoteBasename(path), permissions: null, owner: null, group: null, linkTarget: null };
    if (this.server.dirs.has(path)) return { ...base, type: 'dir', size: null, modified: null };
    const file = this.server.files.get(path);
    return file ? { ...base, type: 'file', size: file.data.length, modified: file.mtime } : null;
  }

  async modifiedTime(path: string): Promise<number | null> {
    this.server.count('modifiedTime');
    return this.server.files.get(path)?.mtime ?? null;
  }

  /** Like the adapters' `FileOpsFs`: ALREADY_EXISTS when the target exists, unless asked to replace a file. */
  async rename(from: string, to: string, options: RenameOptions = {}): Promise<void> {
    const file = this.server.files.get(from);
    if (!file) throw replyFailure(550, 'No such file', 'NOT_FOUND');
    if (this.server.dirs.has(to) || (this.server.files.has(to) && options.replace !== true)) throw new FerryError('ALREADY_EXISTS', `Cannot rename ${from} to ${to}: something with that name already exists`);
    this.server.files.delete(from);
    this.server.files.set(to, file);
  }

  async removeFile(path: string): Promise<void> {
    if (!this.server.files.delete(path)) throw replyFailure(550, 'No such file', 'NOT_FOUND');
  }

  async setModifiedTime(path: string, modified: number): Promise<boolean> {
    const file = this.server.files.get(path);
    if (!file) throw replyFailure(550, 'No such file', 'NOT_FOUND');
    if (!this.server.canSetTimes) return false;
    file.mtime = Math.floor(modified / 1000) * 1000;
    return true;
  }

  async checksum(path: string, algorithms: readonly ChecksumAlgorithm[]): Promise<{ algorithm: ChecksumAlgorithm; hex: string } | null> {
    const file = this.server.files.get(path);
    if (!file) throw replyFailure(550, 'No such file', 'NOT_FOUND');
    if (!this.server.checksums || !algorithms.includes('sha256')) return null;
    return { algorithm: 'sha256', hex: createHash('sha256').update(file.data).digest('hex') };
  }

  async removeDir(path: string): Promise<void> {
    if (!this.server.dirs.delete(path)) throw replyFailure(550, 'No such directory', 'NOT_FOUND');
  }

  async chmod(): Promise<void> {}

  async createEmptyFile(path: string): Promise<void> {
    if (this.server.files.has(path) || this.server.dirs.has(path)) throw new FerryError('ALREADY_EXISTS', `Cannot create ${path}: it already exists`);
    this.server.put(path, '', Date.now());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.server.live--;
  }

  private async beforeChunk(op: 'upload' | 'download', path: string, pos: number, bytes: number, options: TransferOptions): Promise<void> {
    if (options.signal?.aborted) throw new FerryError('CANCELLED', 'Cancelled.');
    await options.throttle?.(bytes);
    await this.server.onChunk({ op, path, pos, connection: this.connection });
    if (options.signal?.aborted) throw new FerryError('CANCELLED', 'Cancelled.');
  }
}
