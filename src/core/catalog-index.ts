import type { CodeEntry, EntryFacts } from './catalog-entry.ts';

/** O(1) lookups over one service's catalog, by code and by name. */
export interface CatalogIndex<E extends CodeEntry> {
  /** The rows, in code order. */
  readonly entries: readonly E[];
  /** The entry for a code already in the service's canonical notation. */
  byCode(code: string): E | undefined;
  /** The entry for a name ('Authentication::TokenExpired', 'LobbyFull'); exact first, then ignoring case. */
  byName(name: string): E | undefined;
}

/** The index over one service's code rows (`wholeEntries` pairs them with their whole entries). */
export function createCatalogIndex<E extends CodeEntry>(entries: readonly E[]): CatalogIndex<E> {
  const frozen = Object.freeze(entries.map((entry) => Object.freeze(entry)));
  const codes = new Map<string, E>();
  // A name two entries share (an HRESULT name several MSNP codes map to) finds neither: null.
  const names = new Map<string, E | null>();
  const folded = new Map<string, E | null>();
  const remember = (map: Map<string, E | null>, key: string, entry: E): void => {
    const existing = map.get(key);
    map.set(key, existing === undefined || existing === entry ? entry : null);
  };
  const addName = (name: string, entry: E): void => {
    remember(names, name, entry);
    remember(folded, name.toLowerCase(), entry);
  };
  for (const entry of frozen) {
    if (!codes.has(entry.code)) codes.set(entry.code, entry);
    addName(entry.name, entry);
    for (const other of entry.otherNames ?? []) addName(other, entry);
  }
  return {
    entries: frozen,
    byCode: (code) => codes.get(code),
    // Exact spelling first: 'AlreadyUsedIdpAccount' and 'AlreadyUsedIDPAccount' are two entries.
    byName: (name) => {
      const exact = names.get(name);
      if (exact !== undefined) return exact ?? undefined;
      return folded.get(name.toLowerCase()) ?? undefined;
    },
  };
}

/**
 * The whole catalog entry of a row (`whole[i]` is the entry of `rows[i]`), for the functions that
 * answer with whole entries (lookup, catalog). The pairing is made on first use.
 */
export function wholeEntries<R extends CodeEntry, W extends R & EntryFacts>(rows: readonly R[], whole: readonly W[]): (row: R | undefined) => W | undefined {
  let byRow: Map<R, W> | undefined;
  return (row) => {
    if (row === undefined) return undefined;
    byRow ??= new Map(rows.map((each, index) => [each, whole[index] as W]));
    return byRow.get(row);
  };
}
