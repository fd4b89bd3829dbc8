import { companionCatalog, companionCodes, type CompanionCatalogEntry, type CompanionCodeEntry } from '../../catalog/generated/companion.ts';
import { createCatalogIndex, wholeEntries } from '../../core/catalog-index.ts';
import { asWholeNumber } from '../../core/code-input.ts';

export const companionIndex = createCatalogIndex(companionCodes);

/** The row for a Companion code or name, as `lookupCompanion` finds it: what adapters and fakes read. */
export function findCompanion(code: string | number): CompanionCodeEntry | undefined {
  const number = asWholeNumber(code);
  if (number !== undefined) return companionIndex.byCode(String(number));
  return typeof code === 'string' ? companionIndex.byName(code.trim()) : undefined;
}

const wholeCompanion = /* @__PURE__ */ wholeEntries(companionCodes, companionCatalog);

/** The catalog entry for a Companion code as a number or string, or for its name. */
export function lookupCompanion(code: string | number): CompanionCatalogEntry | undefined {
  return wholeCompanion(findCompanion(code));
}
