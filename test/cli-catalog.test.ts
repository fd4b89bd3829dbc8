import { describe, expect, it } from 'vitest';
import { catalog, lookup } from '../src/catalog/index.ts';
import type { CatalogEntry } from '../src/core/catalog-entry.ts';
import { EXIT } from '../src/cli/io.ts';
import { explainEntry, type ExplainedEntry } from '../src/cli/match.ts';
import { run } from '../src/cli/run.ts';
import { toDisplayCode } from '../src/services/nex/result-code.ts';

/** The matches `extralife explain <args> --json` prints, with the exit status checked. */
function explain(...args: string[]): readonly ExplainedEntry[] {
  let stdout = '';
  const status = run(['explain', ...args, '--json'], {
    stdout: (text) => { stdout += text; },
    stderr: () => undefined,
    color: false,
    version: '0.0.0',
  });
  expect(status).toBe(EXIT.ok);
  return (JSON.parse(stdout) as { matches: readonly ExplainedEntry[] }).matches;
}

const label = (entry: CatalogEntry): string => `${entry.service} ${entry.code} ${entry.name}`;
const rows = (entries: readonly CatalogEntry[]): (readonly [string, CatalogEntry])[] => entries.map((entry) => [label(entry), entry]);

describe('every catalog entry is explained', () => {
  it.each(rows(catalog()))('%s, by code and service', (_, entry) => {
    const matches = explain(entry.code, '--service', entry.service);
    expect(matches).toContainEqual(explainEntry(entry));
    expect(matches[0]?.code).toBe(entry.code);
    expect(matches.every((match) => match.service === entry.service)).toBe(true);
  });

  it.each(rows(catalog()))('%s, by code alone, beside any other service that reads the code', (_, entry) => {
    const matches = explain(entry.code);
    expect(matches).toContainEqual(explainEntry(entry));
    for (const match of matches) {
      const sameCode = lookup(match.service, entry.code)?.code === match.code;
      const names = [match.name, ...(match.otherNames ?? [])].map((name) => name.toLowerCase());
      const sameHresult = match.hresult?.toLowerCase() === entry.code.toLowerCase();
      expect(sameCode || sameHresult || names.includes(entry.code.toLowerCase()), label(match)).toBe(true);
    }
  });

  it.each(rows(catalog().filter((entry) => entry.name !== entry.code)))('%s, by name', (_, entry) => {
    expect(explain(entry.name, '--service', entry.service)).toContainEqual(explainEntry(entry));
  });
});

describe('the shape of a code picks the service', () => {
  const nex = catalog('nex');

  // Coral's 2815 codes are NEX results too: both catalogs hold them.
  const voiceChat = (entry: CatalogEntry): boolean => entry.code.startsWith('2815-');

  it.each(rows(nex.filter((entry) => !voiceChat(entry))))('%s, by its Wii U code and its result code, is NEX only', (_, entry) => {
    const expected = [explainEntry(entry)];
    const wiiUCode = toDisplayCode(Number(entry.resultCode), 'wiiu');
    if (wiiUCode !== undefined) expect(explain(wiiUCode)).toEqual(expected);
    expect(entry.resultCode).toBeDefined();
    expect(explain(entry.resultCode ?? '')).toEqual(expected);
    expect(expected[0]).toMatchObject({ resultCode: entry.resultCode, ...(wiiUCode === undefined ? {} : { wiiUCode }) });
  });

  /** Entries of other services that define the very same number (coral 0 and lobby 0, companion and platform 100000). */
  const sameNumberElsewhere = (entry: CatalogEntry): CatalogEntry[] => catalog().filter((other) => other.service !== entry.service && other.code === entry.code);

  it.each(rows(catalog('coral').filter((entry) => !voiceChat(entry))))('%s is Coral only, beside services defining the same number', (_, entry) => {
    const matches = explain(entry.code);
    expect(matches[0]).toEqual(entry);
    expect(matches.slice(1)).toEqual(sameNumberElsewhere(entry));
  });

  it.each(rows(catalog('coral').filter(voiceChat)))('%s is NEX and Coral, and only they', (_, entry) => {
    const matches = explain(entry.code);
    expect(matches.map((match) => match.service)).toEqual(['nex', 'coral']);
    expect(matches[1]).toEqual(entry);
    expect(explain(entry.resultCode ?? '')).toEqual(matches);
  });

  it.each(rows(catalog('companion')))('%s is Companion only, beside services defining the same number', (_, entry) => {
    const matches = explain(entry.code);
    expect(matches).toContainEqual(entry);
    expect(matches.filter((match) => match.service !== 'companion')).toEqual(sameNumberElsewhere(entry));
  });

  it.each(rows(catalog('msnp').filter((entry) => entry.code.startsWith('0x'))))('%s, an HRESULT, is MSNP only and itself first', (_, entry) => {
    const matches = explain(entry.code);
    expect(matches[0]).toEqual(entry);
    expect(matches.every((match) => match.service === 'msnp')).toBe(true);
  });

  it.each(rows(catalog('msnp').filter((entry) => entry.hresult !== undefined)))('%s is among the codes its HRESULT explains', (_, entry) => {
    expect(explain(entry.hresult ?? '')).toContainEqual(entry);
  });
});
