/**
 * Proves the catalog holds every code of every table extracted from the services' own SDKs and
 * clients (catalog/sources/*.json), under the name the source spells, and that a lookup by that
 * name finds it.
 *
 *   node catalog/check-sources.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalog, lookup } from '../src/catalog/index.ts';
import { isService, type Service } from '../src/core/service.ts';

const SOURCES = join(import.meta.dirname, 'sources');

/** One extracted table: where it was read, and every code in it as the source spells it. */
export interface SourceTable {
  readonly about: string;
  readonly service: Service;
  readonly repo?: string;
  readonly path?: string;
  readonly page?: string;
  readonly tag?: string;
  readonly commit?: string;
  readonly codes: readonly { readonly code: string; readonly name?: string; readonly label?: string }[];
}

/**
 * Every extracted table of the HTTP services, by file name. The NEX and MSNP tables, whose rows
 * carry more than a code and a name, are checked by check-sources-proto.ts.
 */
export function readSourceTables(folder: string = SOURCES): { readonly file: string; readonly table: SourceTable }[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, table: JSON.parse(readFileSync(join(folder, file), 'utf8')) as SourceTable }))
    .filter(({ table }) => Array.isArray(table.codes));
}

/** What is wrong with one row of a table, or undefined when the catalog holds it under its name. */
export function checkRow(service: Service, code: string, name: string | undefined): string | undefined {
  const byCode = lookup(service, code);
  if (byCode === undefined) return 'not in the catalog';
  if (name === undefined) return undefined;
  const atCode = catalog(service).filter((entry) => entry.code === byCode.code);
  if (!atCode.some((entry) => entry.name === name || (entry.otherNames ?? []).includes(name))) {
    return `catalog names ${byCode.code} ${atCode.map((entry) => `"${entry.name}"`).join(', ')}, the source says "${name}"`;
  }
  const byName = lookup(service, name);
  if (byName === undefined) return `lookup by the name "${name}" finds nothing`;
  if (byName.code === byCode.code) return undefined;
  // A name the source gives two codes (the v4 page's Punishment 464, the SDKs' 461) finds one of them.
  const sharedAt = catalog(service).filter((entry) => entry.name === name || (entry.otherNames ?? []).includes(name)).map((entry) => entry.code);
  return sharedAt.includes(byName.code) && sharedAt.length > 1 ? undefined : `lookup by the name "${name}" finds ${byName.code}, not ${byCode.code}`;
}

function main(): void {
  const failures: string[] = [];
  const lines: string[] = [];
  let rows = 0;
  for (const { file, table } of readSourceTables()) {
    if (!isService(table.service)) {
      failures.push(`  ${file}: service "${String(table.service)}" is not a service`);
      continue;
    }
    if (table.repo === undefined && table.page === undefined) failures.push(`  ${file}: names neither a repository nor a page`);
    let byCode = 0;
    let byName = 0;
    for (const row of table.codes) {
      rows += 1;
      const problem = checkRow(table.service, row.code, row.name);
      if (problem !== undefined) {
        failures.push(`  ${file} ${row.code} ${row.name ?? ''}: ${problem}`);
        continue;
      }
      byCode += 1;
      if (row.name !== undefined) byName += 1;
    }
    lines.push(`  ${file.replace(/\.json$/, '')} (${table.service}): ${table.codes.length} codes, ${byCode} found by code, ${byName} of ${table.codes.filter((row) => row.name !== undefined).length} names found by name`);
  }
  console.log(`sources: ${rows} rows read, ${failures.length} missing or misnamed\n${lines.join('\n')}`);
  if (failures.length > 0) {
    console.error(failures.join('\n'));
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
