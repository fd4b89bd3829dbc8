import { companionCatalog, type CompanionCatalogEntry } from '../../catalog/generated/companion.ts';
import { createCatalogIndex } from '../../core/catalog-index.ts';
import { asWholeNumber } from '../../core/code-input.ts';

export const companionIndex = createCatalogIndex(companionCatalog);

/** The catalog entry for a Companion code as a number or string, or for its name. */
export function lookupCompanion(code: string | number): CompanionCatalogEntry | undefined {
  const number = asWholeNumber(code);
  if (number !== undefined) return companionIndex.byCode(String(number));
  return typeof code === 'string' ? companionIndex.byName(code.trim()) : undefined;
}
