import { findPlatform } from './catalog.ts';
import { buildResponse, type ServiceErrorOptions, type ServiceSuccessOptions } from '../../testing/wire/options.ts';

/**
 * The Kakao Games platform. The SDK hands games a KGResult `{code, desc, message, content}`;
 * the HTTP format between SDK and platform is not public (docs/services.md). The fake sends a
 * KGResult-shaped JSON body. A code that is an HTTP status (400-599, including Kakao's own
 * 461, 473, 483, 493; seed 003 says 473 replaced 503) is also the HTTP status. The other
 * codes (1001-9999) are raised inside the SDK, never by the server: when a test asks for one
 * it travels in the body of an HTTP 200, the way a KGResult reaches the game.
 *
 * @example
 * platformHttpStatus(473);  // 473
 * platformHttpStatus(4010); // 200: the code travels in the body
 */
export function platformHttpStatus(code: number): number {
  return code >= 400 && code <= 599 ? code : 200;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** `{"code": 401, "desc": "AuthFailure", "message"?: "..."}` with HTTP 401. */
export function platformError(code: string | number, options: ServiceErrorOptions = {}): Response {
  const entry = findPlatform(code);
  const text = String(code).trim();
  const wire = entry !== undefined ? Number(entry.code) : /^\d+$/.test(text) ? Number(text) : text;
  const desc = entry?.name ?? (typeof wire === 'number' ? `Error${String(wire)}` : wire);
  const message = options.message ?? (entry !== undefined && entry.description.length > 0 ? entry.description : undefined);
  const body = message === undefined ? { code: wire, desc } : { code: wire, desc, message };
  return buildResponse({
    status: options.status ?? (typeof wire === 'number' ? platformHttpStatus(wire) : 500),
    contentType: JSON_TYPE,
    body: JSON.stringify(body),
    retryAfter: options.retryAfter,
    headers: options.headers,
  });
}

/** The payload as plain JSON, HTTP 200. */
export function platformSuccess(payload: unknown, options: ServiceSuccessOptions = {}): Response {
  return buildResponse({ status: options.status ?? 200, contentType: JSON_TYPE, body: JSON.stringify(payload), headers: options.headers });
}
