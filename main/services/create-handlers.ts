/**
 * Binds the services to the contract's methods: the router's handler table.
 * Kept as the one place that says which service answers which method.
 */
import type { AppInfo } from '../../shared/model/session.js';
import type { Handlers } from '../ipc/router.js';
import type { LogService } from './log-service.js';
import type { PromptService } from './prompt-service.js';
import type { SessionService } from './session-service.js';

export interface Services {
  readonly appInfo: AppInfo;
  readonly log: LogService;
  readonly sessions: SessionService;
  readonly prompts: PromptService;
  readonly forgetTrust: (kind: 'certificate' | 'host-key', host: string, port: number) => Promise<boolean>;
}

export function createHandlers(services: Services): Handlers {
  return {
    'app.info': async () => services.appInfo,
    'session.connect': (params) => services.sessions.connect(params),
    'session.disconnect': async ({ sessionId }) => {
      await services.sessions.disconnect(sessionId);
      return {};
    },
    'fs.list': ({ sessionId, path }) => services.sessions.list(sessionId, path),
    'log.history': async () => services.log.history(),
    'prompt.answer': async ({ promptId, answer }) => ({ accepted: services.prompts.answer(promptId, answer) }),
    'prompt.pending': async () => services.prompts.pending(),
    'trust.forget': async ({ kind, host, port }) => ({ removed: await services.forgetTrust(kind, host, port) }),
  };
}
