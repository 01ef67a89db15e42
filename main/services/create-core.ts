/**
 * The composition root shared by both hosts (Electron and browser): event
 * bus, services, handlers and router. Hosts add only their transport.
 */
import { homedir } from 'node:os';
import { join, sep } from 'node:path';
import type { AppInfo } from '../../shared/model/session.js';
import { createEventBus, type EventBus } from '../ipc/event-bus.js';
import { createRouter, type Router } from '../ipc/router.js';
import { createHandlers } from './create-handlers.js';
import { createLogService, type LogService } from './log-service.js';
import { createSessionService, type SessionService } from './session-service.js';
import { createTrustStore } from '../engine/trust/trust-store.js';
import { createPromptService, type PromptService } from './prompt-service.js';
import { createTrustService } from './trust-service.js';
import { chooseSecretStore, type SafeStorageLike } from '../engine/sites/secret-store.js';
import { createSiteStore } from '../engine/sites/site-store.js';
import { createSitesService } from './sites-service.js';
import { createStagingService } from './staging-service.js';
import { createEditService, type EditService } from './edit-service.js';
import { createFileOpsService, type FileOpsService } from './file-ops-service.js';
import { createOperations } from './operations.js';
import { osOpener, type Opener } from '../host/os-opener.js';
import { createTransferService, type TransferService, type TransferServiceOptions } from './transfer-service.js';

export interface Core {
  readonly bus: EventBus;
  readonly router: Router;
  readonly log: LogService;
  readonly sessions: SessionService;
  readonly prompts: PromptService;
  readonly transfers: TransferService;
  readonly fileOps: FileOpsService;
  readonly edits: EditService;
  shutdown(): Promise<void>;
}

export interface CoreOptions {
  readonly host: AppInfo['host'];
  readonly version: string;
  /** Ferry's data folder (trust store, later sites and queue). */
  readonly dataDir: string;
  /** Where the local pane starts; the user's home by default. */
  readonly localHome?: string;
  /** OpenSSH known_hosts to consult; `~/.ssh/known_hosts` by default. */
  readonly knownHostsPath?: string;
  /** Electron's `safeStorage` (desktop app); absent in the browser host, which then uses the master-password vault. */
  readonly safeStorage?: SafeStorageLike;
  /** Transfer-queue tuning (tests: faster progress batches). */
  readonly queueOptions?: TransferServiceOptions['queueOptions'];
  /** Opens files with the OS (edit, local.open); tests pass a no-op so nothing is launched. */
  readonly opener?: Opener;
  /** Remote editing's local-copy poll (tests: faster). */
  readonly editPollMs?: number;
}

export function createCore(options: CoreOptions): Core {
  const bus = createEventBus();
  const log = createLogService(bus);
  const prompts = createPromptService(bus);
  const store = createTrustStore(options.dataDir);
  const trust = createTrustService({
    store,
    prompts,
    knownHostsPath: options.knownHostsPath ?? join(homedir(), '.ssh', 'known_hosts'),
    log: (text) => log.write(null, 'info', text),
  });
  const sessions = createSessionService(log, trust);
  const secrets = chooseSecretStore({ dataDir: options.dataDir, mode: 'auto', safeStorage: options.safeStorage ?? null });
  const siteStore = createSiteStore(options.dataDir);
  let transfers: TransferService | null = null;
  const sites = createSitesService({ store: siteStore, secrets, prompts, sessions, bus, onSiteConnected: (siteKey, site) => transfers?.siteConnected(siteKey, site) });
  transfers = createTransferService({
    dataDir: options.dataDir,
    sessions,
    optionsForSite: (siteId) => sites.optionsForSite(siteId),
    security: trust,
    prompts,
    log,
    bus,
    ...(options.queueOptions ? { queueOptions: options.queueOptions } : {}),
  });
  const staging = createStagingService({ dataDir: options.dataDir, sessions, queue: transfers.queue, log: (text) => log.write(null, 'error', text) });
  const operations = createOperations();
  const opener = options.opener ?? osOpener;
  const fileOps = createFileOpsService({ sessions, operations, log, emit: (event) => bus.emit('fs.operation', event) });
  const edits = createEditService({
    sessions,
    opener,
    emit: (state) => bus.emit('edit.changed', state),
    log: (text) => log.write(null, 'info', text),
    ...(options.editPollMs !== undefined ? { pollMs: options.editPollMs } : {}),
  });
  const appInfo: AppInfo = {
    version: options.version,
    host: options.host,
    platform: process.platform,
    localHome: options.localHome ?? homedir(),
    localPathStyle: sep === '\\' ? 'win32' : 'posix',
  };
  const router = createRouter(
    createHandlers({
      appInfo,
      log,
      sessions,
      prompts,
      sites,
      transfers,
      staging,
      fileOps,
      edits,
      opener,
      forgetTrust: (kind, host, port) => trust.forget(kind, host, port),
      listTrust: () => store.list(),
    }),
  );
  return {
    bus,
    router,
    log,
    sessions,
    prompts,
    transfers,
    fileOps,
    edits,
    async shutdown() {
      operations.cancelAll();
      await edits.closeAll();
      await transfers.close();
      await sessions.closeAll();
      bus.flush();
    },
  };
}
