/**
 * Files dropped from the operating system, in the browser host: the page
 * cannot hand main a path, so the bytes travel. Each file is staged with
 * `staging.begin`, its content sent in order with `staging.write` (base64
 * chunks of at most 2 MiB, one file's chunks strictly in sequence, a few files
 * at once), then `staging.commit` queues the uploads of the whole batch into
 * the remote folder. Any failure aborts the batch so main drops its temp files.
 */
import type { FerryApi, ResultOf } from '../../../shared/ipc/contract.js';

/** Bytes per `staging.write` before base64 (main accepts ≤ ~3 MiB decoded). */
export const CHUNK_SIZE = 2 * 1024 * 1024;
/** Files read and sent at the same time. */
export const PARALLEL_FILES = 3;

/** A dropped file and where it sits under the drop (`folder/sub/name.txt`, `/`-separated). */
export interface DroppedFile {
  readonly relativePath: string;
  readonly size: number;
  /** Bytes `[start, end)` of the file. */
  read(start: number, end: number): Promise<ArrayBuffer>;
}

export interface StagingProgressInfo {
  readonly files: number;
  readonly bytesTotal: number;
  readonly bytesDone: number;
}

export interface StageOptions {
  readonly sessionId: string;
  readonly remoteDir: string;
  readonly onProgress?: (progress: StagingProgressInfo) => void;
  readonly chunkSize?: number;
  readonly parallel?: number;
  /** Batch id; random by default. */
  readonly batchId?: string;
}

/** Base64 of bytes, without building one huge string argument. */
export function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  const STEP = 0x8000;
  for (let i = 0; i < bytes.length; i += STEP) binary += String.fromCharCode(...bytes.subarray(i, i + STEP));
  return btoa(binary);
}

/** Chunk boundaries `[start, end)` of a file of `size` bytes (none for an empty file). */
export function chunkRanges(size: number, chunkSize = CHUNK_SIZE): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = 0; start < size; start += chunkSize) ranges.push([start, Math.min(size, start + chunkSize)]);
  return ranges;
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A browser File as a DroppedFile. */
export function fromFile(file: File, relativePath = file.name): DroppedFile {
  return { relativePath, size: file.size, read: (start, end) => file.slice(start, end).arrayBuffer() };
}

/** Stages `files` and queues them. Rejects (after aborting the batch) when any step fails. */
export async function stageFiles(api: FerryApi, files: readonly DroppedFile[], options: StageOptions): Promise<ResultOf<'staging.commit'>> {
  const batchId = options.batchId ?? randomId();
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const parallel = Math.max(1, options.parallel ?? PARALLEL_FILES);
  const bytesTotal = files.reduce((sum, f) => sum + f.size, 0);
  let bytesDone = 0;
  const report = (): void => options.onProgress?.({ files: files.length, bytesTotal, bytesDone });
  report();

  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < files.length) {
      const file = files[next++];
      if (!file) break;
      const { stageId } = await api.call('staging.begin', { batchId, relativePath: file.relativePath, size: file.size });
      for (const [start, end] of chunkRanges(file.size, chunkSize)) {
        if (failed) return;
        const data = toBase64(await file.read(start, end));
        await api.call('staging.write', { stageId, offset: start, data });
        bytesDone += end - start;
        report();
      }
    }
  };

  try {
    const workers = Array.from({ length: Math.min(parallel, files.length) }, () =>
      worker().catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    );
    await Promise.all(workers);
    return await api.call('staging.commit', { batchId, sessionId: options.sessionId, remoteDir: options.remoteDir });
  } catch (error) {
    failed = true;
    await api.call('staging.abort', { batchId }).catch(() => undefined);
    throw error;
  }
}

/* ---- Reading a drop: files and (where the browser allows) whole folders ---- */

interface FsEntry {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
}
interface FsFileEntry extends FsEntry {
  file(success: (file: File) => void, failure?: (error: unknown) => void): void;
}
interface FsDirEntry extends FsEntry {
  createReader(): { readEntries(success: (entries: FsEntry[]) => void, failure?: (error: unknown) => void): void };
}

async function readAll(dir: FsDirEntry): Promise<FsEntry[]> {
  const reader = dir.createReader();
  const all: FsEntry[] = [];
  // readEntries returns batches (Chromium: 100 at a time) until an empty one.
  for (;;) {
    const batch = await new Promise<FsEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FsEntry, prefix: string, out: DroppedFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FsFileEntry).file(resolve, reject));
    out.push(fromFile(file, path));
  } else if (entry.isDirectory) {
    // Empty folders are skipped: staging carries files only.
    for (const child of await readAll(entry as FsDirEntry)) await walk(child, path, out);
  }
}

/**
 * The files of an OS drop with their relative paths, recursing into folders
 * through `webkitGetAsEntry()` when the browser has it; otherwise the plain
 * file list (folders then cannot be read and are left out).
 */
export async function droppedFiles(data: DataTransfer): Promise<DroppedFile[]> {
  const items = [...data.items].filter((item) => item.kind === 'file');
  const entries = items.map((item) => (typeof item.webkitGetAsEntry === 'function' ? (item.webkitGetAsEntry() as FsEntry | null) : null));
  if (entries.length > 0 && entries.every((e) => e !== null)) {
    const out: DroppedFile[] = [];
    for (const entry of entries) if (entry) await walk(entry, '', out);
    return out;
  }
  return [...data.files].map((file) => fromFile(file));
}
