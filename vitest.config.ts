import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'bench/**/*.test.ts'],
    // Child-process and real-database tests take seconds on a busy 2-core machine.
    testTimeout: 60_000,
    reporters: ['default', './vitest.closing-line.ts'],
    hookTimeout: 60_000,
  },
});
