/**
 * The transfer queue behind the contract: creates the engine's
 * `TransferQueue` in Ferry's data folder, opens its extra connections by
 * site key, asks "file exists" through the prompt dialogs, and forwards its
 * progress batches to every renderer as `queue.progress`.
 *
 * A site key is resolved when a connection is needed, not when a job is
 * queued: `site:<id>` reads the saved site and its secrets then (so a
 * password fixed in the Site Manager applies to the next retry), `quick:`
 * keys use the options the user connected with in this run, or ask for the
 * password after a restart. Connections go through the same trust hooks as
 * browsing, so a certificate or host key trusted once this run is not asked
 * about again.
 */
import { FerryError } from '../../shared/errors.js';
import type { ParamsOf, ResultOf } from '../../shared/ipc/contract.js';
import type { ConnectOptions, Protocol } from '../../shared/model/session.js';
import type { Site } from '../../shared/model/site.js';
import { MAX_CONCURRENCY, type ConflictAnswer, type ConflictQuestion } from '../../shared/model/transfer.js';
import type { QueueFs } from '../engine/queue/queue-fs.js';
import { TransferQueue, type AddRequest, type TransferQueueOptions } from '../engine/queue/transfer-queue.js';
import type { SecurityHooks } from '../engine/security-hooks.js';
import type { EventBus } from '../ipc/event-bus.js';
import type { LogService } from './log-service.js';
import { asksPassword, capturePassword, withPassword } from './password-capture.js';
import type { PromptService } from './prompt-service.js';
import { openAdapter, type SessionService } from './session-service.js';
import { askOptionsForQuickKey, parseSiteKey } from './site-key.js';

export interface TransferServiceOptions {
  /** Ferry's data folder; `queue.json` lives here. */
  readonly dataDir: string;
  readonly sessions: SessionService;
  /** Reads a saved site's options with its secrets (sites-service `optionsForSite`). */
  readonly optionsForSite: (siteId: string) => Promise<{ site: Site; options: ConnectOptions }>;
  readonly security: SecurityHooks;
  readonly prompts: PromptService;
  readonly log: LogService;
  readonly bus: EventBus;
  /** Extra queue options (tests: start stopped, shorter intervals). */
  readonly queueOptions?: Pick<TransferQueueOptions, 'batchIntervalMs' | 'idleConnectionMs' | 'settings' | 'start' | 'backoff'>;
}

export type AddItems = ParamsOf<'queue.add'>['items'];

/** "File exists": the user's answer; a dismissed dialog skips the file. */
export async function askConflict(prompts: PromptService, question: ConflictQuestion): Promise<ConflictAnswer> {
  const answer = await prompts.ask({ kind: 'file-exists', question });
  return answer.kind === 'conflict' ? answer.answer : { action: 'skip', applyToAll: false };
}

/** The contract's items for one session's site, as the engine's requests; `protocol` lets FTP sites transfer as ASCII. */
export function toAddRequests(siteKey: string, items: AddItems, protocol?: Protocol): AddRequest[] {
  return items.map((item) =>
    item.direction === 'upload'
      ? { direction: 'upload', siteKey, localPath: item.localPath, remoteDir: item.remoteDir, protocol }
      : { direction: 'download', siteKey, remotePath: item.remotePath, type: item.type, localDir: item.localDir, protocol },
  );
}

/** The protocol behind a site key: what its session connected with, else what a quick key names; undefined when unknown. */
export function protocolOfSiteKey(sessions: Partial<Pick<SessionService, 'optionsFor'>>, siteKey: string): Protocol | undefined {
  const connected = sessions.optionsFor?.(siteKey)?.protocol;
  if (connected !== undefined) return connected;
  const parsed = parseSiteKey(siteKey);
  return parsed?.kind === 'quick' ? parsed.protocol : undefined;
}

