/**
 * Bundles each entry point of the built package the way an application bundler would, and checks:
 * - a service entry carries no other service's catalog table;
 * - each entry stays within its size budget (min+gz), with and without the catalog data.
 *
 *   npm run build && node scripts/check-bundles.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { SERVICES, type Service } from '../src/core/service.ts';
import { catalog } from '../src/catalog/index.ts';

const ROOT = join(import.meta.dirname, '..');
const budgets = JSON.parse(readFileSync(join(ROOT, 'scripts', 'size-budget.json'), 'utf8')) as Record<string, { total: number; code: number }>;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | { default: string }> };
const external = ['ky', 'neverthrow', 'p-retry', 'msw', 'msw/*', 'node:*'];

/** Replaces the generated tables with empty ones, to measure our code apart from its data. */
const withoutTables: Plugin = {
  name: 'without-tables',
  setup(context) {
    context.onLoad({ filter: /[\\/]catalog[\\/]generated[\\/][a-z]+\.js$/ }, (args) => {
      const service = /([a-z]+)\.js$/.exec(args.path)?.[1] ?? '';
      return { contents: `export const ${service}Catalog = [];`, loader: 'js' };
    });
  },
};

async function bundle(entry: string, plugins: Plugin[]): Promise<string> {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(entry)};`, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external,
    write: false,
    treeShaking: true,
    logLevel: 'silent',
    plugins,
  });
  return result.outputFiles[0]?.text ?? '';
}

/** A few long descriptions that only one service's table holds. */
function markersOf(service: Service): string[] {
  return catalog(service)
    .map((entry) => entry.description)
    .filter((text) => text.length > 40)
    .slice(0, 5)
    .map((text) => text.slice(0, 40));
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
const problems: string[] = [];
const rows: string[] = [];

for (const subpath of Object.keys(pkg.exports).filter((key) => key !== './package.json')) {
  const name = subpath === '.' ? 'extralife' : `extralife/${subpath.slice(2)}`;
  const target = pkg.exports[subpath];
  const file = typeof target === 'string' ? target : target?.default;
  if (file === undefined) continue;
  const entry = join(ROOT, file);
  const full = await bundle(entry, []);
  const code = await bundle(entry, [withoutTables]);
  const total = gzipSync(full).length;
  const own = gzipSync(code).length;
  rows.push(`${name.padEnd(22)} ${kb(total).padStart(10)} with tables   ${kb(own).padStart(10)} code only`);
  const budget = budgets[name];
  if (budget === undefined) problems.push(`${name}: no size budget in scripts/size-budget.json`);
  else {
    if (total > budget.total) problems.push(`${name}: ${kb(total)} with tables is over its budget of ${kb(budget.total)}`);
    if (own > budget.code) problems.push(`${name}: ${kb(own)} of code is over its budget of ${kb(budget.code)}`);
  }
  const own_service = SERVICES.find((service) => subpath === `./${service}`);
  if (own_service !== undefined) {
    for (const other of SERVICES.filter((service) => service !== own_service && !(own_service === 'coral' && service === 'nex'))) {
      if (markersOf(other).some((marker) => full.includes(marker))) problems.push(`${name}: carries ${other}'s catalog table`);
    }
  }
}

console.log(`bundles (min+gz, dependencies external):\n${rows.map((row) => `  ${row}`).join('\n')}`);
if (problems.length > 0) {
  console.error(problems.map((line) => `  ${line}`).join('\n'));
  process.exit(1);
}
console.log('bundles: every service entry carries only its own table; every entry within budget');
