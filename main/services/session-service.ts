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
import type { FileOpsFs } from '../engine/remote-fs.js';
import type { ConnectContext, SecurityHooks } from '../engine/security-hooks.js';
import { SftpFs } from '../engine/sftp/sftp-fs.js';
import { toFerryError } from '../ipc/to-ferry-error.js';
import type { LogService } from './log-service.js';
import { asksPassword, capturePassword, withPassword } from './password-capture.js';
import { quickSiteKey } from './site-key.js';
import { createListingCache } from './listing-cache.js';

export interface SessionService {
  /**
   * Opens a browsing session. `siteKey` names the pool the queue uses for it
   * (`site:<id>` when connected from the Site Manager); a quick connect gets
   * its `quick:` key. The options are remembered per session and per key, in
   * memory only, so the queue can open more connections like it.
   */
  connect(options: ConnectOptions, siteKey?: string): Promise<SessionInfo>;
  /** The site key of a connected remote session; NOT_CONNECTED when unknown (or the local side). */
  siteKeyOf(sessionId: string): string;
  /** The options last connected with under this key in this run (password included), if any. */
  optionsFor(siteKey: string): ConnectOptions | undefined;
  disconnect(sessionId: string): Promise<void>;
  /** Lists a folder; `cached` may answer from the listing cache (remote sessions only). */
  list(sessionId: string, path: string, cached?: boolean): Promise<Listing>;
  /** Forgets cached listings touched by Ferry's own changes (`paths` changed, their folders too). */
  invalidate(sessionId: string, paths: readonly string[]): void;
  /** The same for every session of a site key (transfers run on their own connections). */
  invalidateSite(siteKey: string, paths: readonly string[]): void;
  /** The file system behind a session (`local` included), for file operations; NOT_CONNECTED when unknown. */
  fs(sessionId: string): FileOpsFs;
  closeAll(): Promise<void>;
}

/** Opens the adapter for a protocol; the one place that maps protocols to adapters. */
export function openAdapter(options: ConnectOptions, context: ConnectContext) {
  return isFtpFamily(options.protocol) ? FtpFs.connect(options, context) : SftpFs.connect(options, context);
}

export function createSessionService(log: LogService, security: SecurityHooks): SessionService {
  const sessions = new Map<string, FileOpsFs>([[LOCAL_SESSION, new LocalFs()]]);
  /** Per remote session: its site key. Never persisted, never sent to the renderer. */
  const keys = new Map<string, string>();
  /** Per site key: the options last connected with (passwords included), in memory only. */
  const remembered = new Map<string, ConnectOptions>();
  const cache = createListingCache();

  const get = (sessionId: string): FileOpsFs => {
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
    connect(options, siteKey) {
      const sessionId = randomUUID();
      const key = siteKey ?? quickSiteKey(options);
      return logged(sessionId, async () => {
        const capture = capturePassword(security);
        const { fs, facts } = await openAdapter(options, { log: log.forSession(sessionId), security: capture.security });
        sessions.set(sessionId, fs);
        keys.set(sessionId, key);
        const typed = capture.captured();
        remembered.set(key, typed !== undefined && asksPassword(options) ? withPassword(options, typed) : options);
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
      keys.delete(sessionId);
      cache.drop(sessionId);
      await fs?.close();
      if (fs) log.write(sessionId, 'info', 'Disconnected.');
    },
    siteKeyOf(sessionId) {
      const key = keys.get(sessionId);
      if (key === undefined || !sessions.has(sessionId)) {
        throw new FerryError('NOT_CONNECTED', 'That session is not connected (it may have been closed). Connect again.');
      }
      return key;
    },
    optionsFor: (siteKey) => remembered.get(siteKey),
    list(sessionId, path, cached = false) {
      if (sessionId === LOCAL_SESSION) return logged(null, () => get(sessionId).list(path));
      const hit = cached ? cache.get(sessionId, path) : undefined;
      if (hit) return Promise.resolve(hit);
      return logged(sessionId, async () => {
        const listing = await get(sessionId).list(path);
        cache.put(sessionId, path, listing);
        return listing;
      });
    },
    invalidate: (sessionId, paths) => cache.invalidate(sessionId, paths),
    invalidateSite(siteKey, paths) {
      for (const [sessionId, key] of keys) if (key === siteKey) cache.invalidate(sessionId, paths);
    },
    fs: get,
    async closeAll() {
      const open = [...sessions.values()];
      sessions.clear();
      keys.clear();
      await Promise.allSettled(open.map((fs) => fs.close()));
    },
  };
}
