import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Child-process and real-database tests take seconds on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './vitest.closing-line.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'resonant',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'examples/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
        },
      },
      {
        // @resonant/ai-sdk supports the AI SDK's current major (7, which declares Node >= 22) and the
        // one before it (6, what Node 20 installs cleanly): its whole suite runs again on ai 7.
        extends: true,
        test: { name: 'ai-sdk on ai 7', include: ['packages/ai-sdk-adapter/src/**/*.test.ts'] },
        resolve: {
          alias: [
            { find: /^ai$/, replacement: 'ai-v7' },
            { find: /^ai\/test$/, replacement: 'ai-v7/test' },
          ],
        },
      },
    ],
  },
});
