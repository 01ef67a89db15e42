/**
 * The saved sites and the quick-connect history: `sites.json` in the data
 * folder, `{ version: 1, revision, tree, recent }`. Never holds a secret (the
 * model has no field for one, and the schema drops unknown keys).
 *
 * Concurrency: two windows, the browser host and a second app instance may
 * all edit sites at once. Every mutation is a transaction: take the lock file
 * `sites.json.lock` (see file-lock.ts), re-read the file, apply the caller's
 * change function to what is on disk *now*, check the revision is still the
 * one read (a writer that broke our lock as stale would have bumped it; we
 * then run the change again), and write atomically (temp + rename, so readers
 * need no lock and never see a torn file). Interleaved edits from different
 * processes therefore all survive; a change function must be pure, as it may
 * run more than once.
 *
 * Damaged files: a file that does not parse or validate is moved aside as
 * `sites.json.corrupt-<time>` and the store starts empty (the app must start).
 * A file from a *newer* Ferry is different: it is probably fine, just not
 * ours to understand. It is left in place untouched (so the newer version
 * still finds it), copied to `sites.json.v<N>-backup-<time>`, and this store
 * becomes read-only and empty: writing would either destroy the newer data or
 * create edits the newer version would silently lose. `problem()` says which
 * happened, for the log and a banner.
 */
import { copyFile, mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FerryError } from '../../../shared/errors.js';
import { MAX_RECENT, rememberRecent, type RecentServer, type SiteNode } from '../../../shared/model/site.js';
import { describeIssues, recentServerSchema, siteTreeSchema } from '../../../shared/model/site-schema.js';
import { readJsonFile, writeJsonFileAtomic } from '../store/json-file.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';

export const SITES_FILE = 'sites.json';
export const SITES_FORMAT_VERSION = 1;

/** The editable part of the document. */
export interface SitesData {
  readonly tree: readonly SiteNode[];
  readonly recent: readonly RecentServer[];
}

/** What is on disk, with the revision it had (0 = no file yet). */
export interface SitesSnapshot extends SitesData {
  readonly revision: number;
}

export interface SiteStore {
  readonly path: string;
  /** The current document, read from disk (cheap: one small file). */
  read(): Promise<SitesSnapshot>;
  /**
   * Applies `change` to the latest document under the lock and saves it.
   * Errors thrown by `change` (NOT_FOUND, ...) pass through unchanged and
   * nothing is written; a result that fails validation is INVALID_PARAMS.
   */
  update(change: (current: SitesData) => SitesData): Promise<SitesSnapshot>;
  /** Records a quick-connect server; silently skipped when the store is read-only (history is best effort). */
  addRecent(entry: RecentServer): Promise<void>;
  /** Why the file could not be used as found, or null. */
  problem(): string | null;
  /** True when sites.json is from a newer Ferry and is left untouched. */
  isReadOnly(): boolean;
}

export interface SiteStoreOptions {
  readonly lock?: FileLockOptions;
}

const documentSchema = z.object({
  version: z.literal(SITES_FORMAT_VERSION),
  revision: z.number().int().min(0).default(0),
  tree: siteTreeSchema,
  recent: z.array(recentServerSchema).max(MAX_RECENT * 5).default([]),
});

type Loaded = { readonly kind: 'ok'; readonly snapshot: SitesSnapshot } | { readonly kind: 'newer'; readonly version: number };

function validate(raw: unknown): Loaded {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not a JSON object');
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > SITES_FORMAT_VERSION) return { kind: 'newer', version };
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) throw new Error(describeIssues(parsed.error));
  const { revision, tree, recent } = parsed.data;
  return { kind: 'ok', snapshot: { revision, tree, recent } };
}

const EMPTY: SitesSnapshot = { revision: 0, tree: [], recent: [] };

