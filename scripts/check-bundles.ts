/**
 * Bundles each entry point of the built package the way an application bundler would, and checks:
 * - a service entry carries no other service's catalog table;
 * - each entry stays within its size budget (min+gz), with and without the catalog data;
 * - the Lobby client with its dependencies, as a browser bundle carries it, stays within its own;
 * - an adapter, and the Lobby client, carry none of their entries' reasons, notes and sources.
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

/**
 * Replaces the generated tables with empty ones, to measure our code apart from its data. The
 * build puts the tables inside shared chunks, so this bundles the sources the build bundles.
 */
const withoutTables: Plugin = {
  name: 'without-tables',
  setup(context) {
    context.onLoad({ filter: /[\\/]catalog[\\/]generated[\\/][a-z-]+\.ts$/ }, (args) => {
      const module = /([a-z-]+)\.ts$/.exec(args.path)?.[1] ?? '';
      // The list of services is no table: it is loaded as it is.
      if (module === 'services') return undefined;
      const name = module.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
      return { contents: `export const ${name}Codes = []; export const ${name}Catalog = [];`, loader: 'js' };
    });
  },
};

/** The source module the build made a dist/ entry from. */
function sourceOf(file: string): string {
  return join(ROOT, file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
}

async function bundle(entry: string, plugins: Plugin[], names = '*'): Promise<string> {
  const result = await build({
    stdin: { contents: `export ${names} from ${JSON.stringify(entry)};`, resolveDir: ROOT, loader: 'js' },
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

/**
 * Rows a service entry may carry from another's table: NEX results shown as 2815 codes are in
 * Coral's table, and the NEX adapter reads them.
 */
const SHARED_ROWS: Partial<Record<Service, (code: string) => boolean>> = { nex: (code) => code.startsWith('2815-') };

/** A few long descriptions that only one service's table holds, and `carrier` may not carry. */
function markersOf(service: Service, carrier: Service): string[] {
  const allowed = SHARED_ROWS[carrier] ?? ((): boolean => false);
  return catalog(service)
    .filter((entry) => !allowed(entry.code))
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
  const code = await bundle(sourceOf(file), [withoutTables]);
  const total = gzipSync(full).length;
  const own = gzipSync(code).length;
  rows.push(`${name.padEnd(28)} ${kb(total).padStart(10)} with tables   ${kb(own).padStart(10)} code only`);
  const budget = budgets[name];
  if (budget === undefined) problems.push(`${name}: no size budget in scripts/size-budget.json`);
  else {
    if (total > budget.total) problems.push(`${name}: ${kb(total)} with tables is over its budget of ${kb(budget.total)}`);
    if (own > budget.code) problems.push(`${name}: ${kb(own)} of code is over its budget of ${kb(budget.code)}`);
  }
  const own_service = SERVICES.find((service) => subpath === `./${service}`);
  if (own_service !== undefined) {
    for (const other of SERVICES.filter((service) => service !== own_service)) {
      if (markersOf(other, own_service).some((marker) => full.includes(marker))) problems.push(`${name}: carries ${other}'s catalog table`);
    }
  }
}

/** The reasons, notes and sources of a service's entries: only lookup, catalog and the CLI show them. */
function factsOf(service: Service): string[] {
  return [...new Set(catalog(service).flatMap((entry) => [entry.reason, entry.note, entry.source]).filter((text): text is string => text !== undefined && text.length > 40))].map((text) => JSON.stringify(text).slice(1, 41));
}

/** What an application that only classifies imports: the adapter, without the client. */
for (const service of SERVICES) {
  const name = `extralife/${service} adapter`;
  const entry = join(ROOT, `dist/services/${service}/index.js`);
  const withTables = await bundle(entry, [], `{ ${service}Adapter }`);
  const carried = factsOf(service).filter((text) => withTables.includes(text));
  if (carried.length > 0) problems.push(`${name}: carries ${carried.length} of its entries' reasons, notes or sources, which classifying never reads ("${carried[0] ?? ''}")`);
  const code = gzipSync(await bundle(sourceOf(`./dist/services/${service}/index.js`), [withoutTables], `{ ${service}Adapter }`)).length;
  rows.push(`${name.padEnd(28)} ${''.padStart(10)}               ${kb(code).padStart(10)} code only`);
  const budget = budgets[name];
  if (budget === undefined) problems.push(`${name}: no size budget in scripts/size-budget.json`);
  else if (code > budget.code) problems.push(`${name}: ${kb(code)} of code is over its budget of ${kb(budget.code)}`);
}

/** What a browser application carries for the Lobby client: ky, p-retry and neverthrow inside. */
{
  const name = 'createLobbyClient with dependencies';
  const result = await build({
    stdin: { contents: `export { createLobbyClient } from ${JSON.stringify(join(ROOT, 'dist/services/lobby/index.js'))};`, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text ?? '';
  const total = gzipSync(text).length;
  const carried = factsOf('lobby').filter((fact) => text.includes(fact));
  if (carried.length > 0) problems.push(`${name}: carries ${carried.length} of Lobby's reasons, notes or sources ("${carried[0] ?? ''}")`);
  rows.push(`${name.padEnd(28)} ${kb(total).padStart(10)} with ky, p-retry and neverthrow`);
  const budget = budgets[name];
  if (budget === undefined) problems.push(`${name}: no size budget in scripts/size-budget.json`);
  else if (total > budget.total) problems.push(`${name}: ${kb(total)} is over its budget of ${kb(budget.total)}`);
}

console.log(`bundles (min+gz, dependencies external but where said):\n${rows.map((row) => `  ${row}`).join('\n')}`);
if (problems.length > 0) {
  console.error(problems.map((line) => `  ${line}`).join('\n'));
  process.exit(1);
}
console.log('bundles: every service entry carries only its own table; every entry within budget');
