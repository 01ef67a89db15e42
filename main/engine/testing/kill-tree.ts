/**
 * Kills a server's process group and every descendant: sshd puts each
 * connection in a new session (setsid), so killing the group alone would
 * leave live sessions behind. Linux only, like the servers.
 * (cleanup.ts holds a plain-JS copy of this for its watchdog process.)
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Every live descendant of `root`, read from /proc. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // exited while we looked
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const next = children.get(queue.shift() ?? -1) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

/**
 * Sends `signal` to `root`'s process group, `root` and all its descendants;
 * returns the pids signalled, so a caller can escalate on exactly those later
 * (once `root` is gone its orphans are re-parented and no longer found).
 */
export function killTree(root: number, signal: NodeJS.Signals, also: readonly number[] = []): number[] {
  const targets = [...new Set([root, ...descendants(root), ...also])];
  for (const target of [-root, ...targets]) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
  return targets;
}

/** True while `pid` exists (signal 0 probes without sending). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
