/**
 * Starts a server process detached (its own process group), waits until it
 * really serves (TCP accept AND greeting), and stops it with everything it
 * forked. sshd puts each connection in a new session (setsid), so killing the
 * group alone would leave sessions alive: stop also kills every descendant.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect as tlsConnect } from 'node:tls';
import { guardProcess } from '../cleanup.js';
import { LOOPBACK } from '../free-port.js';
import { isAlive, killTree } from '../kill-tree.js';
import type { ServerKind } from './types.js';

/** How to run one server process and how to tell that it is ready. */
export interface LaunchSpec {
  readonly kind: ServerKind;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly port: number;
  /** 'ftp' waits for the final `220 ` line, 'ssh' for the `SSH-` banner. */
  readonly greeting: 'ftp' | 'ssh';
  /** Implicit FTPS: the greeting only comes after a TLS handshake. */
  readonly implicitTls?: boolean;
  /** Log files whose tails explain a failed start. */
  readonly logFiles?: readonly string[];
  /**
   * Give the server this file as its stdin, opened for writing: vsftpd (built
   * for inetd) writes start-up errors to fd 0, so they would otherwise be lost.
   */
  readonly stdinLog?: string;
  /** Runs after the server is dead (remove its folders); also runs when the start fails. */
  readonly onStopped?: () => Promise<void>;
  readonly timeoutMs?: number;
}

/** A server process that has greeted; `stop` ends it and everything it forked. */
export interface Launched {
  readonly pid: number;
  /** Kills the server and all it forked, then removes `cleanup`; idempotent. */
  stop(): Promise<void>;
}

function tail(text: string, lines = 30): string {
  return text.split('\n').slice(-lines).join('\n').trim();
}

/** One attempt to read the greeting; resolves false when the port is not accepting yet. */
function probe(spec: LaunchSpec, budgetMs: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const sock: Socket = spec.implicitTls
      ? tlsConnect({ host: LOOPBACK, port: spec.port, rejectUnauthorized: false, servername: 'localhost' })
      : connect({ host: LOOPBACK, port: spec.port });
    const done = (fn: () => void): void => {
      clearTimeout(timer);
      sock.destroy();
      fn();
    };
    const timer = setTimeout(() => done(() => resolve(false)), budgetMs);
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => {
      buf += d;
      if (spec.greeting === 'ssh' && buf.includes('SSH-')) done(() => resolve(true));
      if (spec.greeting === 'ftp') {
        if (/^220 /m.test(buf)) done(() => resolve(true));
        else if (/^[45]\d\d /m.test(buf)) done(() => reject(new Error(`greeting refused: ${buf.trim()}`)));
      }
    });
    sock.on('error', () => done(() => resolve(false)));
    sock.on('close', () => done(() => resolve(false)));
  });
}

/** Spawns the server and resolves once it greets; rejects (and cleans up) with its output tail otherwise. */
export async function launch(spec: LaunchSpec): Promise<Launched> {
  const timeoutMs = spec.timeoutMs ?? 15_000;
  let output = '';
  const stdinFd = spec.stdinLog ? openSync(spec.stdinLog, 'a') : 'ignore';
  const child = spawn(spec.command, [...spec.args], {
    detached: true,
    stdio: [stdinFd, 'pipe', 'pipe'],
    env: { ...process.env, ...spec.env },
  });
  if (typeof stdinFd === 'number') closeSync(stdinFd); // the child holds its own copy
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    stream.setEncoding('utf8').on('data', (d: string) => (output = (output + d).slice(-32_000)));
    (stream as unknown as Socket).unref();
  }
  child.unref();
  let exited: string | null = null;
  const exitedPromise = new Promise<void>((res) => {
    child.on('exit', (code, sig) => {
      exited = sig ? `killed by ${sig}` : `exited with ${code}`;
      res();
    });
    child.on('error', (err) => {
      exited = `could not start: ${err.message}`;
      res();
    });
  });
  const pid = child.pid ?? -1;
  const unguard = pid > 0 ? guardProcess(pid) : () => {};

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (pid > 0 && exited === null) {
        const tree = killTree(pid, 'SIGTERM');
        await Promise.race([exitedPromise, sleep(3_000)]);
        const left = tree.filter(isAlive);
        if (left.length > 0) killTree(pid, 'SIGKILL', left);
        await Promise.race([exitedPromise, sleep(2_000)]);
      } else if (pid > 0) {
        killTree(pid, 'SIGKILL'); // sessions of a server that died on its own
      }
      unguard();
      await spec.onStopped?.();
    })();
    return stopping;
  };

  const explain = async (why: string): Promise<Error> => {
    const logs = [...(spec.stdinLog ? [spec.stdinLog] : []), ...(spec.logFiles ?? [])]
      .map((f) => {
        try {
          return `--- ${f}\n${tail(readFileSync(f, 'utf8'))}`;
        } catch {
          return '';
        }
      })
      .filter(Boolean);
    const msg = [`${spec.kind} on port ${spec.port}: ${why}`, `--- output\n${tail(output)}`, ...logs].join('\n');
    await stop();
    return new Error(msg);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) throw await explain(`server ${exited} before greeting`);
    const left = deadline - Date.now();
    if (left <= 0) throw await explain(`no greeting within ${timeoutMs} ms`);
    try {
      if (await probe(spec, Math.min(left, 3_000))) return { pid, stop };
    } catch (err) {
      throw await explain((err as Error).message);
    }
    await sleep(50);
  }
}
