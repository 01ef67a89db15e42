/**
 * The `fs.*` file operations: properties, new folder / empty file, rename
 * and move on the same side, recursive delete and chmod with progress and
 * cancel, and the remote search. New names are checked (`assertSafeTarget`)
 * before anything reaches a server; the session may be `local`.
 */
import type { Entry } from '../../shared/model/entry.js';
import type { FsOperationEvent } from '../../shared/model/file-ops.js';
import { LOCAL_SESSION } from '../../shared/model/session.js';
import { toFerryError } from '../ipc/to-ferry-error.js';
import { assertNewTarget } from './child-name.js';
import type { LogService } from './log-service.js';
import { createReporter } from './operation-progress.js';
import type { Operations } from './operations.js';
import { chmodRecursive, deleteRecursive, type ChmodScope } from './recursive-ops.js';
import { searchTree, type SearchQuery } from './remote-search.js';
import type { SessionService } from './session-service.js';

export interface BulkResult {
  readonly done: number;
  readonly failed: readonly { readonly path: string; readonly reason: string }[];
  readonly cancelled: boolean;
}

export interface FileOpsService {
  stat(sessionId: string, path: string): Promise<Entry | null>;
  mkdir(sessionId: string, path: string): Promise<void>;
  createFile(sessionId: string, path: string): Promise<void>;
  rename(sessionId: string, from: string, to: string): Promise<void>;
  delete(sessionId: string, paths: readonly string[], operationId: string): Promise<BulkResult>;
  chmod(sessionId: string, paths: readonly string[], mode: number, scope: ChmodScope, operationId: string): Promise<BulkResult>;
  search(sessionId: string, query: SearchQuery, operationId: string): Promise<{ found: number; cancelled: boolean }>;
  cancel(operationId: string): boolean;
}

export interface FileOpsDeps {
  readonly sessions: SessionService;
  readonly operations: Operations;
  readonly log: LogService;
  readonly emit: (event: FsOperationEvent) => void;
  /** Minimum time between two progress events of one operation (default 200 ms: ≤ 5 a second). */
  readonly progressIntervalMs?: number;
}

export function createFileOpsService({ sessions, operations, log, emit, progressIntervalMs = 200 }: FileOpsDeps): FileOpsService {
  const logId = (sessionId: string): string | null => (sessionId === LOCAL_SESSION ? null : sessionId);
  /** Runs one step, logging what was done or why it failed. */
  const step = async (sessionId: string, done: string, work: () => Promise<void>, touched: readonly string[]): Promise<void> => {
    try {
      await work();
      sessions.invalidate(sessionId, touched);
      log.write(logId(sessionId), 'info', done);
    } catch (error) {
      const ferry = toFerryError(error);
      log.write(logId(sessionId), 'error', ferry.message);
      throw ferry;
    }
  };

  const bulk = async (sessionId: string, paths: readonly string[], operationId: string, what: string, work: (fs: ReturnType<SessionService['fs']>, report: ReturnType<typeof createReporter>, signal: AbortSignal) => Promise<void>): Promise<BulkResult> => {
    const fs = sessions.fs(sessionId);
    return operations.run(operationId, async (signal) => {
      const report = createReporter(operationId, emit, progressIntervalMs);
      try {
        await work(fs, report, signal);
      } finally {
        sessions.invalidate(sessionId, paths);
        report.finish(signal.aborted);
      }
      const summary = `${what}: ${report.done} done, ${report.failed.length} failed${signal.aborted ? ', cancelled' : ''}.`;
      log.write(logId(sessionId), report.failed.length > 0 ? 'error' : 'info', summary);
      return { done: report.done, failed: report.failed.slice(), cancelled: signal.aborted };
    });
  };

  return {
    stat: async (sessionId, path) => sessions.fs(sessionId).stat(path),
    async mkdir(sessionId, path) {
      const fs = sessions.fs(sessionId);
      assertNewTarget(path, fs.pathStyle);
      return step(sessionId, `Created the folder ${path}`, () => fs.mkdir(path), [path]);
    },
    async createFile(sessionId, path) {
      const fs = sessions.fs(sessionId);
      assertNewTarget(path, fs.pathStyle);
      return step(sessionId, `Created the empty file ${path}`, () => fs.createEmptyFile(path), [path]);
    },
    async rename(sessionId, from, to) {
      const fs = sessions.fs(sessionId);
      assertNewTarget(to, fs.pathStyle);
      return step(sessionId, `Renamed ${from} to ${to}`, () => fs.rename(from, to), [from, to]);
    },
    delete: (sessionId, paths, operationId) => bulk(sessionId, paths, operationId, 'Delete', (fs, report, signal) => deleteRecursive(fs, paths, report, signal)),
    chmod: (sessionId, paths, mode, scope, operationId) =>
      bulk(sessionId, paths, operationId, `Permissions ${mode.toString(8).padStart(3, '0')}`, (fs, report, signal) => chmodRecursive(fs, paths, mode, scope, report, signal)),
    async search(sessionId, query, operationId) {
      const fs = sessions.fs(sessionId);
      return operations.run(operationId, async (signal) => {
        let found = 0;
        try {
          found = await searchTree(
            fs,
            query,
            {
              found: (folder, entry) => emit({ operationId, kind: 'found', folder, entry }),
              failed: (folder, error) => emit({ operationId, kind: 'item-failed', path: folder, reason: toFerryError(error).message }),
            },
            signal,
          );
        } finally {
          emit({ operationId, kind: 'finished', cancelled: signal.aborted });
        }
        return { found, cancelled: signal.aborted };
      });
    },
    cancel: (operationId) => operations.cancel(operationId),
  };
}
