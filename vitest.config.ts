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
  },
});
