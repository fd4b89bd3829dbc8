import { platformCatalog, platformCodes, type PlatformCatalogEntry, type PlatformCodeEntry } from '../../catalog/generated/platform.ts';
import { createCatalogIndex, wholeEntries } from '../../core/catalog-index.ts';

export const platformIndex = createCatalogIndex(platformCodes);

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
const BY_SHARED_NAME = new Map<string, PlatformCodeEntry>();
const rank = (entry: PlatformCodeEntry, name: string): number => (entry.name === name ? 0 : entry.otherNames?.[0] === name ? 1 : 2);
for (const entry of platformCodes) {
  for (const name of [entry.name, ...(entry.otherNames ?? [])]) {
    const held = BY_SHARED_NAME.get(name);
    const better = held === undefined || rank(entry, name) < rank(held, name) || (rank(entry, name) === rank(held, name) && Number(entry.code) < Number(held.code));
    if (better) BY_SHARED_NAME.set(name, entry);
  }
}

/** The row for a Platform code or name, as `lookupPlatform` finds it: what adapters and fakes read. */
export function findPlatform(code: string | number): PlatformCodeEntry | undefined {
  const number = platformCodeNumber(code);
  if (number !== undefined) return platformIndex.byCode(String(number));
  if (typeof code !== 'string') return undefined;
  const name = code.trim();
  return platformIndex.byName(name) ?? BY_SHARED_NAME.get(name);
}

const wholePlatform = /* @__PURE__ */ wholeEntries(platformCodes, platformCatalog);

/**
 * The catalog entry for a Platform code as a number or string, or for its name: the PascalCase
 * name of the error pages or the SDK's UPPER_SNAKE constant ('NOT_MATCHED_PASSWORD').
 */
export function lookupPlatform(code: string | number): PlatformCatalogEntry | undefined {
  return wholePlatform(findPlatform(code));
}
