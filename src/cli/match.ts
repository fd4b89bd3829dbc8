import { catalog, lookup } from '../catalog/index.ts';
import type { CatalogEntry } from '../core/catalog-entry.ts';
import { asHex32 } from '../core/code-input.ts';
import { SERVICES, type Service } from '../core/service.ts';
import { toDisplayCode, toHex, toResultCode } from '../services/nex/result-code.ts';

/** A catalog entry as `explain` shows it: for NEX, also the Wii U display code and the hex result code. */
export type ExplainedEntry = CatalogEntry & {
  /** NEX: the display code a Wii U shows for the same error, '106-0806' (FPD: '106-0702' for 2306-0701). */
  readonly wiiUCode?: string;
};

/**
 * Every entry the query could mean, in service order. Each service's own `lookup` decides what
 * its codes look like, so a code's shape picks the service wherever only one service reads it,
 * and a code several services use ('500') finds each of them.
 */
export function findMatches(query: string, services: readonly Service[] = SERVICES): readonly CatalogEntry[] {
  return services.flatMap((service) => {
    const hit = lookup(service, query);
    const entries = catalog(service);
    // A code the source lists twice has one entry per listing; lookup returns the first.
    const exact = hit === undefined ? [] : entries.filter((entry) => entry.code === hit.code);
    const shared = entries.filter((entry) => !exact.includes(entry) && sharesNameOrNumber(entry, query));
    return [...exact, ...shared];
  });
}

/**
 * `lookup` answers with one entry or none, so it leaves out the names and HRESULTs several codes
 * share (MSGR_E_SERVER_TOO_BUSY, 0x8100030e) and the codes that translate to another code's own
 * HRESULT (MSNP 503 -> 0x80004005, E_FAIL). Explaining one lists every code that has it.
 */
function sharesNameOrNumber(entry: CatalogEntry, query: string): boolean {
  const folded = query.toLowerCase();
  if (entry.name.toLowerCase() === folded || entry.otherNames?.some((name) => name.toLowerCase() === folded) === true) return true;
  const value = /^0x/i.test(query) ? asHex32(query) : undefined;
  if (value === undefined) return false;
  return [entry.hresult, entry.resultCode].some((hex) => hex !== undefined && asHex32(hex) === value);
}

/** The entry with the other notations of its code filled in. */
export function explainEntry(entry: CatalogEntry): ExplainedEntry {
  if (entry.service !== 'nex') return entry;
  const result = entry.resultCode ?? codeToHex(entry.code);
  const wiiUCode = entry.wiiUCode ?? (result === undefined ? undefined : toDisplayCode(Number(result), 'wiiu'));
  return {
    ...entry,
    ...(wiiUCode === undefined ? {} : { wiiUCode }),
    ...(result === undefined ? {} : { resultCode: result }),
  };
}

function codeToHex(code: string): string | undefined {
  const value = toResultCode(code);
  return value === undefined ? undefined : toHex(value);
}
