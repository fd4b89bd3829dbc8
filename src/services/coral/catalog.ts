import { coralCatalog, coralCodes, type CoralCatalogEntry, type CoralCodeEntry } from '../../catalog/generated/coral.ts';
import { createCatalogIndex, wholeEntries } from '../../core/catalog-index.ts';
import { asWholeNumber } from '../../core/code-input.ts';
import { nexDisplayCode } from '../nex/result-code.ts';

export const coralIndex = createCatalogIndex(coralCodes);

/** The canonical code for a Coral API status (9404) or a 2815 display code in any notation. */
export function coralCode(input: string | number): string | undefined {
  const status = asWholeNumber(input);
  if (status !== undefined && status < 100_000) return String(status);
  const display = nexDisplayCode(input);
  return display?.startsWith('2815-') === true ? display : undefined;
}

/** The row for a Coral code or name, as `lookupCoral` finds it: what adapters and fakes read. */
export function findCoral(code: string | number): CoralCodeEntry | undefined {
  const canonical = coralCode(code);
  if (canonical !== undefined) return coralIndex.byCode(canonical);
  return typeof code === 'string' ? coralIndex.byName(code.trim()) : undefined;
}

const wholeCoral = /* @__PURE__ */ wholeEntries(coralCodes, coralCatalog);

/** The catalog entry for a Coral status or display code, or for its name. */
export function lookupCoral(code: string | number): CoralCatalogEntry | undefined {
  return wholeCoral(findCoral(code));
}
