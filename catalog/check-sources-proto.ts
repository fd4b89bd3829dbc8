/**
 * Proves the catalog holds every code of the NEX and MSNP source tables in catalog/sources/,
 * under the name each table gives it, and that the MSNP adapter steps over the payload of every
 * command the sources read one after.
 *
 *   node catalog/check-sources-proto.ts
 */
import { checkPayloadCommands, checkRow, readPayloadTable, readProtoTables } from './proto-sources.ts';

const failures: string[] = [];
let rows = 0;
const tables = readProtoTables();
for (const table of tables) {
  for (const row of table.rows) {
    rows += 1;
    const problem = checkRow(table, row);
    if (problem !== undefined) failures.push(`  ${table.file} ${row.code}${row.name === undefined ? '' : ` ${row.name}`}: ${problem}`);
  }
}
const payload = readPayloadTable();
const payloadProblems = checkPayloadCommands(payload);
failures.push(...payloadProblems.map((line) => `  msnp-payload-commands ${line}`));

const perService = (service: string): string => {
  const own = tables.filter((table) => table.service === service);
  return `${service} ${own.length} tables, ${own.reduce((sum, table) => sum + table.rows.length, 0)} rows`;
};
console.log(
  `sources: ${tables.length} tables, ${rows} rows (${perService('nex')}; ${perService('msnp')}), ${payload.rows.length} payload commands; ${failures.length} mismatches`,
);
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
