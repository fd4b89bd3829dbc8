import { catalog, lookup } from '../catalog/index.ts';
import type { CatalogEntry } from '../core/catalog-entry.ts';
import { asHex32 } from '../core/code-input.ts';
import { TRANSPORT_CODES } from '../core/codes.ts';
import { SERVICES, type Service } from '../core/service.ts';
import { toDisplayCode, toHex, toResultCode } from '../services/nex/result-code.ts';
import { producedMatches } from './produced.ts';

/**
 * A code as `explain` and `list --json` show it: a catalog entry (for NEX, also the Wii U display
 * code and the hex result code), or a code extralife gives itself when it could read none.
 */
export type ExplainedEntry = Omit<CatalogEntry, 'service'> & {
  /** The service; 'any' for a code every service's errors can carry (NETWORK, TIMEOUT, ...). */
  readonly service: Service | 'any';
  /** NEX: the display code a Wii U shows for the same error, '106-0806' (FPD: '106-0702' for 2306-0701). */
  readonly wiiUCode?: string;
  /** Present on codes that are not the service's own but extralife's, for failures without one. */
  readonly producedBy?: 'extralife';
};

/** Eight hex digits without `0x` (`80680006`), as a NEX result code or an HRESULT is often written. */
const BARE_HEX32 = /^[0-9a-f]{8}$/i;

/**
 * Every entry the query could mean: catalog entries first; when the catalog has none, the codes
 * extralife itself gives a failure with no readable code (NETWORK, a Lobby 16502, a bare 502).
 */
export function explainMatches(query: string, services: readonly Service[] = SERVICES): readonly ExplainedEntry[] {
  const catalogued = findMatches(query, services);
  const found = (catalogued.length > 0 || !BARE_HEX32.test(query) ? catalogued : findMatches(`0x${query}`, services)).map(explainEntry);
  // An error's code TIMEOUT is extralife's own, whatever catalog entry is also named Timeout.
  if ((TRANSPORT_CODES as readonly string[]).includes(query)) return [...producedMatches(query, services), ...found];
  return found.length > 0 ? found : producedMatches(query, services);
}

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
  const value = /^0x/i.test(query) || BARE_HEX32.test(query) ? asHex32(/^0x/i.test(query) ? query : `0x${query}`) : undefined;
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
