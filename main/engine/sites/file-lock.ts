/**
 * A lock file that serialises read-modify-write cycles on one JSON document
 * across Ferry processes (two Electron windows share a process, but the
 * browser host and a second app instance do not).
 *
 * The lock is a file created with `wx` (O_CREAT|O_EXCL: exactly one creator
 * wins, on every OS and on NFSv3+). It holds the owner's pid, host and a
 * random token. It is considered stale, and broken, when its owner on this
 * host is dead (a crash or SIGKILL mid-write) or when it has not been touched
 * for `staleMs` (an owner on another host, or a frozen one); a live owner
 * touches it every `staleMs / 3`, so a slow disk does not look like a crash.
 *
 * Breaking is done by renaming the stale file to a unique name (atomic: only
 * one breaker gets it) and checking that what we moved is the stale lock we
 * judged; if a faster process had meanwhile taken a fresh lock, it is linked
 * back (`link` fails rather than overwrite if yet another lock appeared).
 */
import { link, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { FerryError } from '../../../shared/errors.js';

export interface FileLockOptions {
  /** A lock untouched for this long is broken. */
  readonly staleMs?: number;
  /** Give up waiting after this long. */
  readonly timeoutMs?: number;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

const DEFAULT_STALE_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 15_000;

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner> | null;
    if (value && typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') return value as LockOwner;
  } catch {
    // a lock file torn by a crash between create and write: judged by its age alone
  }
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** Tries once to create the lock; true when we own it. */
async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  return true;
}

/** Breaks the lock at `path` if it is stale; true when the caller should try to create it again at once. */
async function breakIfStale(path: string, staleMs: number): Promise<boolean> {
  let text: string;
  let mtimeMs: number;
  try {
    [text, { mtimeMs }] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  } catch (error) {
    if (errno(error) === 'ENOENT') return true; // released meanwhile
    throw error;
  }
  const owner = parseOwner(text);
  const dead = owner !== null && owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
  if (!dead && Date.now() - mtimeMs < staleMs) return false;
  const aside = `${path}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (errno(error) === 'ENOENT') return true;
    throw error;
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== text) {
    // We took a lock someone created after our judgement: give it back unless yet another appeared.
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` while holding the lock file `path`, waiting (with jittered
 * back-off) while another process holds it. Fails with TIMEOUT after
 * `timeoutMs`. The lock is removed afterwards only if it is still ours.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(12).toString('hex') };
  const mine = JSON.stringify(owner);
  for (let attempt = 0; !(await tryCreate(path, owner)); attempt += 1) {
    if (await breakIfStale(path, staleMs)) continue;
    if (Date.now() > deadline) {
      throw new FerryError('TIMEOUT', `Another Ferry window is still saving (${path} is locked); try again in a moment.`);
    }
    await sleep(Math.min(5 * 2 ** Math.min(attempt, 4), 80) * (0.5 + Math.random()));
  }
  const touch = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, staleMs / 3);
  touch.unref();
  try {
    return await work();
  } finally {
    clearInterval(touch);
    const current = await readFile(path, 'utf8').catch(() => null);
    if (current === mine) await unlink(path).catch(() => undefined);
  }
}