export function createTransferService(options: TransferServiceOptions) {
  const { sessions, prompts, log, bus } = options;
  /** Passwords typed at an `ask` logon for a queue connection, per site key; memory only. */
  const typedPasswords = new Map<string, string>();
  /** An `ask` connection in progress per site key: the others wait for it instead of asking again. */
  const asking = new Map<string, Promise<QueueFs>>();
  let queue: TransferQueue | null = null;

  async function optionsFor(siteKey: string): Promise<ConnectOptions> {
    const parsed = parseSiteKey(siteKey);
    if (!parsed) throw new FerryError('NOT_FOUND', `Transfers for "${siteKey.slice(0, 80)}" cannot connect: unknown site.`);
    if (parsed.kind === 'site') {
      const { site, options: siteOptions } = await options.optionsForSite(parsed.siteId);
      applySiteSettings(siteKey, site);
      // An "ask for password" site the user is connected to: the password typed for that session, not another prompt.
      const browsing = sessions.optionsFor(siteKey);
      if (asksPassword(siteOptions) && browsing && !asksPassword(browsing) && browsing.host === siteOptions.host && browsing.user === siteOptions.user) {
        return withPassword(siteOptions, browsing.password);
      }
      return siteOptions;
    }
    return sessions.optionsFor(siteKey) ?? askOptionsForQuickKey(parsed);
  }

  async function connect(siteKey: string, connectOptions: ConnectOptions): Promise<QueueFs> {
    const capture = capturePassword(options.security);
    const { fs } = await openAdapter(connectOptions, { log: log.forSession(null), security: capture.security });
    const typed = capture.captured();
    if (typed !== undefined) typedPasswords.set(siteKey, typed);
    return fs;
  }

  async function open(siteKey: string, signal?: AbortSignal): Promise<QueueFs> {
    signal?.throwIfAborted();
    let connectOptions = await optionsFor(siteKey);
    const typed = typedPasswords.get(siteKey);
    if (typed !== undefined && asksPassword(connectOptions)) connectOptions = withPassword(connectOptions, typed);
    if (!asksPassword(connectOptions)) return connect(siteKey, connectOptions);
    const pending = asking.get(siteKey);
    if (pending) {
      await pending.catch(() => undefined);
      return open(siteKey, signal);
    }
    const attempt = connect(siteKey, connectOptions);
    asking.set(siteKey, attempt);
    try {
      return await attempt;
    } finally {
      if (asking.get(siteKey) === attempt) asking.delete(siteKey);
    }
  }

  /** A saved site's transfer settings (connections, temp names) become the queue's per-site settings. */
  function applySiteSettings(siteKey: string, site: Site): void {
    if (!queue) return;
    const current = queue.settings.sites[siteKey];
    const maxConnections = site.maxConnections === null ? null : Math.min(Math.max(site.maxConnections, 1), MAX_CONCURRENCY);
    if (current?.maxConnections === maxConnections && current.tempNames === site.tempNameUploads) return;
    queue.updateSettings({ sites: { ...queue.settings.sites, [siteKey]: { maxConnections, tempNames: site.tempNameUploads } } });
  }

  const ready: Promise<TransferQueue> = TransferQueue.create({
    dataDir: options.dataDir,
    open,
    onConflict: (question) => askConflict(prompts, question),
    log: (text) => log.write(null, 'info', text),
    ...(options.queueOptions ?? {}),
  }).then((created) => {
    queue = created;
    created.subscribe((event) => {
      if (event.type === 'progress') {
        // a finished upload changed a remote folder: its cached listing is stale
        for (const job of event.batch.changed) if (job.direction === 'upload' && job.state.status === 'done') sessions.invalidateSite(job.siteKey, [job.remotePath]);
        bus.emit('queue.progress', event.batch);
      }
      else if (event.type === 'notice') log.write(null, 'info', `Transfers: ${event.text}`);
    });
    if (created.loaded.status === 'ok' && created.loaded.queue.jobs.length > 0) log.write(null, 'info', `Restored ${created.loaded.queue.jobs.length} transfer(s) from the last run.`);
    return created;
  });
  ready.catch((error: unknown) => log.write(null, 'error', `The transfer queue could not start: ${error instanceof Error ? error.message : String(error)}`));

  return {
    /** The queue, once `queue.json` is loaded. */
    queue: (): Promise<TransferQueue> => ready,

    async add(sessionId: string, items: AddItems): Promise<ResultOf<'queue.add'>> {
      const siteKey = sessions.siteKeyOf(sessionId);
      const { ids, refused } = await (await ready).add(toAddRequests(siteKey, items, protocolOfSiteKey(sessions, siteKey)));
      return { ids, refused: refused.map(({ path, reason }) => ({ path, reason })) };
    },

    /** `sites.connect` opened a session to a saved site. */
    siteConnected(siteKey: string, site: Site): void {
      void ready.then(() => applySiteSettings(siteKey, site)).catch(() => undefined);
    },

    /** Stops running transfers resumably and writes `queue.json`. */
    async close(): Promise<void> {
      const created = await ready.catch(() => null);
      await created?.close();
    },
  };
}

export type TransferService = ReturnType<typeof createTransferService>;
