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
        const wanted = name.toLowerCase();
        const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === wanted);
        value = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
      }
    }
    if (Array.isArray(value)) value = value.find((item) => typeof item === 'string');
    return typeof value === 'string' ? value.slice(0, HTTP_LIMITS.headerChars) : undefined;
  } catch {
    return undefined;
  }
}

/** True for a value that can be read as headers. */
export function isHeaderSource(value: unknown): value is HeaderSource {
  try {
    return (typeof Headers !== 'undefined' && value instanceof Headers) || (typeof value === 'object' && value !== null && !Array.isArray(value));
  } catch {
    return false;
  }
}
