import type { CatalogEntry } from './catalog-entry.ts';

/** O(1) lookups over one service's catalog, by code and by name. */
export interface CatalogIndex<E extends CatalogEntry> {
  readonly entries: readonly E[];
  /** The entry for a code already in the service's canonical notation. */
  byCode(code: string): E | undefined;
  /** The entry for a name ('Authentication::TokenExpired', 'LobbyFull'); exact first, then ignoring case. */
  byName(name: string): E | undefined;
}

export function createCatalogIndex<E extends CatalogEntry>(entries: readonly E[]): CatalogIndex<E> {
  const frozen = Object.freeze(entries.map((entry) => Object.freeze(entry)));
  const codes = new Map<string, E>();
  const names = new Map<string, E>();
  const folded = new Map<string, E | null>();
  const addName = (name: string, entry: E): void => {
    if (!names.has(name)) names.set(name, entry);
    const key = name.toLowerCase();
    // A name two entries share (an HRESULT name several MSNP codes map to) finds neither.
    const existing = folded.get(key);
    folded.set(key, existing === undefined || existing === entry ? entry : null);
  };
  for (const entry of frozen) {
    if (!codes.has(entry.code)) codes.set(entry.code, entry);
    addName(entry.name, entry);
    for (const other of entry.otherNames ?? []) addName(other, entry);
  }
  return {
    entries: frozen,
    byCode: (code) => codes.get(code),
    byName: (name) => {
      const exact = names.get(name);
      if (exact !== undefined && folded.get(name.toLowerCase()) !== null) return exact;
      return folded.get(name.toLowerCase()) ?? undefined;
    },
  };
}
