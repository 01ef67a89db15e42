/**
 * The transfer queue as the renderer mirrors it. The queue itself lives in
 * main (`main/engine/queue`); the renderer receives one snapshot on start or
 * reload, then `TransferProgressBatch`es carrying only the jobs that changed,
 * a few times a second, so 10,000 queued files never mean 10,000 messages.
 *
 * Pure data: everything here is JSON-serialisable, because it crosses IPC and
 * is what `queue.json` holds between runs.
 */
import type { FerryErrorCode } from '../errors.js';

export type TransferDirection = 'upload' | 'download';

/** A file is copied; a folder job creates the folder (keeps empty folders and the tree's shape). */
export type TransferKind = 'file' | 'folder';

/**
 * FileZilla's answers to "the target file already exists" (its
 * `fileexistsdlg`): overwrite, overwrite if the source is newer, overwrite if
 * the sizes differ, resume, rename (to a free name), skip.
 */
export const CONFLICT_ACTIONS = ['overwrite', 'overwrite-if-newer', 'overwrite-if-size-differs', 'resume', 'rename', 'skip'] as const;
export type ConflictAction = (typeof CONFLICT_ACTIONS)[number];

/** The queue's default when a target exists: one of the actions, or ask the user. */
export type ConflictDefault = ConflictAction | 'ask';

/** Checksums a server may offer (HASH / XSHA256 / XSHA1 / XMD5 / XCRC). */
export const CHECKSUM_ALGORITHMS = ['sha256', 'sha1', 'md5', 'crc32'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** How a finished job was checked: sizes compared, a checksum compared, or (folders) the folder exists. */
export type VerifyMethod = 'size' | 'checksum' | 'exists';

/** What a running job is doing right now, for the status column. */
export type RunningPhase = 'connecting' | 'checking' | 'transferring' | 'verifying';

/**
 * A job's life. `queued` → `running` → `done` | `failed` | `skipped`; the
 * user can move any unfinished job to `paused` or `cancelled`. A transient
 * failure goes back to `queued` with `retryAt` until the retries run out.
 */
export type TransferState =
  | { readonly status: 'queued'; readonly retryAt?: number | undefined; readonly lastError?: string | undefined }
  | {
      readonly status: 'running';
      readonly phase: RunningPhase;
      /** Bytes per second, smoothed over the last seconds. */
      readonly speed: number;
      /** Seconds left at the current speed; null when unknown. */
      readonly eta: number | null;
    }
  | { readonly status: 'paused' }
  | { readonly status: 'done'; readonly verified: VerifyMethod; readonly algorithm?: ChecksumAlgorithm | undefined }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly code: FerryErrorCode; readonly message: string; readonly attempts: number }
  | { readonly status: 'cancelled' };

export type TransferStatus = TransferState['status'];

/** Statuses a job never leaves on its own (only `retry` or `clearDone` touch them). */
export const FINISHED_STATUSES: readonly TransferStatus[] = ['done', 'skipped', 'failed', 'cancelled'];

export interface TransferJob {
  readonly id: string;
  readonly kind: TransferKind;
  readonly direction: TransferDirection;
  /** Which pool of connections serves it (a site id, or a quick-connect key). */
  readonly siteKey: string;
  /** Absolute local path of the file or folder (source of an upload, target of a download). */
  readonly localPath: string;
  /** Absolute remote path (target of an upload, source of a download). */
  readonly remotePath: string;
  /** Source size in bytes when known (null for folders and unknown sizes). */
  readonly size: number | null;
  /** Source modification time (ms since the epoch, UTC) when known; preserved on the target. */
  readonly modified: number | null;
  /** Bytes present at the target (resumed bytes included). */
  readonly transferred: number;
  readonly state: TransferState;
  /** Position in the queue: lower runs first. */
  readonly order: number;
  /** The answer to "file exists" for this job, once chosen; null = the queue's default (or ask). */
  readonly conflictAction: ConflictAction | null;
  /** Failed attempts so far (reset by `retry`). */
  readonly attempts: number;
  /**
   * True when the job was running when Ferry last stopped without a clean
   * shutdown: the partial file may hold out-of-order bytes (SFTP writes in
   * parallel) beyond `transferred`, so the resume point is capped by it.
   */
  readonly interrupted: boolean;
  /**
   * Transferred as text (FTP `TYPE A`, newlines converted; never resumed),
   * decided when the job was added from the queue's `transferType`. Always
   * false for SFTP sites and folders.
   */
  readonly ascii: boolean;
}

/**
 * FTP transfer type (FileZilla's "Transfer type"): binary (`TYPE I`, bytes as
 * they are), ASCII (`TYPE A`, RFC 959 §3.1.1.1: CRLF on the wire, each side's
 * own newlines on disk), or by the file's extension (`asciiExtensions`).
 * SFTP always transfers binary.
 */
export const TRANSFER_TYPES = ['binary', 'ascii', 'auto'] as const;
export type TransferType = (typeof TRANSFER_TYPES)[number];

