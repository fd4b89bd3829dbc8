/**
 * Proves the catalog holds every code of every seed document, under the name the document
 * gives (or a documented correction of it), with a description in our own words.
 *
 *   node catalog/check-seeds.ts [seed folder]   (default: ../shared/seeds beside the repository)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookup } from '../src/catalog/index.ts';
import type { CatalogEntry } from '../src/core/catalog-entry.ts';
import { readSeeds, type SeedRow } from './seeds.ts';

const ROOT = join(import.meta.dirname, '..');
const folder = process.argv[2] ?? process.env.EXTRALIFE_SEEDS ?? join(ROOT, '..', 'shared', 'seeds');

interface Correction {
  code: string;
  name: string;
  seedCode?: string;
}

/** Entries whose code the data corrects from what a seed says (the RendezVous shift). */
function corrections(service: string): Correction[] {
  const data = JSON.parse(readFileSync(join(ROOT, 'catalog', 'data', `${service}.json`), 'utf8')) as { entries: Correction[] };
  return data.entries.filter((entry) => entry.seedCode !== undefined);
}

const words = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

function check(row: SeedRow): string | undefined {
  const corrected = corrections(row.service).find((entry) => entry.seedCode === row.code && entry.name === row.name);
  const entry: CatalogEntry | undefined = lookup(row.service, corrected?.code ?? row.code);
  if (entry === undefined) return 'not in the catalog';
  const names = [entry.name, ...(entry.otherNames ?? [])];
  // A seed row may share its code with another name (platform 406): find that one by name.
  const named = names.includes(row.name) || row.name === '' ? entry : lookup(row.service, row.name);
  if (named?.code !== entry.code) return `catalog names ${entry.code} "${entry.name}", the seed says "${row.name}"`;
  for (const other of row.otherNames) {
    if (!(named.otherNames ?? []).includes(other) && named.name !== other) return `other name "${other}" is missing`;
  }
  if (row.hresult !== undefined && named.hresult !== row.hresult) return `HRESULT ${named.hresult ?? 'none'}, the seed says ${row.hresult}`;
  if (row.text !== undefined && words(row.text) === words(named.description)) return 'description is copied from the seed, not written anew';
  if (named.description.trim() === '') return 'description is empty';
  return undefined;
}

const rows = readSeeds(folder);
const failures: string[] = [];
const counts = new Map<string, number>();
for (const row of rows) {
  const problem = check(row);
  if (problem === undefined) counts.set(row.service, (counts.get(row.service) ?? 0) + 1);
  else failures.push(`  ${row.file} ${row.service} ${row.code} ${row.name}: ${problem}`);
}
const found = [...counts].map(([service, count]) => `${service} ${count}`).join(', ');
console.log(`seeds: ${rows.length} rows read, ${rows.length - failures.length} found in the catalog (${found}), ${failures.length} missing or wrong`);
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
