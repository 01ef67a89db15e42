/**
 * The one file-system interface the services talk to. Every protocol adapter
 * (FTP, later FTPS and SFTP) and the local disk implement it, so the panes,
 * the queue and file operations never branch on protocol.
 */
import type { Listing } from '../../shared/model/entry.js';
import type { PathStyle } from '../../shared/model/session.js';

export interface RemoteFs {
  readonly pathStyle: PathStyle;
  /** Lists a folder. Rejects with `NOT_FOUND`, `NOT_A_DIRECTORY` or `PERMISSION_DENIED` as a `FerryError`. */
  list(path: string, signal?: AbortSignal): Promise<Listing>;
  /** Ends the session; safe to call twice. */
  close(): Promise<void>;
}

/** Options shared by downloads and uploads. */
export interface TransferOptions {
  /**
   * Resume position: bytes already present at the destination. A download
   * writes the local file from here on (positional writes, the rest kept); an
   * upload continues the remote file from here (REST+STOR/APPE, SFTP offset writes).
   */
  readonly offset?: number;
  readonly signal?: AbortSignal;
  /** Called with the bytes moved so far by this call (not counting `offset`), at most a few times a second. */
  readonly onProgress?: (bytes: number) => void;
}

export interface TransferResult {
  /** Bytes moved by this call. */
  readonly bytes: number;
}

/** A file system that can also move file contents (every remote adapter; the queue builds on this). */
export interface TransferFs extends RemoteFs {
  /** Size in bytes of a remote file, or null when it does not exist. */
  size(path: string): Promise<number | null>;
  /** Copies a remote file to a local path; rejects with `CANCELLED` when aborted. */
  download(remotePath: string, localPath: string, options?: TransferOptions): Promise<TransferResult>;
  /**
   * Copies a local file to a remote path. Resolves only when the server
   * confirmed the upload and the remote size equals the local size (vsftpd +
   * TLS 1.3 can truncate an upload and still be asked for "done").
   */
  upload(localPath: string, remotePath: string, options?: TransferOptions): Promise<TransferResult>;
}
