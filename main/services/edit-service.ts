/**
 * Editing remote files: `open` downloads to a private temp folder
 * (`<tmpdir>/ferry-edit-<random>/<name>`, mode 0700), opens it with the OS
 * or the configured editor and watches it (fs.watch on the folder — editors
 * often save by writing a new file and renaming it — plus a size/mtime poll,
 * debounced). A save becomes `edit.changed` {status: 'modified'} (or an
 * upload right away when the user chose "don't ask again"). `upload` first
 * compares the server's size and mtime with what was downloaded: a change is
 * reported as 'remote-changed' and nothing is overwritten unless `force`.
 */
import { randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { chmod, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FerryError } from '../../shared/errors.js';
import type { EditState } from '../../shared/model/file-ops.js';
import type { FileOpsFs } from '../engine/remote-fs.js';
import { lastSegment } from '../engine/safe-name.js';
import type { Opener } from '../host/os-opener.js';
import { toFerryError } from '../ipc/to-ferry-error.js';
import { localChildPath } from './child-name.js';
import { assertOpenable } from './local-open.js';
import type { SessionService } from './session-service.js';

export interface EditService {
  open(sessionId: string, remotePath: string): Promise<EditState>;
  upload(editId: string, force: boolean): Promise<EditState>;
  reload(editId: string): Promise<EditState>;
  close(editId: string, neverAskAgain: boolean): Promise<void>;
  closeAll(): Promise<void>;
}

export interface EditDeps {
  readonly sessions: Pick<SessionService, 'fs' | 'siteKeyOf'>;
  readonly opener: Opener;
  readonly emit: (state: EditState) => void;
  readonly log: (text: string) => void;
  /** Size/mtime poll of the local copy (default 1 s); fs.watch usually reports sooner. */
  readonly pollMs?: number;
  /** Quiet time after the last change before a save counts (editors write in bursts). */
  readonly debounceMs?: number;
  /** Parent of the private temp folders (default `os.tmpdir()`). */
  readonly tempRoot?: string;
}

interface RemoteFacts {
  readonly size: number | null;
  readonly mtime: number | null;
}

interface LocalFacts {
  readonly size: number;
  readonly mtimeMs: number;
}

interface Edit {
  state: EditState;
  readonly fs: FileOpsFs;
  readonly dir: string;
  readonly key: string;
  remote: RemoteFacts;
  local: LocalFacts | null;
  watcher: FSWatcher | null;
  poll: NodeJS.Timeout | null;
  debounce: NodeJS.Timeout | null;
  /** Uploads, reloads and save checks of one file run one after another. */
  chain: Promise<unknown>;
  /** A save check is already queued. */
  checkQueued: boolean;
}

async function remoteFacts(fs: FileOpsFs, path: string): Promise<RemoteFacts> {
  const [size, mtime] = await Promise.all([fs.size(path).catch(() => null), fs.modifiedTime(path).catch(() => null)]);
  return { size, mtime };
}

async function localFacts(path: string): Promise<LocalFacts | null> {
  try {
    const st = await stat(path);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
}

export function createEditService({ sessions, opener, emit, log, pollMs = 1000, debounceMs = 300, tempRoot }: EditDeps): EditService {
  const edits = new Map<string, Edit>();
  /** "Don't ask again" for a remote file, for this run: site key (or session) + path. */
  const autoUpload = new Set<string>();

  const keyOf = (sessionId: string, path: string): string => {
    let site = sessionId;
    try {
      site = sessions.siteKeyOf(sessionId);
    } catch {
      // the local side or a closed session: the session id is the key
    }
    return `${site}\n${path}`;
  };

  const get = (editId: string): Edit => {
    const edit = edits.get(editId);
    if (!edit) throw new FerryError('NOT_FOUND', 'That file is no longer open for editing.');
    return edit;
  };

  const update = (edit: Edit, patch: Partial<EditState>): EditState => {
    edit.state = { ...edit.state, ...patch };
    emit(edit.state);
    return edit.state;
  };

  const upload = async (edit: Edit, force: boolean): Promise<EditState> => {
    const { remotePath, localPath } = edit.state;
    const now = await remoteFacts(edit.fs, remotePath);
    const changed = now.size !== edit.remote.size || (now.mtime !== null && edit.remote.mtime !== null && now.mtime !== edit.remote.mtime);
    if (changed && !force) {
      return update(edit, {
        status: 'remote-changed',
        message: `${remotePath} changed on the server since it was opened (${edit.remote.size ?? '?'} → ${now.size ?? 'missing'} bytes). Overwrite it, download the server's copy, or cancel.`,
      });
    }
    update(edit, { status: 'uploading', message: null });
    try {
      const before = await localFacts(localPath);
      await edit.fs.upload(localPath, remotePath);
      edit.remote = await remoteFacts(edit.fs, remotePath);
      edit.local = before;
      log(`Uploaded the edited ${remotePath}`);
      return update(edit, { status: 'watching', message: null });
    } catch (error) {
      const ferry = toFerryError(error);
      log(`Cannot upload the edited ${remotePath}: ${ferry.message}`);
      return update(edit, { status: 'modified', message: ferry.message });
    }
  };

  const serial = <T>(edit: Edit, work: () => Promise<T>): Promise<T> => {
    const run = edit.chain.then(work, work);
    edit.chain = run.catch(() => undefined);
    return run;
  };

  /** Called (debounced) when the watcher or the poll saw something. */
  const check = async (edit: Edit): Promise<void> => {
    if (edit.checkQueued || !edits.has(edit.state.editId)) return;
    edit.checkQueued = true;
    await serial(edit, async () => {
      edit.checkQueued = false;
      if (!edits.has(edit.state.editId)) return;
      const now = await localFacts(edit.state.localPath);
      if (!now || (edit.local && now.size === edit.local.size && now.mtimeMs === edit.local.mtimeMs)) return;
      edit.local = now;
      if (edit.state.autoUpload) await upload(edit, false);
      else update(edit, { status: 'modified', message: null });
    });
  };

  const poke = (edit: Edit): void => {
    if (edit.debounce) clearTimeout(edit.debounce);
    edit.debounce = setTimeout(() => {
      edit.debounce = null;
      void check(edit).catch(() => undefined);
    }, debounceMs);
  };

  const stopWatching = (edit: Edit): void => {
    edit.watcher?.close();
    edit.watcher = null;
    if (edit.poll) clearInterval(edit.poll);
    if (edit.debounce) clearTimeout(edit.debounce);
    edit.poll = edit.debounce = null;
  };

  const close = async (edit: Edit): Promise<void> => {
    stopWatching(edit);
    edits.delete(edit.state.editId);
    edit.state = { ...edit.state, status: 'closed' };
    await rm(edit.dir, { recursive: true, force: true });
  };

  return {
    async open(sessionId, remotePath) {
      const fs = sessions.fs(sessionId);
      const name = lastSegment(remotePath, fs.pathStyle);
      const dir = await mkdtemp(join(tempRoot ?? tmpdir(), 'ferry-edit-'));
      try {
        await chmod(dir, 0o700);
        const localPath = localChildPath(dir, name); // a server name with / \ . .. never leaves the folder
        if (!process.env.FERRY_EDITOR?.trim()) assertOpenable(localPath); // an editor command edits; the OS default might run it
        await fs.download(remotePath, localPath);
        const remote = await remoteFacts(fs, remotePath);
        const key = keyOf(sessionId, remotePath);
        const edit: Edit = {
          state: { editId: randomUUID(), sessionId, remotePath, localPath, status: 'watching', autoUpload: autoUpload.has(key), message: null },
          fs,
          dir,
          key,
          remote,
          local: await localFacts(localPath),
          watcher: null,
          poll: null,
          debounce: null,
          chain: Promise.resolve(),
          checkQueued: false,
        };
        edits.set(edit.state.editId, edit);
        try {
          edit.watcher = watch(dir, () => poke(edit));
          edit.watcher.on('error', () => undefined);
        } catch {
          // no fs.watch here: the poll below still notices saves
        }
        edit.poll = setInterval(() => void check(edit).catch(() => undefined), pollMs);
        edit.poll.unref();
        opener(localPath, 'edit');
        log(`Opened ${remotePath} for editing (${localPath})`);
        emit(edit.state);
        return edit.state;
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    },
    async upload(editId, force) {
      const edit = get(editId);
      return serial(edit, () => upload(edit, force));
    },
    async reload(editId) {
      const edit = get(editId);
      return serial(edit, async () => {
        // Into a fresh file, then renamed over the copy: a shorter server file must not keep the old tail.
        const fresh = join(edit.dir, `.ferry-reload-${randomUUID()}`);
        try {
          await edit.fs.download(edit.state.remotePath, fresh);
          await rename(fresh, edit.state.localPath);
        } finally {
          await rm(fresh, { force: true });
        }
        edit.remote = await remoteFacts(edit.fs, edit.state.remotePath);
        edit.local = await localFacts(edit.state.localPath);
        log(`Downloaded the server's copy of ${edit.state.remotePath}`);
        return update(edit, { status: 'watching', message: null });
      });
    },
    async close(editId, neverAskAgain) {
      const edit = get(editId);
      if (neverAskAgain) autoUpload.add(edit.key);
      await close(edit);
    },
    async closeAll() {
      await Promise.allSettled([...edits.values()].map(close));
    },
  };
}
