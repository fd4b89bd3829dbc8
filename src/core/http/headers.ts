import type { HeaderSource } from '../redact.ts';
import { HTTP_LIMITS } from './limits.ts';

/**
 * One header's value, matched without regard to case, from Headers or a plain record.
 * Never throws; a value too long to be a real header of its kind is cut, not rejected.
 */
export function readHeader(headers: HeaderSource | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  try {
    let value: unknown;
    if (typeof Headers !== 'undefined' && headers instanceof Headers) {
      value = headers.get(name);
    } else {
      value = (headers as Record<string, unknown>)[name];
      if (value === undefined) {
        const key = lowerCaseKeys(headers).get(name.toLowerCase());
        value = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
      }
    }
    if (Array.isArray(value)) value = value.find((item) => typeof item === 'string');
    return typeof value === 'string' ? value.slice(0, HTTP_LIMITS.headerChars) : undefined;
  } catch {
    return undefined;
  }
}

const keysByRecord = new WeakMap<object, ReadonlyMap<string, string>>();

/**
 * A record's keys by their lower-case form, read once per record and only the first
 * `headerKeys` of them: no real answer has more headers, and a hostile one costs no more.
 */
function lowerCaseKeys(headers: object): ReadonlyMap<string, string> {
  let keys = keysByRecord.get(headers);
  if (keys === undefined) {
    const found = new Map<string, string>();
    for (const key in headers) {
      if (found.size >= HTTP_LIMITS.headerKeys) break;
      if (!Object.hasOwn(headers, key) || key.length > HTTP_LIMITS.headerNameChars) continue;
      const lower = key.toLowerCase();
      if (!found.has(lower)) found.set(lower, key);
    }
    keys = found;
    keysByRecord.set(headers, keys);
  }
  return keys;
}

/** True for a value that can be read as headers. */
export function isHeaderSource(value: unknown): value is HeaderSource {
  try {
    return (typeof Headers !== 'undefined' && value instanceof Headers) || (typeof value === 'object' && value !== null && !Array.isArray(value));
  } catch {
    return false;
  }
}
