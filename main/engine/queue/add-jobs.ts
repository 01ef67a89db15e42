/**
 * What the user asked to transfer, turned into new jobs: a local file or
 * folder to a remote folder, or a remote file or folder to a local folder.
 */
import { randomUUID } from 'node:crypto';
import { isFtpFamily, type Protocol } from '../../../shared/model/session.js';
import { isAsciiFile, type ConflictAction, type QueueSettings, type TransferDirection, type TransferJob } from '../../../shared/model/transfer.js';
import type { RemoteFs } from '../remote-fs.js';
import { expandLocal, expandRemote, expandRemoteFile, type Expansion, type RefusedEntry } from './expand-folder.js';

export interface UploadRequest {
  readonly direction: 'upload';
  readonly siteKey: string;
  /** A local file or folder. */
  readonly localPath: string;
  /** The remote folder it goes into (as `remoteDir/<name>`). */
  readonly remoteDir: string;
  readonly conflictAction?: ConflictAction | undefined;
  /** The site's protocol: FTP-family sites may transfer as ASCII (`transferType`); SFTP or unknown: binary. */
  readonly protocol?: Protocol | undefined;
}

export interface DownloadRequest {
  readonly direction: 'download';
  readonly siteKey: string;
  /** A remote file or folder. */
  readonly remotePath: string;
  /** What the pane knows about it; an unknown type is listed to find out. */
  readonly type?: 'file' | 'dir' | undefined;
  readonly size?: number | null | undefined;
  readonly modified?: number | null | undefined;
  /** The local folder it goes into (as `localDir/<name>`). */
  readonly localDir: string;
  readonly conflictAction?: ConflictAction | undefined;
  /** The site's protocol: FTP-family sites may transfer as ASCII (`transferType`); SFTP or unknown: binary. */
  readonly protocol?: Protocol | undefined;
}

export type AddRequest = UploadRequest | DownloadRequest;

export interface AddResult {
  /** Ids of the new jobs, in queue order. */
  readonly ids: readonly string[];
  /** Entries not queued, with why (hostile names, links to folders, devices). */
  readonly refused: readonly RefusedEntry[];
}

export type NewJob = Omit<TransferJob, 'order'>;

/** Lists what a request covers; `withRemote` lends a connection to the request's site for remote listings. */
export async function expandRequest(
  request: AddRequest,
  withRemote: <T>(siteKey: string, use: (fs: RemoteFs) => Promise<T>) => Promise<T>,
  signal?: AbortSignal,
): Promise<Expansion> {
  if (request.direction === 'upload') return expandLocal(request.localPath, request.remoteDir, signal);
  const source = { path: request.remotePath, type: request.type, size: request.size, modified: request.modified };
  if (request.type === 'file') return expandRemoteFile(source, request.localDir);
  return withRemote(request.siteKey, (fs) => expandRemote(fs, source, request.localDir, signal));
}

/** The settings that decide a new job's transfer type. */
export type TypeSettings = Pick<QueueSettings, 'transferType' | 'asciiExtensions'>;

/** Whether a new job goes as ASCII: FTP-family sites only, files only, by `transferType` (`auto`: the source's extension). */
export function jobIsAscii(request: AddRequest, kind: TransferJob['kind'], sourcePath: string, settings: TypeSettings): boolean {
  if (kind !== 'file' || request.protocol === undefined || !isFtpFamily(request.protocol)) return false;
  return isAsciiFile(sourcePath, settings.transferType, settings.asciiExtensions);
}

export function jobsFor(request: AddRequest, expansion: Expansion, settings: TypeSettings): NewJob[] {
  const direction: TransferDirection = request.direction;
  return expansion.items.map((item) => ({
    id: randomUUID(),
    kind: item.kind,
    direction,
    siteKey: request.siteKey,
    localPath: item.localPath,
    remotePath: item.remotePath,
    size: item.size,
    modified: item.modified,
    transferred: 0,
    state: { status: 'queued' },
    conflictAction: request.conflictAction ?? null,
    attempts: 0,
    interrupted: false,
    ascii: jobIsAscii(request, item.kind, direction === 'upload' ? item.localPath : item.remotePath, settings),
  }));
}
