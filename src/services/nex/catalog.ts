import { nexCatalog, type NexCatalogEntry } from '../../catalog/generated/nex.ts';
import { createCatalogIndex } from '../../core/catalog-index.ts';
import { asHex32 } from '../../core/code-input.ts';
import { ERROR_BIT, toDisplayCode } from './result-code.ts';

export const nexIndex = createCatalogIndex(nexCatalog);

/**
 * The canonical display code for any NEX notation: a result code as a number or hex string
 * (with or without the error bit), '2306-0806', '106-0806' or '2815-2104'.
 */
export function nexDisplayCode(input: string | number): string | undefined {
  if (typeof input === 'string') {
    const text = input.trim();
    const display = /^(2306|2815|106)-(\d{4})$/.exec(text);
    if (display !== null) return display[1] === '106' ? `2306-${display[2] ?? ''}` : text;
    if (!/^0x/i.test(text)) return undefined;
  }
  const value = asHex32(input);
  if (value === undefined || value === 0) return undefined;
  return toDisplayCode((value | ERROR_BIT) >>> 0);
}

/** The catalog entry for a NEX code in any notation, or for its name. */
export function lookupNex(code: string | number): NexCatalogEntry | undefined {
  const display = nexDisplayCode(code);
  if (display !== undefined) return nexIndex.byCode(display);
  return typeof code === 'string' ? nexIndex.byName(code.trim()) : undefined;
}
