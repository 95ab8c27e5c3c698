import { defineConfig } from 'vitest/config';

// Two cores: at most two test files at once, each with its own browser / Redis at most.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
