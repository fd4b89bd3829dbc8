import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const manifest = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { name: string; exports: Record<string, { default?: string } | string> };

/**
 * `extralife` and its subpaths mean the sources, as in tsconfig.json's `paths`: the examples and
 * the docs' snippets import the package by name, and the suite tests what the checkout holds.
 */
const sources = Object.entries(manifest.exports).flatMap(([subpath, target]) => {
  const built = typeof target === 'object' ? target.default : undefined;
  if (built === undefined || !built.startsWith('./dist/')) return [];
  const name = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
  const source = fileURLToPath(new URL(built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'), import.meta.url));
  return [{ find: new RegExp(`^${name.replace('/', '\\/')}$`), replacement: source }];
});

export default defineConfig({
  resolve: { alias: sources },
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
