import type { KnownCodes } from '../core/codes.ts';
import type { FakeService } from './responder.ts';
import { fakes, type ServiceFake } from '../services/fakes.ts';
import type { ServiceErrorOptions, ServiceSuccessOptions } from './wire/options.ts';

/**
 * A code for {@link serviceError}: any catalogued code of the service (autocompleted), its
 * name ('LobbyFull', 'TOKEN_EXPIRED'), or any other code (a number, or digits as text), which is
 * sent as given. A name the catalog does not hold is refused with a TypeError.
 * @example
 * const code: FakeErrorCode<'lobby'> = '16004';
 */
export type FakeErrorCode<S extends FakeService> = KnownCodes[S] | number | (string & Record<never, never>);

/** A code written as one (digits, a display code's dash, hex), which is sent as given when the catalog lacks it. */
const CODE_NOTATION = /^\s*(?:-?[\d-]+|0x[\da-f]+)\s*$/i;

/** The fake of a service; a name no fake has is a bug in the test, said at once. */
function fakeOf(service: string, called: string): ServiceFake {
  const fake = (fakes as Partial<Record<string, ServiceFake>>)[service];
  if (fake === undefined) {
    throw new TypeError(`extralife/testing: ${called}: no fake for service "${service}" (fakes: ${Object.keys(fakes).join(', ')})`);
  }
  return fake;
}

/**
 * A code as given, or a name the catalog holds. A name it does not hold would make up an answer
 * the service never sends, so it is refused by name.
 */
function checkedCode(service: string, fake: ServiceFake, code: unknown): string | number {
  if (typeof code === 'number' || (typeof code === 'string' && (CODE_NOTATION.test(code) || fake.lookup(code) !== undefined))) return code;
  const shown = typeof code === 'string' ? `"${code}"` : String(code);
  throw new TypeError(`extralife/testing: serviceError('${service}', ${shown}): no ${service} code is named ${shown} (see \`extralife list --service ${service}\`)`);
}

/**
 * The error answer a service really sends for a code, in its own wire form:
 *
 * - `coral`: HTTP 200, `{"status": 9404, "errorMessage": "Token expired.", "correlationId": "…"}`
 *   (a 2815 display code is sent as its API counterpart; see `CORAL_STATUS_FOR_DISPLAY_CODE`);
 * - `companion`: 100000 as HTTP 503 text "Under Maintenance"; any other code as JSON
 *   `{"code": "111001", "message": "…"}` with a status that fits it;
 * - `platform`: `{"code": 401, "desc": "AuthFailure", "message"?: "…"}`, the code doubling as
 *   the HTTP status when it is one (else HTTP 200);
 * - `lobby`: RFC 7807 `application/problem+json`
 *   `{title, status, code, detail, details: [{errorType, message}], type, requestId}` with the
 *   status UGS uses for the code (50 -> 429 with Retry-After, 52 -> 401, 16001 -> 404, 16004 -> 403).
 *
 * Every call builds a fresh Response, so one can be read by each request.
 *
 * @throws TypeError for a service with no fake, or a name (not a code) the service's catalog does not hold.
 *
 * @example
 * serviceError('coral', 9404);                        // token expired, HTTP 200
 * serviceError('lobby', 'LobbyFull');                 // 403 problem+json, code 16004
 * serviceError('lobby', 50, { retryAfter: 10 });      // 429, Retry-After: 10
 * serviceError('companion', 100000);                  // 503 "Under Maintenance"
 * serviceError('platform', 473, { retryAfter: new Date(Date.now() + 60_000) });
 */
export function serviceError<S extends FakeService>(service: S, code: FakeErrorCode<S>, options?: ServiceErrorOptions): Response {
  const fake = fakeOf(service, 'serviceError');
  return fake.error(checkedCode(service, fake, code), options);
}

/**
 * The success answer a service sends: Coral wraps the payload as
 * `{"status": 0, "result": payload, "correlationId": "…"}`; the others send it as plain JSON.
 * For Companion's 202 "queued, poll again" answer, see {@link companionQueue}.
 *
 * @example
 * serviceSuccess('coral', { friends: [] });  // {"status":0,"result":{"friends":[]},...}
 * serviceSuccess('lobby', { id: 'lobby-1' }, { status: 201 });
 */
export function serviceSuccess(service: FakeService, payload: unknown, options?: ServiceSuccessOptions): Response {
  return fakeOf(service, 'serviceSuccess').success(payload, options);
}
