import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests need Chromium installed: `npm run test:browser`, which `.ci/run` also runs.
    exclude: ['test/browser/**', '**/node_modules/**'],
    typecheck: {
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    benchmark: {
      include: ['bench/**/*.bench.ts'],
    },
    // No test waits on the clock for long (waits use fake timers or events), so these limits only
    // catch a hang; they are far above anything a test takes on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    unstubGlobals: true,
    restoreMocks: true,
  },
});
