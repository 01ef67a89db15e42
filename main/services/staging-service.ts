/**
 * Files dropped from the OS into the browser host arrive as bytes (a page
 * cannot hand over a path): `staging.begin` reserves an empty file under
 * `<dataDir>/staging/<batchId>/<relativePath>`, `staging.write` appends
 * base64 chunks strictly in order, `staging.commit` queues uploads of the
 * batch's top-level entries (folders recursively), `staging.abort` throws
 * the batch away.
 *
 * Staged files are Ferry's own copies, so they are deleted as soon as their
 * jobs are done, cancelled or removed (a failed job keeps its file for a
 * retry); a batch folder goes when none of its jobs is left. Batches older
 * than a day that no queued job needs are deleted at start (a crash, a
 * browser tab closed mid-drop).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { FerryError } from '../../shared/errors.js';
import type { ResultOf } from '../../shared/ipc/contract.js';
import type { TransferKind } from '../../shared/model/transfer.js';
import type { TransferQueue } from '../engine/queue/transfer-queue.js';
import type { SessionService } from './session-service.js';
import { stagingSegments } from './staging-paths.js';
import { protocolOfSiteKey } from './transfer-service.js';

/** Batches untouched this long are abandoned. */
export const STALE_BATCH_MS = 24 * 60 * 60 * 1000;
/** Files in one batch (a dropped folder of 100,000 files is already a lot of base64). */
const MAX_FILES_PER_BATCH = 100_000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface StagingServiceOptions {
  readonly dataDir: string;
  readonly sessions: Pick<SessionService, 'siteKeyOf'> & Partial<Pick<SessionService, 'optionsFor'>>;
  readonly queue: () => Promise<TransferQueue>;
  readonly log: (text: string) => void;
  readonly now?: () => number;
}

interface Stage {
  readonly batchId: string;
  readonly relativePath: string;
  readonly path: string;
  readonly size: number;
  written: number;
  busy: boolean;
}

/** A batch still being staged (not committed yet). */
interface OpenBatch {
  readonly stages: Set<string>;
  readonly paths: Set<string>;
}

interface TrackedJob {
  readonly batchId: string;
  readonly localPath: string;
  readonly kind: TransferKind;
}

const invalid = (message: string): FerryError => new FerryError('INVALID_PARAMS', message);

