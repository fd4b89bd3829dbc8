import { findCompanion } from './catalog.ts';
import { buildResponse, type ServiceErrorOptions, type ServiceSuccessOptions } from '../../testing/wire/options.ts';

/**
 * The FINAL FANTASY XIV companion API ("Sight"). Only maintenance has a documented wire form
 * (seed 002: HTTP 503, body "Under Maintenance"). The error body's field names are not public
 * and public clients find the six-digit code anywhere in the body, so the fake sends
 * `{"code": "111001", "message": "..."}`; the HTTP statuses below are inferred from what each
 * code means, except where a source is named.
 *
 * @example
 * COMPANION_HTTP_STATUS['111001']; // 401
 */
export const COMPANION_HTTP_STATUS: Readonly<Record<string, number>> = {
  '100000': 503, // maintenance: 503 "Under Maintenance" (seed 002)
  '111001': 401, // the session token expired
  '111099': 403, // a world the character is not visiting
  '210010': 401, // "like a Website 401" (seed 002): login changed, or banned
  '311004': 400, // cause unknown (seed 002)
  '311006': 404, // the account has no characters
  '311007': 401, // the session cookie was not set: not signed in
  '311009': 403, // character status not confirmed
  '319201': 503, // the world's server is down for emergency maintenance
  '340000': 500, // a generic failure on the service's side
};

/** Status for a code the table does not hold. */
const DEFAULT_STATUS = 500;
export const COMPANION_MAINTENANCE_CODE = '100000';
export const COMPANION_MAINTENANCE_TEXT = 'Under Maintenance';
const JSON_TYPE = 'application/json;charset=utf-8';

function canonical(code: string | number): string {
  return findCompanion(code)?.code ?? String(code).trim();
}

/** Maintenance as 503 text "Under Maintenance"; any other code as JSON carrying it. */
export function companionError(code: string | number, options: ServiceErrorOptions = {}): Response {
  const wire = canonical(code);
  const status = options.status ?? COMPANION_HTTP_STATUS[wire] ?? DEFAULT_STATUS;
  if (wire === COMPANION_MAINTENANCE_CODE) {
    return buildResponse({
      status,
      contentType: 'text/plain; charset=utf-8',
      body: options.message ?? COMPANION_MAINTENANCE_TEXT,
      retryAfter: options.retryAfter,
      headers: options.headers,
    });
  }
  const entry = findCompanion(wire);
  const message = options.message ?? (entry !== undefined && entry.description.length > 0 ? entry.description : `An error has occurred. (${wire})`);
  return buildResponse({
    status,
    contentType: JSON_TYPE,
    body: JSON.stringify({ code: wire, message }),
    retryAfter: options.retryAfter,
    headers: options.headers,
  });
}

/** The payload as plain JSON, HTTP 200. */
export function companionSuccess(payload: unknown, options: ServiceSuccessOptions = {}): Response {
  return buildResponse({ status: options.status ?? 200, contentType: JSON_TYPE, body: JSON.stringify(payload), headers: options.headers });
}

/**
 * HTTP 202 with an empty body: the request is queued; poll again with the same `request-id`
 * (xivapi/companion-php src/Companion/Http/Sight.php). {@link companionQueue} sends it until
 * the answer is ready; this is the bare answer, for {@link sequence} scripts.
 *
 * @example
 * sequence([companionQueued(), companionQueued(), serviceSuccess('companion', { entries: [] })]);
 */
export function companionQueued(headers?: HeadersInit): Response {
  return buildResponse({ status: 202, contentType: JSON_TYPE, body: '', headers });
}
