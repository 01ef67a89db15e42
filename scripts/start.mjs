#!/usr/bin/env node
/**
 * `npm start`: the Electron app when Electron's binary is there (or can be
 * downloaded now, as the `electron` package does on first use); otherwise the
 * browser host, after one line saying why. `--web` goes straight to the
 * browser host. Options after `--` go to the browser host (`--port N`, `--no-open`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const hostArgs = args.filter((arg) => arg !== '--web');

/** Resolves Electron's binary in a child process, which lets the package download it. Returns [path, null] or [null, why]. */
function findElectron() {
  if (process.env.FERRY_NO_ELECTRON) return [null, 'FERRY_NO_ELECTRON is set'];
  let packageDir;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return [null, 'the electron package is not installed'];
  }
  if (!existsSync(join(packageDir, 'path.txt')) && process.stdout.isTTY) {
    process.stdout.write("Fetching Electron's binary for the first run…\n");
  }
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require(process.argv[1]))', packageDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15 * 60 * 1000,
  });
  const binary = probe.stdout?.trim();
  if (probe.status !== 0 || !binary || !existsSync(binary)) {
    const reason = (probe.stderr || '').split('\n').find((line) => /Error|error:/.test(line)) ?? 'download failed';
    return [null, `Electron's binary is not installed and could not be downloaded (${reason.trim().slice(0, 160)})`];
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return [null, 'there is no display to open a window on (DISPLAY is not set)'];
  }
  return [binary, null];
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

const webHost = join(root, 'app', 'dist', 'main', 'web-host.cjs');
if (webOnly) {
  run(process.execPath, [webHost, ...hostArgs]);
} else {
  const [electron, why] = findElectron();
  if (electron) {
    run(electron, [root]);
  } else {
    process.stdout.write(`Starting the browser host instead of the desktop app: ${why}.\n`);
    run(process.execPath, [webHost, ...hostArgs]);
  }
}
