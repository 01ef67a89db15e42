// Lint enforces the layers (see ../shared/notes/architecture.md and DEVELOPERS.md):
// shared imports nothing of ours and no runtime; main/engine never imports electron;
// the renderer imports only shared; raw ipcMain/ipcRenderer only in the bridge and preload.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'net', 'tls', 'crypto', 'child_process', 'http', 'stream', 'events', 'url', 'util', 'buffer'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'app/dist/**', 'dist/**', 'scripts/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  // Tool config files must default-export (vite/vitest look for it).
  { files: ['*.config.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/renderer/**', '../../main/*', '../../renderer/*'], message: 'shared/ imports nothing of ours outside shared/.' },
            { group: [...nodeBuiltins, 'electron', 'react', 'react-dom', 'ws', 'basic-ftp', 'ssh2'], message: 'shared/ is runtime-free: no Node, DOM or Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'main/engine is plain Node: never import electron.' },
            { group: ['**/renderer/**', '**/services/**', '**/host/**', '**/electron/**', '**/preload/**'], message: 'main/engine depends only on shared/ and Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/ipc/electron-bridge.ts', 'main/preload/**', 'main/electron/**', 'main/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'Only the Electron glue (main/electron, main/preload, main/ipc/electron-bridge.ts) imports electron.' },
            { group: ['**/renderer/**'], message: 'main never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '../main/*', '../../main/*'], message: 'The renderer depends on shared/ only.' },
            { group: [...nodeBuiltins, 'electron', 'ws', 'basic-ftp', 'ssh2'], message: 'The renderer runs in a sandboxed page: no Node, no Electron.' },
          ],
        },
      ],
    },
  },
);
