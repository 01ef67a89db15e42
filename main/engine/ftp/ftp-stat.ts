/**
 * Reading one folder, and "what is at this path", over one FTP connection.
 *
 * `stat` lists the parent folder and picks the name out of it, on every
 * server, rather than asking MLST (RFC 3659 §7): vsftpd has no MLST, and
 * proftpd's MLST follows a symlink and reports `type=file` for it, while its
 * MLSD and every `LIST` report the link as a link. One listing per stat costs
 * a data connection, which is fine for user-driven file operations; callers
 * stat-ing thousands of files should list the folder once instead.
 */
import { posix } from 'node:path';
import { FerryError } from '../../../shared/errors.js';
import type { Entry } from '../../../shared/model/entry.js';
import type { FerryFtpClient } from './ftp-client.js';
import { mapFtpError } from './ftp-errors.js';
import { parseListing } from './list/parse-listing.js';

export interface FolderRead {
  /** The folder's canonical path, as PWD reported it after CWD. */
  readonly path: string;
  readonly entries: Entry[];
  /** Raw lines that did not parse. */
  readonly skipped: string[];
}

/**
 * CWD into `path`, PWD, then MLSD / LIST -a / LIST. Rejects with a mapped
 * `FerryError` (NOT_FOUND, NOT_A_DIRECTORY, PERMISSION_DENIED, ...).
 */
export async function readFolder(client: FerryFtpClient, path: string, timezone: string): Promise<FolderRead> {
  try {
    await client.cd(path);
  } catch (error) {
    throw await explainCwdFailure(client, path, error);
  }
  const cwd = await client.pwd();
  const raw = await client.listRaw();
  const format = raw.command.startsWith('MLSD') ? 'mlsd' : 'list';
  const parsed = parseListing(raw.text, { format, timezone });
  return { path: cwd, entries: parsed.entries, skipped: parsed.skipped };
}

/**
 * vsftpd answers every failed CWD with the same "550 Failed to change
 * directory", so ask SIZE to tell a file (or a link to one) from a missing path.
 */
async function explainCwdFailure(client: FerryFtpClient, path: string, error: unknown): Promise<FerryError> {
  const mapped = mapFtpError(error, `Cannot open ${path}`);
  if (mapped.code !== 'NOT_FOUND' || client.closed) return mapped;
  const size = await client.sendIgnoringError(client.pathCommand('SIZE', path)).catch(() => null);
  if (size?.code === 213) return new FerryError('NOT_A_DIRECTORY', `${path} is a file, not a folder`, { cause: error });
  return mapped;
}

/** Parent folder and last name of a remote path (`/a/b/` → `/a`, `b`); the root has no name. */
export function splitRemote(path: string): { parent: string; name: string } {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return { parent: posix.dirname(trimmed), name: trimmed === '/' ? '' : posix.basename(trimmed) };
}

/** The entry at `path` as its parent's listing shows it, or null when nothing is there. */
export async function statPath(client: FerryFtpClient, path: string, timezone: string): Promise<Entry | null> {
  const { parent, name } = splitRemote(path);
  if (name === '') {
    // The root (or an empty path) has no parent to list it: it exists when CWD succeeds.
    const cwd = await client.sendIgnoringError(client.pathCommand('CWD', path || '/'));
    return cwd.code >= 200 && cwd.code < 300 ? { name: '/', type: 'dir', size: null, modified: null, permissions: null, owner: null, group: null, linkTarget: null } : null;
  }
  try {
    const folder = await readFolder(client, parent, timezone);
    return folder.entries.find((entry) => entry.name === name) ?? null;
  } catch (error) {
    // A parent that is missing or is a file: nothing can be at the path.
    if (error instanceof FerryError && (error.code === 'NOT_FOUND' || error.code === 'NOT_A_DIRECTORY')) return null;
    throw error;
  }
}
