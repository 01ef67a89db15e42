/**
 * Test support: a fresh temp folder (under `testTmpDir()`) for every test of
 * the calling file or `describe` block, removed after each test. Read its
 * path through the returned function; it changes from test to test.
 */
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach } from 'vitest';
import { makeTempDir } from './temp-dir.js';

export function tempDirPerTest(prefix: string): () => string {
  let dir: string | undefined;
  beforeEach(async () => {
    dir = await makeTempDir(prefix);
  });
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    if (!dir) throw new Error('tempDirPerTest: the folder exists only while a test runs');
    return dir;
  };
}
