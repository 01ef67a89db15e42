/**
 * The composition root shared by both hosts (Electron and browser): event
 * bus, services, handlers and router. Hosts add only their transport.
 */
import { homedir } from 'node:os';
import { sep } from 'node:path';
import type { AppInfo } from '../../shared/model/session.js';
import { createEventBus, type EventBus } from '../ipc/event-bus.js';
import { createRouter, type Router } from '../ipc/router.js';
import { createHandlers } from './create-handlers.js';
import { createLogService, type LogService } from './log-service.js';
import { createSessionService, type SessionService } from './session-service.js';

export interface Core {
  readonly bus: EventBus;
  readonly router: Router;
  readonly log: LogService;
  readonly sessions: SessionService;
  shutdown(): Promise<void>;
}

export interface CoreOptions {
  readonly host: AppInfo['host'];
  readonly version: string;
  /** Where the local pane starts; the user's home by default. */
  readonly localHome?: string;
}

export function createCore(options: CoreOptions): Core {
  const bus = createEventBus();
  const log = createLogService(bus);
  const sessions = createSessionService(log);
  const appInfo: AppInfo = {
    version: options.version,
    host: options.host,
    platform: process.platform,
    localHome: options.localHome ?? homedir(),
    localPathStyle: sep === '\\' ? 'win32' : 'posix',
  };
  const router = createRouter(createHandlers({ appInfo, log, sessions }));
  return {
    bus,
    router,
    log,
    sessions,
    async shutdown() {
      await sessions.closeAll();
      bus.flush();
    },
  };
}
