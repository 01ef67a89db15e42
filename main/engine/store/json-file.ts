/**
 * Small JSON documents on disk (trust store, later sites and queue), written
 * atomically: a temp file in the same folder, fsync, then rename — a crash
 * mid-write leaves the old file whole. A file that does not parse or fails
 * validation is moved aside as `name.corrupt-<time>` and reported, never
 * silently overwritten.
 */
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export type JsonReadResult<T> =
  | { readonly status: 'missing' }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'corrupt'; readonly reason: string; readonly backup: string };

/** Reads and validates a JSON file. `validate` returns the typed value or throws with a reason. */
export async function readJsonFile<T>(path: string, validate: (raw: unknown) => T): Promise<JsonReadResult<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  try {
    return { status: 'ok', value: validate(JSON.parse(text)) };
  } catch (error) {
    const backup = join(dirname(path), `${basename(path)}.corrupt-${Date.now()}`);
    await rename(path, backup);
    return { status: 'corrupt', reason: error instanceof Error ? error.message : String(error), backup };
  }
}

/**
 * Writes `value` as indented JSON (files people may read) so that readers see
 * either the old or the new document, never a torn one. Big machine-written
 * documents serialise themselves and use `writeTextFileAtomic` (the queue).
 */
export async function writeJsonFileAtomic(path: string, value: unknown, options: { readonly mode?: number } = {}): Promise<void> {
  await writeTextFileAtomic(path, JSON.stringify(value, null, 2), options);
}

/** Writes `text` and a newline (a document serialised by the caller) atomically, as `writeJsonFileAtomic` does. */
export async function writeTextFileAtomic(path: string, text: string, options: { readonly mode?: number } = {}): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', options.mode ?? 0o600);
  try {
    await handle.writeFile(`${text}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
