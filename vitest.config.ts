import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two test files at a time: every file isolates its own state (a PostgreSQL schema, a Redis key
    // prefix, port 0, a temporary folder), and CI has two cores. Set explicitly because the default
    // (available cores less one) is a single worker on a two-core machine.
    maxWorkers: 2,
    // Browser tests (test/console/*.browser.test.ts) use the built console: build it when missing or stale.
    globalSetup: ['test/console/global-setup.ts'],
  },
});
