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
import type { TrustList } from '../../shared/model/sites-state.js';

export interface Services {
  readonly appInfo: AppInfo;
  readonly log: LogService;
  readonly sessions: SessionService;
  readonly prompts: PromptService;
  readonly forgetTrust: (kind: 'certificate' | 'host-key', host: string, port: number) => Promise<boolean>;
  readonly listTrust: () => Promise<TrustList>;
  readonly sites: SitesService;
}

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
    'fs.list': ({ sessionId, path }) => services.sessions.list(sessionId, path),
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
  };
}