export function createSiteStore(dataDir: string, options: SiteStoreOptions = {}): SiteStore {
  const path = join(dataDir, SITES_FILE);
  const lockPath = `${path}.lock`;
  let problem: string | null = null;
  let newerVersion: number | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const readOnlyError = () =>
    new FerryError('UNSUPPORTED', `${SITES_FILE} was written by a newer version of Ferry (format ${newerVersion ?? '?'}); it is kept unchanged and sites cannot be edited until Ferry is updated.`);

  const noteNewer = async (version: number): Promise<void> => {
    if (newerVersion !== null) return;
    newerVersion = version;
    const backup = `${path}.v${version}-backup-${Date.now()}`;
    await copyFile(path, backup, constants.COPYFILE_EXCL).catch(() => undefined);
    problem = `The site list was saved by a newer version of Ferry (format ${version}). It was left unchanged (a copy is at ${backup}); sites are read-only and empty until Ferry is updated.`;
  };

  const load = async (): Promise<Loaded> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await readJsonFile(path, validate);
        if (result.status === 'missing') return { kind: 'ok', snapshot: EMPTY };
        if (result.status === 'corrupt') {
          problem = `The site list was unreadable (${result.reason}); it was moved to ${result.backup} and an empty one was started.`;
          return { kind: 'ok', snapshot: EMPTY };
        }
        if (result.value.kind === 'newer') await noteNewer(result.value.version);
        return result.value;
      } catch (error) {
        // Another process moved the same corrupt file aside first: read again.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 2) throw error;
      }
    }
  };

  const revisionOnDisk = async (): Promise<number | null> => {
    try {
      const raw = JSON.parse(await readFile(path, 'utf8')) as { revision?: unknown } | null;
      return typeof raw?.revision === 'number' ? raw.revision : raw?.revision === undefined ? 0 : null; // absent = 0, as in the schema
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 0 : null;
    }
  };

  /**
   * Removes temp files of writers that died between write and rename
   * (json-file.ts names them `.sites.json.<random>.tmp`). Runs once, under
   * the lock; only files older than a minute, so a live writer whose lock
   * was wrongly judged stale keeps its file.
   */
  let swept = false;
  const sweepTempFiles = async (): Promise<void> => {
    if (swept) return;
    swept = true;
    const names = await readdir(dataDir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(`.${SITES_FILE}.`) && n.endsWith('.tmp'))) {
      const file = join(dataDir, name);
      const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: Date.now() }));
      if (Date.now() - mtimeMs > 60_000) await unlink(file).catch(() => undefined);
    }
  };

  const transact = async (change: (current: SitesData) => SitesData): Promise<SitesSnapshot> => {
    if (newerVersion !== null) throw readOnlyError();
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    return withFileLock(
      lockPath,
      async () => {
        await sweepTempFiles();
        for (let attempt = 0; attempt < 5; attempt += 1) {
          const loaded = await load();
          if (loaded.kind === 'newer') throw readOnlyError();
          const current = loaded.snapshot;
          const next = change({ tree: current.tree, recent: current.recent });
          const parsed = documentSchema.safeParse({ version: SITES_FORMAT_VERSION, revision: current.revision + 1, tree: next.tree, recent: next.recent });
          if (!parsed.success) throw new FerryError('INVALID_PARAMS', `The site list was not saved: ${describeIssues(parsed.error)}`);
          if ((await revisionOnDisk()) !== current.revision) continue; // changed under us: run the change again
          await writeJsonFileAtomic(path, parsed.data);
          return { revision: parsed.data.revision, tree: parsed.data.tree, recent: parsed.data.recent };
        }
        throw new FerryError('TIMEOUT', 'The site list kept changing while saving; try again.');
      },
      options.lock,
    );
  };

  /** One transaction at a time per store: they would only queue on the lock file anyway. */
  const update = (change: (current: SitesData) => SitesData): Promise<SitesSnapshot> => {
    const run = queue.then(() => transact(change));
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    path,
    async read() {
      const loaded = await load();
      return loaded.kind === 'ok' ? loaded.snapshot : EMPTY;
    },
    update,
    async addRecent(entry) {
      if (newerVersion !== null) return;
      const clean: RecentServer = { protocol: entry.protocol, host: entry.host, port: entry.port, user: entry.user, logonType: entry.logonType, lastUsed: entry.lastUsed };
      await update((data) => ({ ...data, recent: rememberRecent(data.recent, clean) }));
    },
    problem: () => problem,
    isReadOnly: () => newerVersion !== null,
  };
}
