import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the built renderer in Debian's Chromium, driven by playwright-core.
 * The global setup builds the app once and serves it on a free loopback port.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // The browser waits on a shared, busy machine: give expect.poll more than its 1 s default.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
