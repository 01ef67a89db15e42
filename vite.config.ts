/**
 * Builds the renderer. `base: './'` because Electron loads the page from
 * file:// (absolute /assets/... URLs would point at the disk root); the same
 * relative bundle is served by the browser host. Vite 8 compiles TSX itself
 * with oxc, so no React plugin is needed.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('./app/dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Electron 45 ships Chromium 142; the browser host is meant for current browsers.
    target: 'es2023',
    sourcemap: true,
    // No inline <script> or modulepreload polyfill: the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
