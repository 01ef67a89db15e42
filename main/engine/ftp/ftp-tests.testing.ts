/**
 * Test support only: what the FTP adapter's integration tests share —
 * connect options for a harness server, a log recorder that keeps the order
 * of commands and hook calls, and random files with their SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { LogKind } from '../../../shared/model/log.js';
import type { ConnectOptions, Protocol, TransferMode } from '../../../shared/model/session.js';
import type { ProtocolLog } from '../protocol-log.js';
import { removeOnExit } from '../testing/cleanup.js';
import type { RunningServer } from '../testing/servers/index.js';
import { makeTempDir } from '../testing/temp-dir.js';

/** Connect options for a harness server (10 s timeout: proftpd greets slowly under back-to-back connects). */
export function serverOptions(server: RunningServer, protocol: Protocol, extra: Partial<ConnectOptions> = {}): ConnectOptions {
  const transferMode: TransferMode = 'passive';
  return { protocol, host: server.host, port: server.port, user: server.user, password: server.password, transferMode, timeoutMs: 10_000, ...extra };
}

export interface LogRecorder {
  readonly log: ProtocolLog;
  readonly lines: [LogKind, string][];
  /** Index of the first command line starting with `verb ` (or equal to it), or -1. */
  indexOfCommand(verb: string): number;
  /** True when any command line starts with `verb`. */
  sent(verb: string): boolean;
}

export function recordLog(): LogRecorder {
  const lines: [LogKind, string][] = [];
  const indexOfCommand = (verb: string): number => lines.findIndex(([kind, text]) => kind === 'command' && (text === verb || text.startsWith(`${verb} `)));
  return {
    log: (kind, text) => lines.push([kind, text]),
    lines,
    indexOfCommand,
    sent: (verb) => indexOfCommand(verb) >= 0,
  };
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function sha256File(path: string): Promise<string> {
  return sha256(await readFile(path));
}

/** Writes `bytes` random bytes to `path` and returns them. */
export async function writeRandomFile(path: string, bytes: number): Promise<Buffer> {
  const data = randomBytes(bytes);
  await writeFile(path, data);
  return data;
}

export function join(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** A local temp folder (tmpfs when available) removed when the test process ends. */
export async function localTempDir(prefix: string): Promise<string> {
  const dir = await makeTempDir(prefix);
  removeOnExit(dir);
  return dir;
}
