import { defineConfig } from 'vitest/config';

/** Tests that drive a real headless Chromium; `.ci/run` installs it first. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
