/**
 * Where Ferry keeps its files: `FERRY_DATA_DIR` when set (tests, portable
 * installs, several hosts side by side), otherwise the platform's usual
 * per-user application-data folder. Created on first use, private (0700).
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FERRY_DATA_DIR) return resolve(env.FERRY_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Ferry');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Ferry');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ferry');
}

export function ensureDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
