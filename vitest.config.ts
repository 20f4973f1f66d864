import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'generators/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'electron/**/*.test.ts', 'node-io/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/tools/**/*.test.ts', 'test/golden/**/*.test.ts'],
    exclude: ['node_modules/**', 'test/e2e/**'],
    // The CLI tests run the built command (bin/topoforge.mjs -> dist/cli/): build it first.
    globalSetup: ['test/setup/build-cli.mjs'],
    testTimeout: 30000,
    pool: 'forks',
  },
});
