/**
 * Starts the built browser host (app/dist/main/web-host.cjs) as a user would
 * with `npm run web -- --no-open --port 0`, on its own data folder, and reads
 * the one URL line it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '..', '..');

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Everything the host printed, for failure messages. */
  output(): string;
  /** Stops the host; removes its data folder unless the caller supplied it. */
  stop(): Promise<void>;
  /** Kills the host at once (SIGKILL), as a crash would; the data folder stays. */
  crash(): Promise<void>;
}

/** Starts a host; `dataDir` reuses a data folder (e.g. after `crash()`), which is then left in place. */
export async function startBrowserHost(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<BrowserHost> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ferry-e2e-data-')));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'app/dist/main/web-host.cjs'), '--no-open', '--port', '0'], {
    env: { ...process.env, FERRY_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host printed no URL within 15 s:\n${output}`)), 15_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      output += `${line}\n`;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async crash() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
