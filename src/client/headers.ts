import type { Options } from 'ky';
import { isSecretKey } from '../core/redact.ts';

export type KyHeadersInit = NonNullable<Options['headers']>;

/** ky's header shapes, read as name/value pairs; ky's "undefined removes the header" is kept. */
export function headerEntries(headers: KyHeadersInit | undefined): Array<[string, string | undefined]> {
  if (headers === undefined) return [];
  if (headers instanceof Headers) return [...headers.entries()];
  if (Array.isArray(headers)) return headers.map((pair): [string, string | undefined] => [pair[0], pair[1]]);
  return Object.entries(headers as Record<string, string | undefined>);
}

export function hasHeader(headers: KyHeadersInit | undefined, name: string): boolean {
  return headerValue(headers, name) !== undefined;
}

/** One header's value, its name matched without regard to case; the last one given, as it is sent. */
export function headerValue(headers: KyHeadersInit | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  return headerEntries(headers).findLast(([key, value]) => value !== undefined && key.toLowerCase() === wanted)?.[1];
}

/** The values of secret-bearing headers (authorization, cookie, token, ...): masked wherever an error repeats them. */
export function secretHeaderValues(headers: KyHeadersInit | undefined): string[] {
  const secrets: string[] = [];
  for (const [name, value] of headerEntries(headers)) {
    if (value === undefined || !isSecretKey(name)) continue;
    secrets.push(value);
    // "Bearer abc": the credential alone may be echoed back without its scheme.
    const space = value.indexOf(' ');
    if (space > 0) secrets.push(value.slice(space + 1));
  }
  return secrets;
}
