/**
 * Starting transfers from the panes: the selection (context menu, Ctrl+U /
 * Ctrl+D), rows dragged from one grid to the other, and files dropped from the
 * operating system onto the remote grid. Everything ends in `queue.add` (or,
 * for OS files in the browser host, the staging calls), into the target
 * pane's current folder or the folder row the drop landed on.
 */
import type { FerryApi } from '../../../shared/ipc/contract.js';
import type { Entry } from '../../../shared/model/entry.js';
import { joinPath } from '../../../shared/path.js';
import type { AppStores } from '../../stores/app-stores.js';
import type { QueueItem } from '../../stores/queue-store.js';
import type { DragPayload, DraggedEntry, PaneSide } from './drag-payload.js';
import { droppedFiles, stageFiles } from './staging.js';

export const NEED_CONNECTION = 'Transfers need a connected server: connect first, then upload or download.';

/** Shortcut shown in the context menu and handled by the grids. */
export const TRANSFER_SHORTCUTS: Readonly<Record<PaneSide, { readonly key: string; readonly label: string }>> = {
  local: { key: 'u', label: 'Ctrl+U' },
  remote: { key: 'd', label: 'Ctrl+D' },
};

/** The queue items that move `entries` from `from` into `targetDir` on the other side. */
export function transferItems(from: PaneSide, entries: readonly DraggedEntry[], targetDir: string): QueueItem[] {
  if (from === 'local') return entries.map((e) => ({ direction: 'upload', localPath: e.path, remoteDir: targetDir }));
  return entries.map((e) =>
    e.type === 'dir' || e.type === 'file'
      ? { direction: 'download', remotePath: e.path, type: e.type, localDir: targetDir }
      : { direction: 'download', remotePath: e.path, localDir: targetDir },
  );
}

/** Preload helper Electron will offer for real paths of dropped files. */
interface PathBridge {
  pathForFile?: (file: File) => string;
}

export interface TransferActions {
  /** The pane's selection (or focused row) as dragged entries, with absolute paths. */
  selectionOf(side: PaneSide): DragPayload | null;
  /** Context menu / shortcut: send the selection of `side` to the other pane's folder. */
  transferSelection(side: PaneSide): Promise<void>;
  /** Rows dropped on the `target` grid, optionally onto a folder row named `folder`. */
  dropRows(payload: DragPayload, target: PaneSide, folder: string | null): Promise<void>;
  /** OS files dropped on the remote grid (the DataTransfer must be read during the drop event). */
  dropFiles(data: DataTransfer, folder: string | null): Promise<void>;
}

export function createTransferActions(api: FerryApi, stores: AppStores): TransferActions {
  const pane = (side: PaneSide) => (side === 'local' ? stores.local : stores.remote);
  const queue = stores.queue;

  const remoteSession = (): string | null => {
    const c = stores.connection.getState().connection;
    return c.status === 'connected' && stores.remote.getState().session !== null ? c.session.sessionId : null;
  };

  /** The folder a drop into `side` lands in: the pane's folder, or its folder row `folder`. */
  const targetDir = (side: PaneSide, folder: string | null): string | null => {
    const s = pane(side).getState();
    if (!s.session || !s.path) return null;
    if (folder === null) return s.path;
    return joinPath(s.session.pathStyle, s.path, folder);
  };

  const selectionOf = (side: PaneSide): DragPayload | null => {
    const s = pane(side).getState();
    const session = s.session;
    if (!session) return null;
    const chosen = s.selected.size > 0 ? s.view.filter((e) => s.selected.has(e.name)) : s.view.filter((e) => e.name === s.focus);
    const entries = chosen.map((e: Entry) => ({ path: joinPath(session.pathStyle, s.path, e.name), type: e.type }));
    return entries.length > 0 ? { side, sessionId: session.id, entries } : null;
  };

  const send = async (payload: DragPayload, target: PaneSide, folder: string | null): Promise<void> => {
    if (payload.side === target) return;
    const sessionId = remoteSession();
    if (!sessionId) return queue.getState().setNotice(NEED_CONNECTION);
    const dir = targetDir(target, folder);
    if (!dir) return;
    await queue.getState().add(sessionId, transferItems(payload.side, payload.entries, dir));
  };

  return {
    selectionOf,

    async transferSelection(side) {
      const payload = selectionOf(side);
      if (!payload) {
        if (!remoteSession()) queue.getState().setNotice(NEED_CONNECTION);
        return;
      }
      await send(payload, side === 'local' ? 'remote' : 'local', null);
    },

    dropRows: send,

    async dropFiles(data, folder) {
      const bridge = (globalThis as { ferryBridge?: PathBridge }).ferryBridge;
      // Read the drop now: a DataTransfer is emptied once the event handler returns.
      const osFiles = [...data.files];
      const pending = bridge?.pathForFile ? null : droppedFiles(data);
      const sessionId = remoteSession();
      const dir = targetDir('remote', folder);
      if (!sessionId || !dir) return queue.getState().setNotice(NEED_CONNECTION);
      if (bridge?.pathForFile) {
        const pathFor = bridge.pathForFile;
        const paths = osFiles.map((f) => pathFor(f)).filter((p) => p.length > 0);
        await queue.getState().add(
          sessionId,
          paths.map((localPath) => ({ direction: 'upload', localPath, remoteDir: dir })),
        );
        return;
      }
      const files = await (pending ?? Promise.resolve([]));
      if (files.length === 0) return queue.getState().setNotice('Nothing to upload: folders without files are skipped.');
      try {
        const result = await stageFiles(api, files, {
          sessionId,
          remoteDir: dir,
          onProgress: (p) => queue.getState().setStaging(p),
        });
        queue.getState().setNotice(result.refused.length > 0 ? `${result.refused.length} dropped items not queued — ${result.refused[0]?.path ?? ''}: ${result.refused[0]?.reason ?? ''}` : null);
      } catch (error) {
        queue.getState().setNotice(`Could not upload the dropped files: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        queue.getState().setStaging(null);
      }
    },
  };
}
