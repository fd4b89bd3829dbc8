/**
 * The code tables of the public NEX and MSNP sources, kept as data in catalog/sources/ (each with
 * its repository, path and commit), and what it takes for the catalog to agree with them: every
 * code of every table is in the catalog, under the name the table gives it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookup } from '../src/catalog/index.ts';
import type { CatalogEntry } from '../src/core/catalog-entry.ts';
import type { Service } from '../src/core/service.ts';
import { faultLocalName } from '../src/services/msnp/soap.ts';
import { MSNP_PAYLOAD_COMMANDS } from '../src/services/msnp/payload-commands.ts';

const SOURCES = join(import.meta.dirname, 'sources');

/** The tables this check reads, by file name in catalog/sources/. */
export const PROTO_TABLES = [
  'nex-errors-py',
  'nex-go-result-codes',
  'nex-kinnay-wiki-switch-codes',
  'nex-kinnay-wiki-wiiu-codes',
  'nex-kinnay-wiki-wiiu-messages',
  'nex-pretendo-wiki-switch-codes',
  'nex-pretendo-wiki-wiiu-codes',
  'nex-pretendo-wiki-wiiu-messages',
  'msnp-escargot-err',
  'msnp-msnpsharp-msnerror',
  'msnp-miranda-errors',
  'msnp-idcrl-error-codes',
  'msnp-libpurple-error-text',
  'msnp-bitlbee-status-codes',
  'msnp-kopete-errors',
  'msnp-amsn-errors',
  'msnp-escargot-soap-faults',
  'msnp-libpurple-soap-faults',
  'msnp-papyon-soap-faults',
  'msnp-amsn-soap-faults',
] as const;

/** One row of a code table: the code as the source writes it, and its name, text or wire form. */
export interface SourceRow {
  readonly code: string;
  /** The source's name for the code: the catalog must hold it as the entry's name or other name. */
  readonly name?: string;
  /** A message the source shows for the code (no name to compare). */
  readonly text?: string;
  readonly message?: string;
  /** A SOAP fault table's word as sent ('q0:AuthenticationFailed'), which `code` is the catalog's code for. */
  readonly sent?: string;
  /** Where in the fault document `sent` sits: 'faultcode', 'Subcode/Value', 'detail/errorcode', 'psf:value', ... */
  readonly element?: string;
}

/** A code table and where it comes from. */
export interface SourceTable {
  readonly file: string;
  readonly service: Service;
  readonly title: string;
  readonly repo: string;
  readonly path: string;
  readonly commit: string;
  readonly rows: readonly SourceRow[];
}

/** The MSNP payload-command table: every command a source reads a payload after, per dialect. */
export interface PayloadTable {
  readonly rows: readonly { readonly command: string; readonly since: number; readonly minParams: number; readonly readBy: readonly string[]; readonly example: string }[];
  readonly sources: Readonly<Record<string, { readonly repo: string; readonly path: string; readonly commit: string }>>;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(SOURCES, `${file}.json`), 'utf8'));
}

/** Every code table this check reads. */
export function readProtoTables(): readonly SourceTable[] {
  return PROTO_TABLES.map((file) => ({ file, ...(readJson(file) as Omit<SourceTable, 'file'>) }));
}

/** The payload-command table. */
export function readPayloadTable(): PayloadTable {
  return readJson('msnp-payload-commands') as PayloadTable;
}

const namesOf = (entry: CatalogEntry): readonly string[] => [entry.name, ...(entry.otherNames ?? [])];

/** Why one row of a table disagrees with the catalog, or undefined when it agrees. */
export function checkRow(table: SourceTable, row: SourceRow): string | undefined {
  const entry = lookup(table.service, row.code);
  if (entry === undefined) return 'not in the catalog';
  if (row.name !== undefined) {
    if (!namesOf(entry).includes(row.name)) return `catalog names ${entry.code} "${entry.name}", the source says "${row.name}"`;
    const byName = lookup(table.service, row.name);
    if (byName !== entry) return `the name "${row.name}" finds ${byName === undefined ? 'nothing' : byName.code}, not ${entry.code}`;
  }
  if (row.sent !== undefined) {
    const family = /^(?:psf|oim|ab):(.+)$/.exec(entry.code)?.[1];
    if (family === undefined) return row.sent === entry.code ? undefined : `sent as ${row.sent}, but the catalog's code is ${entry.code}`;
    if (faultLocalName(row.sent) !== family) return `sent as ${row.sent}, which is not ${entry.code}`;
    // A prefixed wire form is a name the code goes by ('q0:AuthenticationFailed'), found by lookup.
    if (row.sent.includes(':') && row.sent !== entry.code && lookup(table.service, row.sent) !== entry) return `the wire form ${row.sent} does not find ${entry.code}`;
  }
  return undefined;
}

/** Why the payload-command table and the adapter's list disagree, one line per difference. */
export function checkPayloadCommands(table: PayloadTable): readonly string[] {
  const problems: string[] = [];
  const listed = new Set(table.rows.map((row) => row.command));
  for (const row of table.rows) {
    const known = MSNP_PAYLOAD_COMMANDS.get(row.command);
    if (known === undefined) problems.push(`${row.command}: a payload command the sources read, missing from payload-commands.ts`);
    else if (known.since !== row.since || known.minParams !== row.minParams) {
      problems.push(`${row.command}: payload-commands.ts says since ${known.since}, ${known.minParams} parameters; the sources say since ${row.since}, ${row.minParams}`);
    }
    for (const source of row.readBy) if (table.sources[source] === undefined) problems.push(`${row.command}: unknown source "${source}"`);
  }
  for (const command of MSNP_PAYLOAD_COMMANDS.keys()) if (!listed.has(command)) problems.push(`${command}: in payload-commands.ts but read by no source`);
  return problems;
}
