/**
 * Runs a peer client to completion; rejects with its exit status and stderr.
 * The client runs under `bash -c '…; times'` so its CPU time (user + system,
 * children included) is known: a measure the machine's load blurs far less
 * than wall time.
 */
import { spawn } from 'node:child_process';

const WRAPPER = '"$@"; rc=$?; echo "@@times" >&2; times >&2; exit $rc';

function parseTimes(text: string): number | null {
  // `times` prints the shell's own user/sys, then its children's: "0m1.234s 0m0.567s".
  const lines = text.split('\n').filter((l) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(l.trim()));
  const children = lines[1]?.trim().split(' ');
  if (!children) return null;
  const secs = (v: string): number => {
    const m = /^(\d+)m([\d.]+)s$/.exec(v);
    return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  };
  return children.reduce((sum, v) => sum + secs(v), 0);
}

/** Resolves with the command's CPU seconds (user + system), or null when unknown. */
export function runCommand(cmd: string, args: readonly string[], timeoutMs = 600_000): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', WRAPPER, 'bench', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let tail = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 8000) stderr += d;
      tail = (tail + d).slice(-400);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const marker = tail.lastIndexOf('@@times');
      const cpu = marker >= 0 ? parseTimes(tail.slice(marker)) : null;
      if (code === 0) resolve(cpu);
      else {
        const own = (marker >= 0 ? stderr.slice(0, stderr.lastIndexOf('@@times')) : stderr).trim();
        reject(new Error(`${cmd} failed (${signal ?? `exit ${code}`}): ${own.split('\n').slice(-3).join(' | ')}`));
      }
    });
  });
}
