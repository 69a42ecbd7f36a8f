import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Fixed order and seed so failures reproduce (grammY's habit).
    sequence: { seed: 20261127 },
    testTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});
