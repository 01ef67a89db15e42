/**
 * Binds the services to the contract's methods: the router's handler table.
 * Kept as the one place that says which service answers which method.
 */
import type { AppInfo } from '../../shared/model/session.js';
import type { Handlers } from '../ipc/router.js';
import type { LogService } from './log-service.js';
import type { PromptService } from './prompt-service.js';
import type { SessionService } from './session-service.js';
import type { SitesService } from './sites-service.js';
import type { StagingService } from './staging-service.js';
import type { TransferService } from './transfer-service.js';
import type { TrustList } from '../../shared/model/sites-state.js';
import type { Opener } from '../host/os-opener.js';
import type { EditService } from './edit-service.js';
import type { FileOpsService } from './file-ops-service.js';
import { openLocalFile } from './local-open.js';

export interface Services {
  readonly appInfo: AppInfo;
  readonly log: LogService;
  readonly sessions: SessionService;
  readonly prompts: PromptService;
  readonly forgetTrust: (kind: 'certificate' | 'host-key', host: string, port: number) => Promise<boolean>;
  readonly listTrust: () => Promise<TrustList>;
  readonly sites: SitesService;
  readonly transfers: TransferService;
  readonly staging: StagingService;
  readonly fileOps: FileOpsService;
  readonly edits: EditService;
  readonly opener: Opener;
}

const EMPTY: Record<string, never> = {};

export function createHandlers(services: Services): Handlers {
  return {
    'app.info': async () => services.appInfo,
    'session.connect': async (params) => {
      const session = await services.sessions.connect(params);
      await services.sites.remember(params).catch(() => undefined); // history is best effort
      return session;
    },
    'session.disconnect': async ({ sessionId }) => {
      await services.sessions.disconnect(sessionId);
      return {};
    },
    'fs.list': ({ sessionId, path, cached }) => services.sessions.list(sessionId, path, cached ?? false),
    'log.history': async () => services.log.history(),
    'prompt.answer': async ({ promptId, answer }) => ({ accepted: services.prompts.answer(promptId, answer) }),
    'prompt.pending': async () => services.prompts.pending(),
    'trust.forget': async ({ kind, host, port }) => ({ removed: await services.forgetTrust(kind, host, port) }),
    'trust.list': () => services.listTrust(),
    'sites.get': () => services.sites.get(),
    'sites.save': (params) => services.sites.save(params),
    'sites.createFolder': ({ parentId, name }) => services.sites.createFolder(parentId, name),
    'sites.rename': ({ id, name }) => services.sites.rename(id, name),
    'sites.duplicate': ({ id }) => services.sites.duplicate(id),
    'sites.delete': ({ id }) => services.sites.delete(id),
    'sites.move': ({ id, parentId, index }) => services.sites.move(id, parentId, index),
    'sites.connect': ({ siteId }) => services.sites.connect(siteId),
    'sites.import': ({ format, text }) => services.sites.import(format, text),
    'sites.export': () => services.sites.export(),
    ...queueHandlers(services),
    ...fileOpsHandlers(services),
  };
}

/** File operations, remote editing and opening local files. */
function fileOpsHandlers({ fileOps, edits, opener }: Services): Pick<Handlers, Extract<keyof Handlers, `edit.${string}` | `local.${string}`> | 'fs.stat' | 'fs.mkdir' | 'fs.createFile' | 'fs.rename' | 'fs.delete' | 'fs.chmod' | 'fs.search' | 'fs.cancel'> {
  return {
    'fs.stat': ({ sessionId, path }) => fileOps.stat(sessionId, path),
    'fs.mkdir': async ({ sessionId, path }) => (await fileOps.mkdir(sessionId, path), EMPTY),
    'fs.createFile': async ({ sessionId, path }) => (await fileOps.createFile(sessionId, path), EMPTY),
    'fs.rename': async ({ sessionId, from, to }) => (await fileOps.rename(sessionId, from, to), EMPTY),
    'fs.delete': ({ sessionId, paths, operationId }) => fileOps.delete(sessionId, paths, operationId),
    'fs.chmod': ({ sessionId, paths, mode, recursive, operationId }) => fileOps.chmod(sessionId, paths, mode, recursive, operationId),
    'fs.search': ({ sessionId, operationId, ...query }) => fileOps.search(sessionId, query, operationId),
    'fs.cancel': async ({ operationId }) => ({ cancelled: fileOps.cancel(operationId) }),
    'edit.open': ({ sessionId, path }) => edits.open(sessionId, path),
    'edit.upload': ({ editId, force }) => edits.upload(editId, force),
    'edit.reload': ({ editId }) => edits.reload(editId),
    'edit.close': async ({ editId, neverAskAgain }) => (await edits.close(editId, neverAskAgain === true), EMPTY),
    'local.open': async ({ path }) => (await openLocalFile(path, opener), EMPTY),
  };
}

/** The transfer queue's methods and the browser host's staging of dropped files. */
function queueHandlers({ transfers, staging }: Services): Pick<Handlers, Extract<keyof Handlers, `queue.${string}` | `staging.${string}`>> {
  const queue = transfers.queue;
  /** Runs a steering call on the queue; they answer nothing. */
  const steer = async (run: (q: Awaited<ReturnType<typeof queue>>) => void): Promise<Record<string, never>> => {
    run(await queue());
    return EMPTY;
  };
  return {
    'queue.snapshot': async () => (await queue()).snapshot(),
    'queue.add': ({ sessionId, items }) => transfers.add(sessionId, items),
    'queue.pause': ({ ids }) => steer((q) => q.pause(ids)),
    'queue.resume': ({ ids }) => steer((q) => q.resume(ids)),
    'queue.cancel': ({ ids }) => steer((q) => q.cancel(ids)),
    'queue.retry': ({ ids }) => steer((q) => q.retry(ids)),
    'queue.remove': ({ ids }) => steer((q) => q.remove(ids)),
    'queue.moveToTop': ({ ids }) => steer((q) => q.moveToTop(ids)),
    'queue.moveToBottom': ({ ids }) => steer((q) => q.moveToBottom(ids)),
    'queue.clearDone': () => steer((q) => q.clearDone()),
    'queue.updateSettings': async (patch) => (await queue()).updateSettings(patch),
    'staging.begin': ({ batchId, relativePath, size }) => staging.begin(batchId, relativePath, size),
    'staging.write': ({ stageId, offset, data }) => staging.write(stageId, offset, data),
    'staging.commit': ({ batchId, sessionId, remoteDir }) => staging.commit(batchId, sessionId, remoteDir),
    'staging.abort': ({ batchId }) => staging.abort(batchId),
  };
}
