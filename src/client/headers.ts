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

/** The user name and password inside a Basic credential's base64, when it decodes to `user:password`. */
function basicParts(encoded: string): string[] {
  let decoded: string;
  try {
    decoded = atob(encoded.trim());
  } catch {
    return [];
  }
  const colon = decoded.indexOf(':');
  if (colon === -1) return [decoded];
  return [decoded, decoded.slice(0, colon), decoded.slice(colon + 1)].filter((part) => part !== '');
}

/** The values of a Cookie header (`sid=abc; theme=dark` gives abc and dark): a service may repeat one alone. */
function cookieValues(header: string): string[] {
  const values: string[] = [];
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    const value = (equals === -1 ? pair : pair.slice(equals + 1)).trim();
    if (value !== '') values.push(value);
  }
  return values;
}

/**
 * What an Authorization-like value ("Bearer abc", "Basic dXNlcjpwdw==") holds besides itself: the
 * credential after its scheme, which may be echoed back alone, and for Basic the user name and
 * password its base64 holds. Nothing for a value with no scheme.
 */
export function credentialParts(value: string): string[] {
  const space = value.indexOf(' ');
  if (space <= 0) return [];
  const credential = value.slice(space + 1);
  return value.slice(0, space).toLowerCase() === 'basic' ? [credential, ...basicParts(credential)] : [credential];
}

/**
 * The values of secret-bearing headers (authorization, cookie, token, ...), masked wherever an
 * error repeats them: the whole value, the credential after its scheme ("Bearer abc"), what a
 * Basic credential's base64 holds (user name and password), and each value of a Cookie header.
 * Their percent-encoded forms are masked too (see redactText).
 */
export function secretHeaderValues(headers: KyHeadersInit | undefined): string[] {
  const secrets: string[] = [];
  for (const [name, value] of headerEntries(headers)) {
    if (value === undefined || !isSecretKey(name)) continue;
    secrets.push(value, ...credentialParts(value));
    if (name.toLowerCase() === 'cookie') secrets.push(...cookieValues(value));
  }
  return secrets;
}
