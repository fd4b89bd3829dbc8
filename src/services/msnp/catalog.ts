import { msnpCatalog, msnpCodes, type MsnpCatalogEntry, type MsnpCodeEntry } from '../../catalog/generated/msnp.ts';
import { createCatalogIndex, wholeEntries } from '../../core/catalog-index.ts';
import { asHex32, asWholeNumber } from '../../core/code-input.ts';

export const msnpIndex = createCatalogIndex(msnpCodes);

const hex = (value: number): string => `0x${value.toString(16).padStart(8, '0')}`;

/** MSNP codes that the official client translates to each HRESULT; several codes share some. */
const codesByHresult = new Map<string, MsnpCodeEntry[]>();
for (const entry of msnpIndex.entries) {
  if (entry.hresult === undefined) continue;
  const list = codesByHresult.get(entry.hresult) ?? [];
  list.push(entry);
  codesByHresult.set(entry.hresult, list);
}

/** Every MSNP code entry whose HRESULT is this one (empty when none is). */
export function msnpCodesForHresult(hresult: string): readonly MsnpCodeEntry[] {
  return codesByHresult.get(hresult) ?? [];
}

/** '0x80048821' for an HRESULT given as a number or hex string (with or without 0x: eight digits); undefined otherwise. */
export function msnpHresult(input: string | number): string | undefined {
  if (typeof input === 'number') return input > 999 || input < 0 ? hexOf(input) : undefined;
  const text = input.trim();
  if (/^[0-9a-f]{8}$/i.test(text)) return hexOf(`0x${text}`);
  return /^0x/i.test(text) ? hexOf(text) : undefined;
}

function hexOf(input: string | number): string | undefined {
  const value = asHex32(input);
  return value === undefined ? undefined : hex(value);
}

/** The row for an MSNP code or name, as `lookupMsnp` finds it: what adapters and fakes read. */
export function findMsnp(code: string | number): MsnpCodeEntry | undefined {
  const number = asWholeNumber(code);
  if (number !== undefined && number <= 999) return msnpIndex.byCode(String(number));
  const hresult = msnpHresult(code);
  if (hresult !== undefined) {
    const own = msnpIndex.byCode(hresult);
    if (own !== undefined) return own;
    const codes = msnpCodesForHresult(hresult);
    return codes.length === 1 ? codes[0] : undefined;
  }
  if (typeof code !== 'string') return undefined;
  const text = code.trim();
  return msnpIndex.byCode(text.toUpperCase().replace(/\s+/g, ' ')) ?? msnpIndex.byName(text);
}

const wholeMsnp = /* @__PURE__ */ wholeEntries(msnpCodes, msnpCatalog);

/**
 * The catalog entry for an MSNP code (911, '911'), an HRESULT (0x80048821, '0x81000395'),
 * an OUT reason ('OUT SSD') or a name. An HRESULT several MSNP codes share finds no single
 * entry: it never maps back to one code.
 */
export function lookupMsnp(code: string | number): MsnpCatalogEntry | undefined {
  return wholeMsnp(findMsnp(code));
}
