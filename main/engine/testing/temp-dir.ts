/**
 * Where the harness puts server roots, configs, keys and certificates.
 * Creating files on this project's machines' ext4 disk costs ~2 ms each (the
 * 2,000-file fixture took 3-4 s), on tmpfs ~0.03 ms, so /dev/shm is preferred
 * when it is a writable folder; `FERRY_TEST_TMPDIR` overrides, os.tmpdir()
 * is the fallback. Mind the RAM when writing very large files there.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let base: string | undefined;

function usable(dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory()) return false;
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The base folder for all test temp folders (see module doc for the choice). */
export function testTmpDir(): string {
  base ??= process.env.FERRY_TEST_TMPDIR ?? (usable('/dev/shm') ? '/dev/shm' : tmpdir());
  return base;
}

/** `mkdtemp` under `testTmpDir()`, e.g. `makeTempDir('ferry-vsftpd-')`. */
export function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(testTmpDir(), prefix));
}
