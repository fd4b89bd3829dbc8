import { nexCatalog, type NexCatalogEntry } from '../../catalog/generated/nex.ts';
import { createCatalogIndex } from '../../core/catalog-index.ts';
import { nexDisplayCode } from './result-code.ts';

export { nexDisplayCode };

export const nexIndex = createCatalogIndex(nexCatalog);

/** The catalog entry for a NEX code in any notation, or for its name. */
export function lookupNex(code: string | number): NexCatalogEntry | undefined {
  const display = nexDisplayCode(code);
  if (display !== undefined) return nexIndex.byCode(display);
  return typeof code === 'string' ? nexIndex.byName(code.trim()) : undefined;
}
