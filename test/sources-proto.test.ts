/**
 * Every code of the NEX and MSNP source tables kept in catalog/sources/ is in the catalog, found
 * by its code and by its name, and classifies to that entry.
 */
import { describe, expect, it } from 'vitest';
import { checkPayloadCommands, checkRow, readPayloadTable, readProtoTables, type SourceRow, type SourceTable } from '../catalog/proto-sources.ts';
import { classify } from '../src/classify.ts';
import { lookup } from '../src/catalog/index.ts';

const tables = readProtoTables();

describe('the source tables', () => {
  it('name their repository, path and commit', () => {
    for (const table of tables) {
      expect(table.repo, table.file).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(table.path.length, table.file).toBeGreaterThan(0);
      expect(table.commit, table.file).toMatch(/^[0-9a-f]{40}$/);
      expect(table.rows.length, table.file).toBeGreaterThan(0);
    }
  });

  it('cover NintendoClients and nex-go in full: the same 271 NEX codes', () => {
    const codes = (file: string): string[] => (tables.find((table) => table.file === file)?.rows ?? []).map((row) => row.code).sort();
    expect(codes('nex-errors-py')).toHaveLength(271);
    expect(codes('nex-go-result-codes')).toEqual(codes('nex-errors-py'));
  });

  it('agree with the payload commands the MSNP adapter steps over', () => {
    expect(checkPayloadCommands(readPayloadTable())).toEqual([]);
  });
});

const rowsOf = (table: SourceTable): (readonly [string, SourceRow])[] => table.rows.map((row) => [`${row.code} ${row.name ?? row.sent ?? ''}`.trim(), row]);

describe.each(tables.map((table) => [table.file, table] as const))('%s', (_file, table) => {
  it.each(rowsOf(table))('%s is in the catalog under that name', (_label, row) => {
    expect(checkRow(table, row)).toBeUndefined();
    const entry = lookup(table.service, row.code);
    expect(entry?.service).toBe(table.service);
    if (row.name !== undefined) {
      expect(lookup(table.service, row.name)).toBe(entry);
      expect([entry?.name, ...(entry?.otherNames ?? [])]).toContain(row.name);
    }
    // Classifying the code as the source writes it finds the same entry. NEX tables write result
    // codes without the error bit, and 0x00010001 alone is the success result: classify the error.
    const raw = table.service === 'nex' && row.code.startsWith('0x') ? (Number(row.code) | 0x80000000) >>> 0 : row.code;
    const error = classify(table.service, raw);
    expect(error.code).toBe(entry?.code);
    expect(error.codeName).toBe(entry?.name);
  });
});
