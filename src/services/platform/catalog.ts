import { platformCatalog, type PlatformCatalogEntry } from '../../catalog/generated/platform.ts';
import { createCatalogIndex } from '../../core/catalog-index.ts';
import { asWholeNumber } from '../../core/code-input.ts';

export const platformIndex = createCatalogIndex(platformCatalog);

/** The catalog entry for a Platform code as a number or string, or for its name. */
export function lookupPlatform(code: string | number): PlatformCatalogEntry | undefined {
  const number = asWholeNumber(code);
  if (number !== undefined) return platformIndex.byCode(String(number));
  return typeof code === 'string' ? platformIndex.byName(code.trim()) : undefined;
}
