import { platformCatalog, type PlatformCatalogEntry } from '../../catalog/generated/platform.ts';
import { createCatalogIndex } from '../../core/catalog-index.ts';

export const platformIndex = createCatalogIndex(platformCatalog);

/** A KGResult code: whole and signed (the game shop's codes are negative, -3103 ...). */
export function platformCodeNumber(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isSafeInteger(input) ? input : undefined;
  const text = input.trim();
  return /^-?\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/**
 * A name several codes carry: the entry it names first (its own name, then its first other name),
 * then the lowest code. Punishment is 461 (both SDKs) before the v4 page's 464; the constant
 * ACCOUNT_CREATION_LIMIT is 493 (its own entry) before 483, which lists it as the older SDK's number.
 */
const BY_SHARED_NAME = new Map<string, PlatformCatalogEntry>();
const rank = (entry: PlatformCatalogEntry, name: string): number => (entry.name === name ? 0 : entry.otherNames?.[0] === name ? 1 : 2);
for (const entry of platformCatalog) {
  for (const name of [entry.name, ...(entry.otherNames ?? [])]) {
    const held = BY_SHARED_NAME.get(name);
    const better = held === undefined || rank(entry, name) < rank(held, name) || (rank(entry, name) === rank(held, name) && Number(entry.code) < Number(held.code));
    if (better) BY_SHARED_NAME.set(name, entry);
  }
}

/**
 * The catalog entry for a Platform code as a number or string, or for its name: the PascalCase
 * name of the error pages or the SDK's UPPER_SNAKE constant ('NOT_MATCHED_PASSWORD').
 */
export function lookupPlatform(code: string | number): PlatformCatalogEntry | undefined {
  const number = platformCodeNumber(code);
  if (number !== undefined) return platformIndex.byCode(String(number));
  if (typeof code !== 'string') return undefined;
  const name = code.trim();
  return platformIndex.byName(name) ?? BY_SHARED_NAME.get(name);
}
