import { nexCatalog, nexCodes, type NexCatalogEntry, type NexCodeEntry } from '../../catalog/generated/nex.ts';
import { createCatalogIndex, wholeEntries } from '../../core/catalog-index.ts';
import { nexDisplayCode } from './result-code.ts';

export { nexDisplayCode };

export const nexIndex = createCatalogIndex(nexCodes);

/** The row for an NEX code or name, as `lookupNex` finds it: what adapters and fakes read. */
export function findNex(code: string | number): NexCodeEntry | undefined {
  const display = nexDisplayCode(code);
  if (display !== undefined) return nexIndex.byCode(display);
  return typeof code === 'string' ? nexIndex.byName(code.trim()) : undefined;
}

const wholeNex = /* @__PURE__ */ wholeEntries(nexCodes, nexCatalog);

/** The catalog entry for a NEX code in any notation, or for its name. */
export function lookupNex(code: string | number): NexCatalogEntry | undefined {
  return wholeNex(findNex(code));
}
