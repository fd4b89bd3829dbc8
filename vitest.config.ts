import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
