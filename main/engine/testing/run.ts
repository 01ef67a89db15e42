/**
 * A tiny promise wrapper around `spawn` for the harness's set-up commands
 * (openssl, ssh-keygen, useradd, pure-pw). Not for the servers themselves:
 * those are long-running and go through `servers/launch.ts`.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What a finished command printed and how it exited. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Input, environment and failure handling for `run`. */
export interface RunOptions {
  /** Written to the command's stdin, which is then closed. */
  readonly input?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Resolve with the exit code instead of rejecting on a non-zero one. */
  readonly allowFailure?: boolean;
  /** Kill the command after this long (default 60 s): set-up must never hang a test run. */
  readonly timeoutMs?: number;
}

/**
 * Runs a command to completion. Rejects with the command line and its stderr
 * when it exits non-zero (unless `allowFailure`), so a failed set-up step
 * explains itself in the test output.
 */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} could not start: ${err.message}`, { cause: err }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? -1, stdout, stderr };
      if (code === 0 || opts.allowFailure) resolve(result);
      else {
        const why = signal ? `signal ${signal}` : `exit ${code}`;
        reject(new Error(`${cmd} ${args.join(' ')} failed (${why}): ${stderr.trim() || stdout.trim()}`));
      }
    });
    child.stdin.on('error', () => {}); // the command may exit before reading its input
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Absolute path of `cmd` on PATH, also searching the sbin folders a non-login
 * PATH may lack; null when absent. Absolute because sshd refuses to start
 * otherwise (it re-executes itself).
 */
export function findCommand(cmd: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const dir of dirs) {
    if (!dir.startsWith('/')) continue;
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return join(dir, cmd);
    } catch {
      // not here
    }
  }
  return null;
}
