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
