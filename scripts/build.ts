/**
 * Builds the package into dist/ (or `--outDir <dir>`):
 * - the types with tsc, one .d.ts per source module, where package.json's `exports` name them;
 * - the JavaScript with esbuild: one file per entry point of `exports` and one for the command
 *   line, at the same paths, and the code two or more entries share in dist/chunks/, once. An
 *   entry then loads a handful of files instead of one per source module, and shared code (the
 *   error class above all) is one module, so `instanceof` holds across entries.
 *
 *   npm run build
 *   node scripts/build.ts --outDir /tmp/extralife-dist
 *
 * Silent when it succeeds, as tsc is: `npm pack --json` runs it and prints JSON.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const at = process.argv.indexOf('--outDir');
const outDir = resolve(at === -1 ? join(ROOT, 'dist') : (process.argv[at + 1] ?? 'dist'));

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | { default?: string }> };
const built = Object.values(manifest.exports)
  .map((target) => (typeof target === 'string' ? undefined : target.default))
  .filter((file): file is string => file?.startsWith('./dist/') === true);
// bin/extralife.js loads the command line from dist/cli/main.js.
const entries = [...built, './dist/cli/main.js'].map((file) => file.replace(/^\.\/dist\//, '').replace(/\.js$/, ''));

rmSync(outDir, { recursive: true, force: true });
execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--emitDeclarationOnly', '--outDir', outDir], { cwd: ROOT, stdio: 'inherit' });
await build({
  entryPoints: Object.fromEntries(entries.map((entry) => [entry, join(ROOT, 'src', `${entry}.ts`)])),
  outdir: outDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2023',
  // ky, p-retry, neverthrow, msw, node-redis and Node's own modules stay imports, resolved by the user.
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
