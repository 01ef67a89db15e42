/**
 * The typed IPC contract: every method the renderer may call and every event
 * main may push, defined once. Both transports (Electron IPC, WebSocket) carry
 * exactly these, and the router serves exactly these.
 *
 * Methods are `domain.verb` and take one params object; events are nouns.
 */
import type { MethodName, ParamsOf } from './schemas.js';
import type { AppInfo, SessionInfo } from '../model/session.js';
import type { Entry, Listing } from '../model/entry.js';
import type { EditState, FsOperationEvent } from '../model/file-ops.js';
import type { LogEntry } from '../model/log.js';
import type { PromptRequest } from '../model/prompt.js';
import type { ImportReport } from '../model/site.js';
import type { SitesState, TrustList } from '../model/sites-state.js';
import type { QueueSettings, QueueSnapshot, TransferProgressBatch } from '../model/transfer.js';

export type { MethodName, ParamsOf } from './schemas.js';

/** What each method resolves to. */
export interface Results {
  'app.info': AppInfo;
  'session.connect': SessionInfo;
  'session.disconnect': Record<string, never>;
  'fs.list': Listing;
  'log.history': readonly LogEntry[];
  /** `accepted` is false when the prompt was already gone (answered elsewhere, timed out). */
  'prompt.answer': { readonly accepted: boolean };
  /** Prompts still waiting for an answer (a reloaded renderer shows them again). */
  'prompt.pending': readonly PromptRequest[];
  /** `removed` is false when nothing was pinned for that server. */
  'trust.forget': { readonly removed: boolean };
  'trust.list': TrustList;
  'sites.get': SitesState;
  'sites.save': SitesState & { readonly siteId: string };
  'sites.createFolder': SitesState & { readonly folderId: string };
  'sites.rename': SitesState;
  'sites.duplicate': SitesState & { readonly copyId: string };
  'sites.delete': SitesState;
  'sites.move': SitesState;
  /** Connects by site id (main reads the secret); the folders to open on each side come back with the session. */
  'sites.connect': { readonly session: SessionInfo; readonly remoteDir: string | null; readonly localDir: string | null };
  'sites.import': SitesState & { readonly report: ImportReport };
  /** Ferry's own JSON export (no secrets), for the renderer to offer as a download. */
  'sites.export': { readonly json: string; readonly fileName: string };
  'queue.snapshot': QueueSnapshot;
  /** `refused`: entries not queued and why (hostile names, links to folders). */
  'queue.add': { readonly ids: readonly string[]; readonly refused: readonly { readonly path: string; readonly reason: string }[] };
  'queue.pause': Record<string, never>;
  'queue.resume': Record<string, never>;
  'queue.cancel': Record<string, never>;
  'queue.retry': Record<string, never>;
  'queue.remove': Record<string, never>;
  'queue.moveToTop': Record<string, never>;
  'queue.moveToBottom': Record<string, never>;
  'queue.clearDone': Record<string, never>;
  'queue.updateSettings': QueueSettings;
  'staging.begin': { readonly stageId: string };
  'staging.write': { readonly written: number };
  'staging.commit': { readonly ids: readonly string[]; readonly refused: readonly { readonly path: string; readonly reason: string }[] };
  'staging.abort': Record<string, never>;
  'fs.stat': Entry | null;
  'fs.mkdir': Record<string, never>;
  'fs.createFile': Record<string, never>;
  'fs.rename': Record<string, never>;
  /** Resolves when the operation ended; per-item failures are in `failed` (and were streamed as events). */
  'fs.delete': { readonly done: number; readonly failed: readonly { readonly path: string; readonly reason: string }[]; readonly cancelled: boolean };
  'fs.chmod': { readonly done: number; readonly failed: readonly { readonly path: string; readonly reason: string }[]; readonly cancelled: boolean };
  'fs.search': { readonly found: number; readonly cancelled: boolean };
  'fs.cancel': { readonly cancelled: boolean };
  'edit.open': EditState;
  'edit.upload': EditState;
  'edit.reload': EditState;
  'edit.close': Record<string, never>;
  'local.open': Record<string, never>;
}

export type ResultOf<M extends MethodName> = Results[M];

/** Events main pushes to every connected renderer. */
export interface Events {
  /** New log lines, batched (a few flushes a second at most). */
  'log.entries': readonly LogEntry[];
  /** A session ended without being asked to (server closed it, fatal error). */
  'session.closed': { readonly sessionId: string; readonly reason: string };
  /** Main needs the user's decision or a secret to go on connecting. */
  'prompt.request': PromptRequest;
  /** A prompt ended without the renderer answering it (timeout, connection gone). */
  'prompt.closed': { readonly promptId: string };
  /** The sites changed (this window, another window or another Ferry process saving). */
  'sites.changed': SitesState;
  /** Queue progress: every job that changed, batched (≤ 4 a second). */
  'queue.progress': TransferProgressBatch;
  /** Progress of a long file operation (delete, chmod, search results). */
  'fs.operation': FsOperationEvent;
  /** A file being edited changed: it was saved locally (ask to upload), or the remote copy changed. */
  'edit.changed': EditState;
  /** A command from the desktop app's menu (the browser host has no menu; its toolbar does the same). */
  'ui.command': { readonly command: 'open-site-manager' | 'open-settings' };
}

export type EventName = keyof Events;

/** The client-side view of the contract, implemented over either transport. */
export interface FerryApi {
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
