import { defineConfig } from 'vitest/config';

// Two cores: at most two test files at once, each with its own browser / Redis at most.
// Timeouts are generous: browser tests on a busy 2-core machine take several times their idle time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    reporters: ['default'],
    // opsbot processes started by tests don't extract 5 earlier days for the daily report's
    // comparison (test/integration/jobs/daily-history.test.ts covers that on its own).
    env: { OPSBOT_COMPUTE_MISSING_HISTORY: 'false' },
  },
});
