/**
 * Owns every open session (the local disk is the permanent `local` one) and
 * routes file-system calls to the right `RemoteFs`. Connection errors are
 * logged once here, so the log and the UI tell the same story.
 */
import { randomUUID } from 'node:crypto';
import { FerryError } from '../../shared/errors.js';
import type { Listing } from '../../shared/model/entry.js';
import { isFtpFamily, LOCAL_SESSION, type ConnectOptions, type SessionInfo } from '../../shared/model/session.js';
import { FtpFs } from '../engine/ftp/ftp-fs.js';
import { LocalFs } from '../engine/local/local-fs.js';
import type { RemoteFs } from '../engine/remote-fs.js';
import type { ConnectContext, SecurityHooks } from '../engine/security-hooks.js';
import { SftpFs } from '../engine/sftp/sftp-fs.js';
import { toFerryError } from '../ipc/to-ferry-error.js';
import type { LogService } from './log-service.js';

export interface SessionService {
  connect(options: ConnectOptions): Promise<SessionInfo>;
  disconnect(sessionId: string): Promise<void>;
  list(sessionId: string, path: string): Promise<Listing>;
  closeAll(): Promise<void>;
}

/** Opens the adapter for a protocol; the one place that maps protocols to adapters. */
function openAdapter(options: ConnectOptions, context: ConnectContext) {
  return isFtpFamily(options.protocol) ? FtpFs.connect(options, context) : SftpFs.connect(options, context);
}

export function createSessionService(log: LogService, security: SecurityHooks): SessionService {
  const sessions = new Map<string, RemoteFs>([[LOCAL_SESSION, new LocalFs()]]);

  const get = (sessionId: string): RemoteFs => {
    const fs = sessions.get(sessionId);
    if (!fs) throw new FerryError('NOT_CONNECTED', 'That session is not connected (it may have been closed). Connect again.');
    return fs;
  };

  /** Logs a failure as one error line, then rethrows it unchanged. */
  const logged = async <T>(sessionId: string | null, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const ferry = toFerryError(error);
      // A prompt the user declined is their decision, not a failure.
      log.write(sessionId, ferry.code === 'CANCELLED' ? 'info' : 'error', ferry.message);
      throw ferry;
    }
  };

  return {
    connect(options) {
      const sessionId = randomUUID();
      return logged(sessionId, async () => {
        const { fs, facts } = await openAdapter(options, { log: log.forSession(sessionId), security });
        sessions.set(sessionId, fs);
        return {
          sessionId,
          protocol: options.protocol,
          host: options.host,
          port: options.port,
          user: options.user,
          home: facts.home,
          pathStyle: fs.pathStyle,
          system: facts.system,
          encryption: facts.encryption,
        };
      });
    },
    async disconnect(sessionId) {
      if (sessionId === LOCAL_SESSION) throw new FerryError('INVALID_PARAMS', 'The local side cannot be disconnected.');
      const fs = sessions.get(sessionId);
      sessions.delete(sessionId);
      await fs?.close();
      if (fs) log.write(sessionId, 'info', 'Disconnected.');
    },
    list(sessionId, path) {
      return logged(sessionId === LOCAL_SESSION ? null : sessionId, () => get(sessionId).list(path));
    },
    async closeAll() {
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.allSettled(open.map((fs) => fs.close()));
    },
  };
}
