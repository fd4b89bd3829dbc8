import { safeGet } from '../safe.ts';
import { HTTP_LIMITS } from './limits.ts';

/** A whole number from a body field given as a number or as digits ('9404'); undefined otherwise. */
export function wholeNumberField(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string' || value.length > 24) return undefined;
  const text = value.trim();
  return /^-?\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/** A string field, cut to the scan cap; undefined when absent or not a string. */
export function textField(source: unknown, key: string): string | undefined {
  const value = safeGet(source, key);
  return typeof value === 'string' ? value.slice(0, HTTP_LIMITS.scanChars) : undefined;
}

/** A record of the named string fields that are present, or undefined when none is. */
export function pickTextFields(source: unknown, keys: readonly string[]): Record<string, string> | undefined {
  let picked: Record<string, string> | undefined;
  for (const key of keys) {
    const value = textField(source, key);
    if (value !== undefined) (picked ??= {})[key] = value;
  }
  return picked;
}
