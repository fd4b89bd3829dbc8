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

/** A record's first keys by their lower-case form: the record may be changed between reads. */
function lowerCaseKeys(headers: object): ReadonlyMap<string, string> {
  const found = new Map<string, string>();
  for (const key in headers) {
    if (found.size >= HTTP_LIMITS.headerKeys) break;
    if (!Object.hasOwn(headers, key) || key.length > HTTP_LIMITS.headerNameChars) continue;
    const lower = key.toLowerCase();
    if (!found.has(lower)) found.set(lower, key);
  }
  return found;
}

/**
 * A plain record of headers as one classification reads it: its first `headerKeys` names, lower-
 * cased, with string values. Read once, so a record of a million keys costs one pass, not one a
 * header looked up; a Headers object is read as it is.
 */
export function headerRecordOnce(headers: HeaderSource): HeaderSource {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers;
  const copy: Record<string, string | readonly string[]> = Object.create(null) as Record<string, string | readonly string[]>;
  try {
    for (const [lower, key] of lowerCaseKeys(headers)) {
      const value: unknown = (headers as Record<string, unknown>)[key];
      if (typeof value === 'string') copy[lower] = value;
      else if (Array.isArray(value)) copy[lower] = value.filter((item): item is string => typeof item === 'string');
    }
  } catch {
    // A hostile record: keep what was read before it threw.
  }
  return copy;
}

/** True for a value that can be read as headers. */
export function isHeaderSource(value: unknown): value is HeaderSource {
  try {
    return (typeof Headers !== 'undefined' && value instanceof Headers) || (typeof value === 'object' && value !== null && !Array.isArray(value));
  } catch {
    return false;
  }
}
