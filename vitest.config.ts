import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Browser tests (test/console/*.browser.test.ts) use the built console: build it when missing or stale.
    globalSetup: ['test/console/global-setup.ts'],
  },
});
