// Layer rules from the design card: shared/ imports nothing of the other folders and nothing of
// React, Electron or Node's fs; generators/ import shared/ only (the CLI alone may use fs);
// electron/ imports shared/ and node-io/; renderer/ imports shared/ and generators/; node-io/ (the
// file reader and atomic writer of the CLI and the Electron shell) imports shared/ only, and only
// generators/cli/ and electron/ may import it.
import tseslint from 'typescript-eslint';

const NODE_IO = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'path', 'node:path', 'os', 'node:os'];
const UI = ['react', 'react-dom', 'react-dom/client', 'electron', '@xyflow/react', 'zustand'];
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'electron/dist/**', 'release/**', 'out/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...NODE_IO, ...UI].map((name) => ({ name, message: 'shared/ is the pure domain: no Node I/O, React, Electron or store.' })),
        patterns: [pattern(['**/generators/**', '**/renderer/**', '**/electron/**', '**/node-io/**'], 'shared/ imports nothing from the other layers.')],
      }],
    },
  },
  {
    files: ['generators/**/*.ts'],
    ignores: ['generators/cli/**', 'generators/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...NODE_IO, ...UI].map((name) => ({ name, message: 'generators are pure functions Topology -> files; only the CLI does I/O.' })),
        patterns: [pattern(['**/renderer/**', '**/electron/**', '**/node-io/**'], 'generators/ import shared/ only (node-io/ is for the CLI and the Electron shell).')],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['react', 'react-dom'].map((name) => ({ name, message: 'electron/ is the shell; UI lives in renderer/.' })),
        patterns: [pattern(['**/renderer/**', '**/generators/**'], 'electron/ imports shared/ and node-io/ only.')],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...NODE_IO, 'electron'].map((name) => ({ name, message: 'renderer/ runs in a browser: no Node I/O or Electron; use the platform adapter.' })),
        patterns: [
          pattern(['**/electron/**'], 'renderer/ talks to the shell through the preload bridge only.'),
          pattern(['**/node-io/**'], 'renderer/ runs in a browser: node-io/ is for the CLI and the Electron shell.'),
        ],
      }],
    },
  },
  {
    files: ['node-io/**/*.ts'],
    ignores: ['node-io/**/*.test.ts', 'node-io/test-support/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: UI.map((name) => ({ name, message: 'node-io/ is plain Node file I/O: no React, Electron or store.' })),
        patterns: [pattern(['**/generators/**', '**/renderer/**', '**/electron/**'], 'node-io/ imports shared/ only.')],
      }],
    },
  },
);