export function createStagingService(options: StagingServiceOptions) {
  const root = join(options.dataDir, 'staging');
  const now = options.now ?? Date.now;
  const stages = new Map<string, Stage>();
  const batches = new Map<string, OpenBatch>();
  /** Queue jobs whose source is a staged file or folder. */
  const tracked = new Map<string, TrackedJob>();

  const batchDir = (batchId: string): string => join(root, batchId);
  const batchOf = (localPath: string): string | null => {
    const rel = relative(root, localPath);
    if (rel === '' || rel.startsWith('..') || rel.includes(`..${sep}`)) return null;
    return rel.split(sep)[0] ?? null;
  };

  async function removeBatchIfUnused(batchId: string): Promise<void> {
    if (batches.has(batchId)) return;
    for (const job of tracked.values()) if (job.batchId === batchId) return;
    await rm(batchDir(batchId), { recursive: true, force: true });
  }

  /** Deletes the staged files of finished jobs, and batch folders nothing needs any more. */
  async function sweep(queue: TransferQueue, ids: Iterable<string>): Promise<void> {
    const emptied = new Set<string>();
    for (const id of ids) {
      const job = tracked.get(id);
      if (!job) continue;
      const status = queue.get(id)?.state.status;
      if (status !== undefined && status !== 'done' && status !== 'cancelled') continue;
      tracked.delete(id);
      emptied.add(job.batchId);
      if (job.kind === 'file') await unlink(job.localPath).catch(() => undefined);
    }
    for (const batchId of emptied) await removeBatchIfUnused(batchId);
  }

  /** Rebuilds the tracking from the restored queue, subscribes, and deletes abandoned batches. */
  async function start(): Promise<void> {
    const queue = await options.queue();
    for (const job of queue.snapshot().jobs) {
      const batchId = batchOf(job.localPath);
      if (job.direction === 'upload' && batchId) tracked.set(job.id, { batchId, localPath: job.localPath, kind: job.kind });
    }
    let sweeping = Promise.resolve();
    queue.subscribe((event) => {
      if (event.type !== 'progress') return;
      const ids = [...event.batch.changed.map((job) => job.id), ...event.batch.removed].filter((id) => tracked.has(id));
      if (ids.length > 0) sweeping = sweeping.then(() => sweep(queue, ids)).catch((error: unknown) => options.log(`Cannot delete staged files: ${String(error)}`));
    });
    await sweep(queue, [...tracked.keys()]);
    const names = await readdir(root).catch(() => [] as string[]);
    for (const name of names) {
      if (batches.has(name) || [...tracked.values()].some((job) => job.batchId === name)) continue;
      const info = await stat(join(root, name)).catch(() => null);
      if (info && now() - info.mtimeMs > STALE_BATCH_MS) await rm(join(root, name), { recursive: true, force: true });
    }
  }

  const started = start().catch((error: unknown) => options.log(`Cannot clean up dropped files: ${error instanceof Error ? error.message : String(error)}`));

  const committed = (batchId: string): boolean => [...tracked.values()].some((job) => job.batchId === batchId);

  return {
    /** Resolves once the start-up cleanup ran. */
    ready: (): Promise<void> => started,

    async begin(batchId: string, relativePath: string, size: number): Promise<ResultOf<'staging.begin'>> {
      const checked = stagingSegments(relativePath);
      if ('refused' in checked) throw invalid(`Cannot stage "${relativePath.slice(0, 200)}": ${checked.refused}.`);
      if (committed(batchId)) throw invalid('That batch was already queued; start a new one.');
      let batch = batches.get(batchId);
      if (!batch) batches.set(batchId, (batch = { stages: new Set(), paths: new Set() }));
      const key = checked.segments.join('/');
      if (batch.paths.has(key)) throw new FerryError('ALREADY_EXISTS', `"${key}" is already staged in this batch.`);
      if (batch.paths.size >= MAX_FILES_PER_BATCH) throw invalid(`A batch holds at most ${MAX_FILES_PER_BATCH} files.`);
      const path = join(batchDir(batchId), ...checked.segments);
      batch.paths.add(key);
      try {
        await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
        await (await open(path, 'wx', 0o600)).close();
      } catch (error) {
        batch.paths.delete(key);
        throw error;
      }
      const stageId = randomUUID();
      stages.set(stageId, { batchId, relativePath: key, path, size, written: 0, busy: false });
      batch.stages.add(stageId);
      return { stageId };
    },

    async write(stageId: string, offset: number, data: string): Promise<ResultOf<'staging.write'>> {
      const stage = stages.get(stageId);
      if (!stage) throw new FerryError('NOT_FOUND', 'That staged file is gone (committed, aborted, or Ferry restarted).');
      if (stage.busy) throw invalid('A write to this file is still in progress; send chunks one after another.');
      if (offset !== stage.written) throw invalid(`Expected the chunk at offset ${stage.written}, got ${offset}.`);
      if (data.length % 4 !== 0 || !BASE64.test(data)) throw invalid('The chunk is not valid base64.');
      const bytes = Buffer.from(data, 'base64');
      if (stage.written + bytes.length > stage.size) throw invalid(`The chunk overruns the declared size of ${stage.size} bytes.`);
      stage.busy = true;
      try {
        const handle = await open(stage.path, 'r+');
        try {
          let done = 0;
          while (done < bytes.length) done += (await handle.write(bytes, done, bytes.length - done, offset + done)).bytesWritten;
        } finally {
          await handle.close();
        }
        stage.written += bytes.length;
        return { written: stage.written };
      } finally {
        stage.busy = false;
      }
    },

    async commit(batchId: string, sessionId: string, remoteDir: string): Promise<ResultOf<'staging.commit'>> {
      const batch = batches.get(batchId);
      if (!batch || batch.stages.size === 0) throw new FerryError('NOT_FOUND', 'Nothing is staged in that batch.');
      for (const stageId of batch.stages) {
        const stage = stages.get(stageId);
        if (stage && (stage.written !== stage.size || stage.busy)) throw invalid(`"${stage.relativePath}" is incomplete: ${stage.written} of ${stage.size} bytes.`);
      }
      const siteKey = options.sessions.siteKeyOf(sessionId);
      const queue = await options.queue();
      await started;
      const tops = [...new Set([...batch.paths].map((path) => path.split('/')[0] ?? path))].sort();
      const ids: string[] = [];
      const refused: { path: string; reason: string }[] = [];
      for (const stageId of batch.stages) stages.delete(stageId);
      batches.delete(batchId);
      for (const top of tops) {
        const result = await queue.add({ direction: 'upload', siteKey, localPath: join(batchDir(batchId), top), remoteDir, protocol: protocolOfSiteKey(options.sessions, siteKey) });
        for (const id of result.ids) {
          const job = queue.get(id);
          if (job) tracked.set(id, { batchId, localPath: job.localPath, kind: job.kind });
        }
        ids.push(...result.ids);
        refused.push(...result.refused.map(({ path, reason }) => ({ path, reason })));
      }
      await sweep(queue, ids);
      if (ids.length === 0) await removeBatchIfUnused(batchId);
      return { ids, refused };
    },

    async abort(batchId: string): Promise<ResultOf<'staging.abort'>> {
      if (committed(batchId)) throw invalid('That batch is already queued; cancel its transfers instead.');
      const batch = batches.get(batchId);
      for (const stageId of batch?.stages ?? []) stages.delete(stageId);
      batches.delete(batchId);
      await rm(batchDir(batchId), { recursive: true, force: true });
      return {};
    },
  };
}

export type StagingService = ReturnType<typeof createStagingService>;
