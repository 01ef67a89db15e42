/**
 * The one file-system interface the services talk to. Every protocol adapter
 * (FTP, later FTPS and SFTP) and the local disk implement it, so the panes,
 * the queue and file operations never branch on protocol.
 */
import type { Entry, Listing } from '../../shared/model/entry.js';
import type { PathStyle } from '../../shared/model/session.js';
import type { ChecksumAlgorithm } from '../../shared/model/transfer.js';
import type { SourceFacts } from './source-check.js';

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
  /**
   * Speed limit: awaited with a chunk's size before that chunk is moved (FTP
   * per read/write of the local file, SFTP per READ/WRITE request before it is
   * sent, local copies per block). The transfer queue passes its shared token
   * bucket here (speed-limiter.ts), so one limit holds across all connections.
   * A rejection (the queue's abort) stops the transfer as cancelled.
   */
  readonly throttle?: (bytes: number) => Promise<void>;
  /**
   * FTP only: transfer as text (`TYPE A`, back to `TYPE I` after), newlines
   * converted — CRLF on the wire, the local convention on disk. Cannot resume:
   * `offset` must be 0. SFTP and local copies ignore it (always binary).
   */
  readonly ascii?: boolean;
  /**
   * Uploads: the modification time (ms) to give the target as part of the
   * transfer, where the protocol can do it without another round trip (SFTP:
   * FSETSTAT on the open handle, sent with the final FSTAT and CLOSE). FTP
   * and local copies ignore it; `TransferResult.modifiedSet` tells.
   */
  readonly modified?: number;
  /**
   * Uploads: the local file's size and time as the caller measured them
   * earlier. The adapter compares them with the file it opens, before sending
   * anything, and rejects with `SourceChangedError` (source-check.ts) when
   * they differ. Lets the queue skip measuring again a file it just listed.
   */
  readonly source?: SourceFacts;
}

export interface TransferResult {
  /** Bytes moved by this call. */
  readonly bytes: number;
  /**
   * Uploads: the size the server reported after the transfer, already found
   * equal to what was sent (the queue needs not ask again). Absent when the
   * server cannot tell (no SIZE) or for local copies.
   */
  readonly remoteSize?: number;
  /** Uploads: true when `TransferOptions.modified` was set on the target (false or absent: not done, e.g. refused). */
  readonly modifiedSet?: boolean;
}

/** A file system that can also move file contents (every remote adapter; the queue builds on this). */
export interface TransferFs extends RemoteFs {
  /**
   * True when an interrupted upload may leave the remote file with holes
   * below its size (SFTP writes chunks out of order): its size is then no
   * resume point, only the bytes the transfer reported as done are.
   */
  readonly uploadsMayLeaveHoles?: boolean;
  /** Size in bytes of a remote file, or null when it does not exist. */
  size(path: string): Promise<number | null>;
  /**
   * Copies a remote file to a local path; rejects with `CANCELLED` when
   * aborted. On success the local file holds exactly `offset + bytes` bytes.
   */
  download(remotePath: string, localPath: string, options?: TransferOptions): Promise<TransferResult>;
  /**
   * Copies a local file to a remote path. Resolves only when the server
   * confirmed the upload and the remote size equals the local size (vsftpd +
   * TLS 1.3 can truncate an upload and still be asked for "done").
   */
  upload(localPath: string, remotePath: string, options?: TransferOptions): Promise<TransferResult>;
}

/** A digest the server (or the local disk) computed: lowercase hex. */
export interface FileChecksum {
  readonly algorithm: ChecksumAlgorithm;
  readonly hex: string;
}

export interface RenameOptions {
  /** Replace an existing file at the target instead of failing with ALREADY_EXISTS. */
  readonly replace?: boolean;
}

/**
 * The file-operation primitives every adapter offers (FTP/FTPS, SFTP, local),
 * for the file-operations feature and the transfer queue. Each is one step:
 * recursion, progress and per-item failure reporting are the caller's.
 * Names about to be created are checked with `assertSafeName` (safe-name.ts)
 * before any request is sent (INVALID_PARAMS).
 */
export interface FileOpsFs extends TransferFs {
  /** The entry at a path (following nothing: a link is reported as a link), or null when it does not exist. */
  stat(path: string): Promise<Entry | null>;
  /** Creates one folder; ALREADY_EXISTS when something is there. */
  mkdir(path: string): Promise<void>;
  /**
   * Renames/moves within the same side; ALREADY_EXISTS when the target exists
   * (never silently overwrite) — unless `replace: true` is passed, which
   * replaces an existing target FILE (the queue's temp-name uploads after the
   * user chose to overwrite).
   */
  rename(from: string, to: string, options?: RenameOptions): Promise<void>;
  /** Deletes a file or a link (not a folder). */
  removeFile(path: string): Promise<void>;
  /** Deletes an EMPTY folder (recursion is the caller's job, so it can report progress and per-item failures). */
  removeDir(path: string): Promise<void>;
  /** Sets permission bits (FTP `SITE CHMOD`, SFTP chmod/setstat); UNSUPPORTED when the server has no such command. */
  chmod(path: string, mode: number): Promise<void>;
  /**
   * A file's exact modification time (ms, UTC) with one cheap request: FTP
   * MDTM (RFC 3659 §3), SFTP stat, local stat. Null when the file is missing
   * or the server cannot tell (no MDTM). Cheaper than `stat` on FTP, which
   * lists the whole parent folder.
   */
  modifiedTime(path: string): Promise<number | null>;
  /** Sets the modification time (FTP MFMT, else `SITE UTIME`; SFTP setstat; local utimes); false when the server cannot. */
  setModifiedTime(path: string, mtimeMs: number): Promise<boolean>;
  /** Server-side checksum if offered (FTP HASH / XSHA256 / XSHA1 / XMD5 / XCRC — proftpd with mod_digest answers; multi-line 213 replies); null when unsupported. SFTP: null. Local: compute it. */
  checksum(path: string, algorithms: readonly ChecksumAlgorithm[]): Promise<FileChecksum | null>;
  /** Creates an empty file (fails ALREADY_EXISTS when one is there). */
  createEmptyFile(path: string): Promise<void>;
}
