/**
 * The standard "browse" tree that listing tests expect on every server: the
 * awkward names (spaces, non-ASCII, dot files), symlinks to a file and to a
 * folder, an empty folder, depth, and a folder large enough to expose paging,
 * truncation and slow parsing.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { giveToTestUser } from './ownership.js';

/** Exact content of `readme.txt`. */
export const README_TEXT = 'Hello from the Ferry test fixture.\nSecond line.\n';
/** Exact content of `nested/a/b/deep.txt`. */
export const DEEP_TEXT = 'deep file\n';
/** How many files `many/` holds. */
export const MANY_COUNT = 2000;

/** Names of the fixture entries, for assertions. */
export const BROWSE = {
  readme: 'readme.txt',
  spaces: 'folder with spaces',
  unicode: 'ünïcødé-名前.txt',
  empty: 'empty',
  fileLink: 'link-to-readme',
  dirLink: 'linkdir',
  hidden: '.hidden-file',
  nested: 'nested',
  deep: 'nested/a/b/deep.txt',
  many: 'many',
} as const;

/** `f0000.txt` … `f1999.txt`: the names inside `many/`. */
export function manyName(i: number): string {
  return `f${String(i).padStart(4, '0')}.txt`;
}

/**
 * Creates the browse fixture inside `root` (which may already hold files) and
 * hands everything to the test user, so every server can read, rename and
 * delete it. Symlinks are relative, so they resolve inside a chroot too.
 */
export async function makeBrowseFixture(root: string): Promise<void> {
  await writeFile(join(root, BROWSE.readme), README_TEXT);
  await mkdir(join(root, BROWSE.spaces), { recursive: true });
  await writeFile(join(root, BROWSE.spaces, 'inside.txt'), 'inside a folder with spaces\n');
  await writeFile(join(root, BROWSE.unicode), 'unicode name\n');
  await mkdir(join(root, BROWSE.empty), { recursive: true });
  await symlink(BROWSE.readme, join(root, BROWSE.fileLink));
  await symlink(BROWSE.spaces, join(root, BROWSE.dirLink));
  await writeFile(join(root, BROWSE.hidden), 'hidden\n');
  await mkdir(join(root, 'nested/a/b'), { recursive: true });
  await writeFile(join(root, BROWSE.deep), DEEP_TEXT);
  const many = join(root, BROWSE.many);
  await mkdir(many, { recursive: true });
  for (let i = 0; i < MANY_COUNT; i += 100) {
    const batch: Promise<void>[] = [];
    for (let j = i; j < Math.min(i + 100, MANY_COUNT); j++) batch.push(writeFile(join(many, manyName(j)), `file ${j}\n`));
    await Promise.all(batch);
  }
  await giveToTestUser(root);
}
