/**
 * File ownership for server roots. The test process runs as root, but the FTP
 * and SFTP sessions run as the `ferrytest` account: anything a test writes into
 * a server root must be handed over or the server sees "permission denied".
 */
import { lchown, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureTestUser } from './system-user.js';

/** Recursively `lchown`s `path` and everything below it (symlinks themselves, not their targets). */
export async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await lchown(path, uid, gid);
  const st = await lstat(path);
  if (!st.isDirectory()) return;
  const names = await readdir(path);
  // Bounded fan-out: a 2,000-file fixture folder must not open 2,000 handles at once.
  for (let i = 0; i < names.length; i += 64) {
    await Promise.all(names.slice(i, i + 64).map((n) => chownTree(join(path, n), uid, gid)));
  }
}

/**
 * Gives `path` (recursively) to the test user, so every server can read,
 * overwrite and delete it. Call it after writing fixture files into a root.
 */
export async function giveToTestUser(path: string): Promise<void> {
  const user = await ensureTestUser();
  await chownTree(path, user.uid, user.gid);
}
