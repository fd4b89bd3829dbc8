import { findCoral } from './catalog.ts';
import { newId } from '../../testing/ids.ts';
import { buildResponse, type ServiceErrorOptions, type ServiceSuccessOptions } from '../../testing/wire/options.ts';
import { nameSentence } from '../../testing/wire/text.ts';

/**
 * Coral, the Nintendo Switch Online app API (nxapi src/api/coral.ts, coral-types.ts): every
 * answer nxapi reads is HTTP 200 with a JSON body; `status` 0 is success, anything else is the
 * error, with `errorMessage` beside it. nxapi treats any other HTTP status as a failure before
 * reading the body, so the fake sends 200 unless told otherwise.
 */
export const CORAL_HTTP_STATUS = 200;
const CONTENT_TYPE = 'application/json; charset=utf-8';

/** The API's catch-all status, sent for a 2815 code with no API counterpart. */
const UNEXPECTED = 9599;

/**
 * The API status sent for each 2815-21xx display code. The 2815 codes are the game-side
 * library's results (NEX module 0x72), not API statuses; no public source maps one to the
 * other, so this is the by-name correspondence from docs/services.md (inferred). A display code
 * not listed here is sent as 9599 UNEXPECTED.
 *
 * @example
 * CORAL_STATUS_FOR_DISPLAY_CODE['2815-2114']; // 9511: serviceError('coral', '2815-2114') sends {"status": 9511}
 */
export const CORAL_STATUS_FOR_DISPLAY_CODE: Readonly<Record<string, number>> = {
  '2815-2104': 9403, // InvalidAccessToken ~ INVALID_TOKEN
  '2815-2105': 9406, // Unauthorized ~ UNAUTHORISED
  '2815-2107': 9408, // UserNotFound ~ USER_NOT_FOUND
  '2815-2108': 9411, // RoomNotFound ~ EVENT_NOT_FOUND
  '2815-2109': 9412, // RoomNotActivated ~ EVENT_NOT_ACTIVATED
  '2815-2110': 9409, // ApplicationNotSupported ~ APPLICATION_ID_NOT_SUPPORTED
  '2815-2111': 9500, // InternalServerError ~ INTERNAL_SERVER_ERROR
  '2815-2112': 9501, // ServiceUnavailable ~ SERVICE_UNAVAILABLE
  '2815-2113': 9599, // UnexpectedError ~ UNEXPECTED
  '2815-2114': 9511, // UnderMaintenance ~ MAINTENANCE
  '2815-2115': 9499, // ServiceNoLongerAvailable ~ SERVICE_CLOSED
  '2815-2116': 9428, // AccountTemporarilyDisabled ~ ACCOUNT_DISABLED
  '2815-2117': 9405, // PermissionDenied ~ FORBIDDEN
  '2815-2118': 9450, // NetworkServiceLicenseRequired ~ MEMBERSHIP_REQUIRED
};

/** The `status` value the body carries for a code, and the name its message comes from. */
export function coralWireStatus(code: string | number): { readonly status: number | string; readonly name: string | undefined } {
  const entry = findCoral(code);
  if (entry === undefined) {
    const number = Number(code);
    return { status: typeof code === 'number' || /^\d+$/.test(code.trim()) ? number : code, name: undefined };
  }
  if (!entry.code.startsWith('2815-')) return { status: Number(entry.code), name: entry.name };
  const status = CORAL_STATUS_FOR_DISPLAY_CODE[entry.code] ?? UNEXPECTED;
  return { status, name: findCoral(status)?.name ?? entry.name };
}

/** `{"status": 9404, "errorMessage": "Token expired.", "correlationId": "..."}` with HTTP 200. */
export function coralError(code: string | number, options: ServiceErrorOptions = {}): Response {
  const { status, name } = coralWireStatus(code);
  const body = {
    status,
    errorMessage: options.message ?? (name === undefined ? 'Unexpected error.' : nameSentence(name)),
    correlationId: options.correlationId ?? newId(),
  };
  return buildResponse({
    status: options.status ?? CORAL_HTTP_STATUS,
    contentType: CONTENT_TYPE,
    body: JSON.stringify(body),
    retryAfter: options.retryAfter,
    headers: options.headers,
  });
}

/** `{"status": 0, "result": payload, "correlationId": "..."}` with HTTP 200. */
export function coralSuccess(payload: unknown, options: ServiceSuccessOptions = {}): Response {
  const body = { status: 0, result: payload, correlationId: options.correlationId ?? newId() };
  return buildResponse({ status: options.status ?? 200, contentType: CONTENT_TYPE, body: JSON.stringify(body), headers: options.headers });
}
