/**
 * Test support only: the queue against the harness's real servers — an
 * `open` factory per server kind (the adapters as they are), and an
 * instrument that records every transfer call's offset and byte count.
 */
import type { LogKind } from '../../../shared/model/log.js';
import type { ConnectOptions, Protocol } from '../../../shared/model/session.js';
import { FtpFs } from '../ftp/ftp-fs.js';
import { SftpFs } from '../sftp/sftp-fs.js';
import type { RunningServer } from '../testing/servers/index.js';
import { trustingSecurity } from '../testing/test-security.js';
import type { OpenConnection } from './connection-pool.js';
import type { QueueFs } from './queue-fs.js';

export interface TransferCall {
  readonly op: 'upload' | 'download';
  readonly path: string;
  readonly offset: number;
  /** Bytes the call moved; null when it did not complete. */
  bytes: number | null;
}

export interface ServerQueueFs {
  readonly open: OpenConnection;
  readonly calls: TransferCall[];
  /** Every connection opened so far (to force failures from outside). */
  readonly opened: QueueFs[];
  readonly log: [LogKind, string][];
  /** Connections open now, and the most at once. */
  readonly live: { now: number; peak: number };
  /** Called on every progress report of every transfer call, with the connection it runs on. */
  onProgress: (call: TransferCall, bytes: number, fs: QueueFs) => void;
}

export function connectOptions(server: RunningServer, protocol: Protocol, extra: Partial<ConnectOptions> = {}): ConnectOptions {
  return { protocol, host: server.host, port: server.port, user: server.user, password: server.password, transferMode: 'passive', timeoutMs: 10_000, ...extra };
}

/** Connections to `server` for the queue, recording transfer calls. */
export function serverQueueFs(server: RunningServer, protocol: Protocol, extra: Partial<ConnectOptions> = {}): ServerQueueFs {
  const calls: TransferCall[] = [];
  const opened: QueueFs[] = [];
  const log: [LogKind, string][] = [];
  const live = { now: 0, peak: 0 };
  const context = { log: (kind: LogKind, text: string) => void log.push([kind, text]), security: trustingSecurity() };
  const open: OpenConnection = async () => {
    const options = connectOptions(server, protocol, extra);
    const fs: QueueFs = protocol === 'sftp' ? (await SftpFs.connect(options, context)).fs : (await FtpFs.connect(options, context)).fs;
    for (const op of ['upload', 'download'] as const) {
      const original = fs[op].bind(fs);
      fs[op] = async (a, b, options = {}) => {
        const call: TransferCall = { op, path: op === 'upload' ? b : a, offset: options.offset ?? 0, bytes: null };
        calls.push(call);
        const onProgress = (bytes: number): void => {
          options.onProgress?.(bytes);
          result.onProgress(call, bytes, fs);
        };
        const done = await original(a, b, { ...options, onProgress });
        call.bytes = done.bytes;
        return done;
      };
    }
    const close = fs.close.bind(fs);
    let closed = false;
    fs.close = async () => {
      if (!closed) live.now--;
      closed = true;
      await close();
    };
    live.now++;
    live.peak = Math.max(live.peak, live.now);
    opened.push(fs);
    return fs;
  };
  const result: ServerQueueFs = { open, calls, opened, log, live, onProgress: () => {} };
  return result;
}
