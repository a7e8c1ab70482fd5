import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One test file at a time on CI's two cores. Every file isolates its own state (a PostgreSQL
    // schema scoped even in introspection, a Redis key prefix, port 0, a temporary folder), so two
    // at a time is correct; but a CI run with two failed on load alone: child-process tests
    // (crash safety, the rolling restart) starved while a browser test ran beside them. Raise it
    // on machines with more cores.
    maxWorkers: 1,
    // Browser tests (test/console/*.browser.test.ts) use the built console: build it when missing or stale.
    globalSetup: ['test/console/global-setup.ts'],
  },
});
