/**
 * Makes sure servers and temp folders never outlive the test process.
 *
 * Servers run detached (own process group) and would keep ports and CPU if a
 * test forgot `stop()` or crashed. A process 'exit' hook is not enough: vitest
 * kills its fork workers without emitting 'exit'. So each test process also
 * starts one watchdog (plain `node -e`, its own process group) that reads
 * registrations on a pipe; when the pipe closes, however the test process
 * died, the watchdog kills what is still registered and removes the folders.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { killTree } from './kill-tree.js';

const WATCHDOG = `
const fs = require('fs');
const groups = new Set(), paths = new Set();
let buf = '';
function killTree(root, sig) {
  const children = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync('/proc/' + name + '/stat', 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) || []), Number(name)]);
    } catch {}
  }
  const found = [], queue = [root];
  while (queue.length) { const next = children.get(queue.shift()) || []; found.push(...next); queue.push(...next); }
  for (const t of [-root, root, ...found]) { try { process.kill(t, sig); } catch {} }
}
function finish() {
  for (const pid of groups) killTree(pid, 'SIGKILL');
  for (const p of paths) { try { fs.rmSync(p, { recursive: true, force: true }); } catch {} }
  process.exit(0);
}
process.on('SIGINT', () => {}); process.on('SIGHUP', () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  for (let i = buf.indexOf('\\n'); i >= 0; i = buf.indexOf('\\n')) {
    const m = JSON.parse(buf.slice(0, i)); buf = buf.slice(i + 1);
    const set = m.kind === 'group' ? groups : paths;
    if (m.add) set.add(m.value); else set.delete(m.value);
  }
});
process.stdin.on('end', finish);
process.stdin.on('error', finish);
`;

const exitTasks = new Set<() => void>();
let hooked = false;
let watchdog: ChildProcess | undefined;

function tell(kind: 'group' | 'path', value: number | string, add: boolean): void {
  if (!watchdog) {
    watchdog = spawn(process.execPath, ['-e', WATCHDOG], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    watchdog.on('error', () => {}); // best effort: the exit hook still runs where it can
    watchdog.stdin?.on('error', () => {});
    watchdog.unref();
    (watchdog.stdin as Socket | null)?.unref();
  }
  watchdog.stdin?.write(`${JSON.stringify({ kind, value, add })}\n`);
}

function onExit(task: () => void): () => void {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const t of [...exitTasks]) {
        try {
          t();
        } catch {
          // best effort: the process is going away
        }
      }
    });
  }
  exitTasks.add(task);
  return () => void exitTasks.delete(task);
}

/**
 * Kills the process group led by `pid` (and every descendant, for servers
 * like sshd that put sessions in their own groups) if the test process ends
 * first. Returns the function to call once the server was stopped normally.
 */
export function guardProcess(pid: number): () => void {
  tell('group', pid, true);
  const off = onExit(() => killTree(pid, 'SIGKILL'));
  return () => {
    off();
    tell('group', pid, false);
  };
}

/** Removes `path` (recursively) if the test process ends first; returns the unregister function. */
export function removeOnExit(path: string): () => void {
  tell('path', path, true);
  const off = onExit(() => rmSync(path, { recursive: true, force: true }));
  return () => {
    off();
    tell('path', path, false);
  };
}
