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
    unstubGlobals: true,
    restoreMocks: true,
  },
});
