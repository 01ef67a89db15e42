#!/usr/bin/env node
/**
 * Builds everything `npm start` / `npm run web` need into app/dist:
 * the renderer with Vite, the main-process entries with esbuild (CommonJS,
 * because Electron's sandboxed preload must be CommonJS and one format keeps
 * it simple). Dependencies stay external and load from node_modules.
 */
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const quiet = process.argv.includes('--quiet');

const entries = {
  'web-host': 'main/host/web-host.ts',
  'electron-main': 'main/electron/electron-main.ts',
  preload: 'main/preload/preload.ts',
};

await esbuild({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: 'app/dist/main',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  external: ['electron'],
  sourcemap: true,
  define: { FERRY_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});

await viteBuild({ root: join(root, 'renderer'), configFile: join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'warn' });
if (!quiet) process.stdout.write('Ferry built into app/dist\n');