/** Extensions `auto` sends as ASCII (FileZilla-like): lower case, without the dot. */
export const DEFAULT_ASCII_EXTENSIONS: readonly string[] = [
  'am', 'asp', 'bat', 'c', 'cfg', 'cgi', 'cmd', 'conf', 'cpp', 'css', 'csv', 'dhtml', 'diz', 'h', 'hpp', 'htm', 'html', 'in', 'inc', 'ini',
  'java', 'js', 'json', 'jsp', 'log', 'lua', 'm4', 'mak', 'md', 'nfo', 'nsi', 'pas', 'patch', 'php', 'phtml', 'pl', 'po', 'pot', 'py', 'qmail',
  'rb', 'sh', 'shtml', 'sql', 'svg', 'tcl', 'tpl', 'txt', 'text', 'vbs', 'xhtml', 'xml', 'yaml', 'yml',
];

/** An extension as `asciiExtensions` holds it. */
export const ASCII_EXTENSION_PATTERN = /^[a-z0-9]{1,16}$/;
export const MAX_ASCII_EXTENSIONS = 200;

/**
 * Whether a file goes as ASCII under `transferType`: `auto` looks at the
 * extension of the last path segment, case-insensitively (a leading dot alone,
 * as in `.profile`, is no extension).
 */
export function isAsciiFile(path: string, transferType: TransferType, extensions: readonly string[]): boolean {
  if (transferType !== 'auto') return transferType === 'ascii';
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return false;
  return extensions.includes(name.slice(dot + 1).toLowerCase());
}

/** Per-site overrides of the queue settings. */
export interface SiteTransferSettings {
  /** Most connections the queue opens to this site; null = `perSiteLimit`. */
  readonly maxConnections?: number | null | undefined;
  /** Upload under a temporary name and rename when verified; absent = the queue's `tempNames`. */
  readonly tempNames?: boolean | undefined;
}

export interface QueueSettings {
  /** Transfers at once over all sites, 1–32. */
  readonly concurrency: number;
  /** Connections per site, 1–32 (a server's `421 Too many connections` lowers it further for the session). */
  readonly perSiteLimit: number;
  /** Automatic retries of a transient failure, 0–99. */
  readonly retries: number;
  /** Bytes per second over all downloads / all uploads; null = unlimited. */
  readonly downloadLimit: number | null;
  readonly uploadLimit: number | null;
  /** Write to a temporary name and rename when complete and verified. */
  readonly tempNames: boolean;
  /** Compare checksums when the server offers one (costs a read of both files). */
  readonly verifyChecksums: boolean;
  /** Keep the source's modification time on the target. */
  readonly preserveTimes: boolean;
  readonly defaultConflictAction: ConflictDefault;
  /** FTP transfer type for new jobs (see `TransferType`); SFTP ignores it. */
  readonly transferType: TransferType;
  /** Extensions sent as ASCII when `transferType` is `auto`: lower case, no dot, `ASCII_EXTENSION_PATTERN`, at most `MAX_ASCII_EXTENSIONS`. */
  readonly asciiExtensions: readonly string[];
  readonly sites: Readonly<Record<string, SiteTransferSettings>>;
}

export const MIN_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 32;
export const MAX_RETRIES = 99;

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  concurrency: 4,
  perSiteLimit: 4,
  retries: 5,
  downloadLimit: null,
  uploadLimit: null,
  tempNames: true,
  verifyChecksums: true,
  preserveTimes: true,
  defaultConflictAction: 'ask',
  transferType: 'binary',
  asciiExtensions: DEFAULT_ASCII_EXTENSIONS,
  sites: {},
};

/** Counts and bytes over the whole queue, for the status bar. */
export interface QueueTotals {
  readonly jobs: number;
  readonly byStatus: Readonly<Record<TransferStatus, number>>;
  /** Bytes of all files with a known size, and how many of them are at the target. */
  readonly bytesTotal: number;
  readonly bytesDone: number;
  /** Sum of the running jobs' speeds, bytes per second. */
  readonly speed: number;
}

export interface QueueSnapshot {
  /** Increases with every batch; a batch with `seq <= snapshot.seq` is already included. */
  readonly seq: number;
  /** False while the whole queue is stopped (`pause()` without ids). */
  readonly active: boolean;
  readonly jobs: readonly TransferJob[];
  readonly settings: QueueSettings;
  readonly totals: QueueTotals;
}

/** One progress event: every job that changed since the previous batch, in full. */
export interface TransferProgressBatch {
  readonly seq: number;
  readonly active: boolean;
  readonly changed: readonly TransferJob[];
  /** Jobs removed from the queue (`clearDone`, `remove`). */
  readonly removed: readonly string[];
  readonly totals: QueueTotals;
}

/** One side of a file-exists conflict. */
export interface ConflictSide {
  readonly path: string;
  readonly size: number | null;
  readonly modified: number | null;
}

/** "The target file already exists": what the user sees. */
export interface ConflictQuestion {
  readonly jobId: string;
  readonly direction: TransferDirection;
  readonly source: ConflictSide;
  readonly target: ConflictSide;
  /** A free name beside the target, for the "rename" choice. */
  readonly suggestedName: string;
}

export interface ConflictAnswer {
  readonly action: ConflictAction;
  /** Use this action for every later conflict of this queue (same direction). */
  readonly applyToAll: boolean;
  /** For `rename`: the name chosen (a plain file name, not a path); the suggestion when absent. */
  readonly newName?: string | undefined;
}
