/**
 * `local.open`: a local file handed to the OS default application. Only an
 * existing regular file is opened — never a folder or a missing path — and
 * files the OS would run rather than open (Windows executables and scripts,
 * Linux `.desktop` launchers, macOS `.app`/`.command`) are refused, since the
 * renderer is untrusted and a server can name a downloaded file anything.
 */
import { stat } from 'node:fs/promises';
import { FerryError } from '../../shared/errors.js';
import type { Opener } from '../host/os-opener.js';

const RUNNABLE: Partial<Record<NodeJS.Platform, RegExp>> = {
  win32: /\.(exe|com|bat|cmd|scr|pif|msi|msp|ps1|vbs|vbe|js|jse|wsf|wsh|hta|cpl|lnk|reg|url)$/i,
  linux: /\.desktop$/i,
  darwin: /\.(app|command|terminal|tool)$/i,
};

/** Refuses a path the OS default handler on `platform` would run instead of opening. */
export function assertOpenable(path: string, platform: NodeJS.Platform = process.platform): void {
  if (RUNNABLE[platform]?.test(path.replace(/[\\/]+$/, ''))) throw new FerryError('INVALID_PARAMS', `${path} is a program or launcher; Ferry does not run files. Open it from your file manager if you mean to.`);
}

export async function openLocalFile(path: string, opener: Opener): Promise<void> {
  assertOpenable(path);
  const st = await stat(path).catch(() => null);
  if (!st) throw new FerryError('NOT_FOUND', `${path} does not exist.`);
  if (!st.isFile()) throw new FerryError('INVALID_PARAMS', `${path} is not a file.`);
  opener(path, 'view');
}
