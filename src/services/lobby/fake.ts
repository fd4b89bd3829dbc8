import { lobbyIndex, findLobby } from './catalog.ts';
import { reasonPhrase } from '../../testing/http-status.ts';
import { newId } from '../../testing/ids.ts';
import { buildResponse, type ServiceErrorOptions, type ServiceSuccessOptions } from '../../testing/wire/options.ts';
import { nameKebab, nameWords } from '../../testing/wire/text.ts';

/**
 * The HTTP status Unity Gaming Services sends with each code.
 *
 * 0-52: the UGS error table (services.docs.unity.com/docs/errors). 53-55: the same table's
 * Forbidden / NotFound / InvalidRequest rows, by name. 16000: the Lobby docs' own example
 * (400). 16003: the Lobby SDK changelog calls LobbyConflict "HTTP 409". The rest are inferred
 * from what the code means and from Lobby SDK exceptions reported in the wild (a full lobby
 * arrives as 403 Forbidden, no open lobby for QuickJoin as 404). 16008 LobbyNotModified is the
 * answer to a conditional GET: 304, which carries no body at all.
 *
 * @example
 * LOBBY_HTTP_STATUS[16004]; // 403
 */
export const LOBBY_HTTP_STATUS: Readonly<Record<number, number>> = {
  0: 500, // Unknown
  1: 500, // TransportError
  2: 504, // Timeout
  3: 503, // ServiceUnavailable
  4: 404, // ApiMissing
  5: 500, // RequestRejected
  50: 429, // TooManyRequests (with Retry-After)
  51: 401, // InvalidToken
  52: 401, // TokenExpired
  53: 403, // Forbidden
  54: 404, // NotFound
  55: 400, // InvalidRequest
  16000: 400, // ValidationError
  16001: 404, // LobbyNotFound
  16002: 404, // PlayerNotFound
  16003: 409, // LobbyConflict
  16004: 403, // LobbyFull
  16005: 403, // LobbyLocked
  16006: 404, // NoOpenLobbies
  16007: 409, // LobbyAlreadyExists
  16008: 304, // LobbyNotModified: no body
  16009: 403, // IncorrectPassword
  16010: 400, // InvalidJoinCode
  6: 502, // BadGateway (the UGS table)
  56: 403, // ProjectPolicyAccessDenied
  57: 403, // PlayerPolicyAccessDenied
  58: 409, // Conflict
  // The SDK's 16000 + HTTP status reasons (LobbyExceptionReason 16400-16511) carry their status.
  ...Object.fromEntries(lobbyIndex.entries.filter((entry) => Number(entry.code) >= 16_400 && Number(entry.code) <= 16_599).map((entry) => [Number(entry.code), Number(entry.code) - 16_000])),
  // The SDK's own reasons for what happened on the client (subscriptions, network, unknown) have no
  // wire status of their own: the fake sends them as a server failure.
  16601: 500, // AlreadySubscribedToLobby
  16602: 500, // AlreadyUnsubscribedFromLobby
  16603: 500, // SubscriptionToLobbyLostWhileBusy
  16604: 500, // LobbyEventServiceConnectionError
  16998: 500, // NetworkError
  16999: 500, // Unknown
};

/** Retry-After sent with TooManyRequests when the caller gives none (seconds). */
export const LOBBY_DEFAULT_RETRY_AFTER_SECONDS = 1;
const TOO_MANY_REQUESTS = 50;
/** The SDK's reason for the same condition, as a caller may name it (`serviceError('lobby', 'RateLimited')`). */
const RATE_LIMITED = 16_429;
const DEFAULT_STATUS = 500;
const PROBLEM_JSON = 'application/problem+json';

/**
 * Status for a code: the table, else the SDK's 16000 + HTTP status convention, else 500.
 * @example
 * lobbyHttpStatus(52);    // 401
 * lobbyHttpStatus(16503); // 503
 */
export function lobbyHttpStatus(code: number): number {
  const known = LOBBY_HTTP_STATUS[code];
  if (known !== undefined) return known;
  return code >= 16200 && code <= 16599 ? code - 16000 : DEFAULT_STATUS;
}

function problemType(code: number, name: string): string {
  // Common codes (0-999) come from the UGS gateway, Lobby's own from the service.
  return code < 1000 ? `https://services.docs.unity.com/docs/errors/#${String(code)}` : `http://unity3d/lobby/errors/${nameKebab(name)}`;
}

/**
 * RFC 7807 problem details with `application/problem+json`:
 * `{title, status, code, detail, details: [{errorType, message}], type, requestId}`.
 */
export function lobbyError(code: string | number, options: ServiceErrorOptions = {}): Response {
  const entry = findLobby(code);
  const text = String(code).trim();
  const wire = entry !== undefined ? Number(entry.code) : /^\d+$/.test(text) ? Number(text) : text;
  const name = entry?.name ?? 'Unknown';
  const status = options.status ?? (typeof wire === 'number' ? lobbyHttpStatus(wire) : DEFAULT_STATUS);
  const detail = options.message ?? nameWords(name).join(' ');
  const body = {
    title: reasonPhrase(status),
    status,
    code: wire,
    detail,
    details: [{ errorType: wire === 16000 ? 'validation' : nameKebab(name), message: detail }],
    type: problemType(typeof wire === 'number' ? wire : 0, name),
    requestId: options.requestId ?? newId(),
  };
  const retryAfter = options.retryAfter ?? (wire === TOO_MANY_REQUESTS || wire === RATE_LIMITED ? LOBBY_DEFAULT_RETRY_AFTER_SECONDS : undefined);
  return buildResponse({ status, contentType: PROBLEM_JSON, body: JSON.stringify(body), retryAfter, headers: options.headers });
}

/** The payload as plain JSON, HTTP 200. */
export function lobbySuccess(payload: unknown, options: ServiceSuccessOptions = {}): Response {
  return buildResponse({ status: options.status ?? 200, contentType: 'application/json', body: JSON.stringify(payload), headers: options.headers });
}
