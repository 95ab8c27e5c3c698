import { defineConfig } from 'vitest/config';

// Two cores: at most two test files at once, each with its own browser / Redis at most.
// Timeouts are generous: browser tests on a busy 2-core machine take several times their idle time.
//
// Two lanes (DESIGN.md, Tests). `unit` is test/unit/: pure logic, and its setup file makes starting
// a child process (browser, redis-server, CLI), listening on a port or opening a connection throw,
// so the lane stays fast without anyone watching. `integration` is everything else under test/.
// `vitest run` runs both; `vitest run test/unit` (npm run test:unit) only the unit project's files.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/unit/setup/forbid-io.ts', 'test/unit/setup/every-test-asserts.ts'],
          // Pure logic keeps no state between files, so a worker imports each module once instead
          // of once per file: the lane took 102 s of CPU isolated, 36 s shared (same results).
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: ['test/unit/**'] },
      },
    ],
  },
});
