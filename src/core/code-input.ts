/** Small readers for the code notations callers pass to `lookup`. */

/** A whole, non-negative number, or undefined. */
export function asWholeNumber(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isSafeInteger(input) && input >= 0 ? input : undefined;
  const text = input.trim();
  if (/^\d{1,15}$/.test(text)) return Number(text);
  return undefined;
}

/** '0x80680006' or '80680006h'-free hex: an unsigned 32-bit number, or undefined. */
export function asHex32(input: string | number): number | undefined {
  if (typeof input === 'number') {
    return Number.isInteger(input) && input >= -0x80000000 && input <= 0xffffffff ? input >>> 0 : undefined;
  }
  const match = /^0x([0-9a-f]{1,8})$/i.exec(input.trim());
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16) >>> 0;
}
