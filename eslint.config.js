// Layer rules from the design card: shared/ imports nothing of the other folders and nothing of
// React, Electron or Node's fs; generators/ import shared/ only (the CLI alone may use fs);
// electron/ imports shared/ only; renderer/ imports shared/ and generators/.
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
        patterns: [pattern(['**/generators/**', '**/renderer/**', '**/electron/**'], 'shared/ imports nothing from the other layers.')],
      }],
    },
  },
  {
    files: ['generators/**/*.ts'],
    ignores: ['generators/cli/**', 'generators/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...NODE_IO, ...UI].map((name) => ({ name, message: 'generators are pure functions Topology -> files; only the CLI does I/O.' })),
        patterns: [pattern(['**/renderer/**', '**/electron/**'], 'generators/ import shared/ only.')],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['react', 'react-dom'].map((name) => ({ name, message: 'electron/ is the shell; UI lives in renderer/.' })),
        patterns: [pattern(['**/renderer/**', '**/generators/**'], 'electron/ imports shared/ only.')],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...NODE_IO, 'electron'].map((name) => ({ name, message: 'renderer/ runs in a browser: no Node I/O or Electron; use the platform adapter.' })),
        patterns: [pattern(['**/electron/**'], 'renderer/ talks to the shell through the preload bridge only.')],
      }],
    },
  },
);
