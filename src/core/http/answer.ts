import type { ResponseSnapshot } from '../adapter.ts';
import type { HeaderSource } from '../redact.ts';
import { isObject, safeGet, safeString } from '../safe.ts';
import { EMPTY_BODY, readBody, type BodyReading } from './body.ts';
import { HTTP_LIMITS } from './limits.ts';
import { headerRecordOnce, isHeaderSource } from './headers.ts';
import { isHttpStatus } from './status.ts';

/** An HTTP answer however it arrived, with its body read once. */
export interface HttpAnswer {
  /** The HTTP status; undefined for a bare body given without one. */
  readonly status: number | undefined;
  readonly headers: HeaderSource | undefined;
  readonly body: BodyReading;
  /** What arrived, as plain data: the error keeps a redacted, bounded copy of it. */
  readonly received: Readonly<Record<string, unknown>>;
  /** The thrown value the answer came in (ky's HTTPError), kept as the error's cause. */
  readonly cause?: unknown;
  /** The request the answer belongs to, when the thrown value carried it. */
  readonly request?: { readonly method: string; readonly url: string } | undefined;
}

/** The keys a response snapshot may have; an object with others is a body, not a snapshot. */
const SNAPSHOT_KEYS = new Set(['status', 'statusText', 'headers', 'body', 'url', 'ok', 'redirected', 'type']);

function bodyCopy(body: BodyReading): unknown {
  return body.json ?? body.text;
}

function headersOf(value: unknown): HeaderSource | undefined {
  return isHeaderSource(value) ? headerRecordOnce(value) : undefined;
}

/** True for a fetch Response of this realm. */
export function isFetchResponse(value: unknown): value is Response {
  try {
    return typeof Response !== 'undefined' && value instanceof Response;
  } catch {
    return false;
  }
}

/** ky's HTTPError, recognised by shape so that any copy of ky, in any realm, is read. */
function fromKyHttpError(raw: object): HttpAnswer | undefined {
  if (safeString(raw, 'name') !== 'HTTPError') return undefined;
  const response = safeGet(raw, 'response');
  const status = safeGet(response, 'status');
  if (!isHttpStatus(status)) return undefined;
  const headers = headersOf(safeGet(response, 'headers'));
  // ky has already read the body into `data` (parsed when it was JSON); the response body is spent.
  const body = readBody(safeGet(raw, 'data'), HTTP_LIMITS.failureParseChars);
  const request = safeGet(raw, 'request');
  const method = safeString(request, 'method');
  const url = safeString(request, 'url');
  return {
    status,
    headers,
    body,
    received: { status, statusText: safeString(response, 'statusText'), url: safeString(response, 'url'), headers, body: bodyCopy(body) },
    cause: raw,
    request: method !== undefined && url !== undefined ? { method, url } : undefined,
  };
}

/**
 * An error that carries the answer it was thrown for, as the public clients throw them: nxapi's
 * ErrorResponse (CoralErrorResponse, ...) has `response` (a Response, its body spent), `body` (the
 * text) and `data` (the parsed body); axios keeps the parsed body at `response.data`. Read by
 * shape, like ky's HTTPError, so that any copy of those libraries is read.
 */
function fromAnswerCarryingError(raw: object): HttpAnswer | undefined {
  if (typeof safeGet(raw, 'message') !== 'string') return undefined;
  const response = safeGet(raw, 'response');
  const status = safeGet(response, 'status');
  if (!isObject(response) || !isHttpStatus(status)) return undefined;
  const data = safeGet(raw, 'data');
  const text = safeGet(raw, 'body');
  const responseData = safeGet(response, 'data');
  const carried = data !== undefined ? data : typeof text === 'string' ? text : responseData;
  const headers = headersOf(safeGet(response, 'headers'));
  const body = carried === undefined ? EMPTY_BODY : readBody(carried, HTTP_LIMITS.failureParseChars);
  return {
    status,
    headers,
    body,
    received: { status, statusText: safeString(response, 'statusText'), url: safeString(response, 'url'), headers, body: bodyCopy(body) },
    cause: raw,
  };
}

/** A fetch Response given to the synchronous classify: its status and headers (the body is not read). */
function fromResponse(response: Response): HttpAnswer | undefined {
  const status = safeGet(response, 'status');
  if (!isHttpStatus(status)) return undefined;
  const headers = headersOf(safeGet(response, 'headers'));
  return {
    status,
    headers,
    body: EMPTY_BODY,
    received: { status, statusText: safeString(response, 'statusText'), url: safeString(response, 'url'), headers },
  };
}

function isSnapshot(raw: object): boolean {
  if (!isHttpStatus(safeGet(raw, 'status'))) return false;
  try {
    return Object.keys(raw).every((key) => SNAPSHOT_KEYS.has(key));
  } catch {
    return false;
  }
}

/** Reads a response snapshot `{ status, headers?, body? }`. */
export function fromSnapshot(snapshot: ResponseSnapshot | object): HttpAnswer {
  const rawStatus = safeGet(snapshot, 'status');
  const status = isHttpStatus(rawStatus) ? rawStatus : undefined;
  const headers = headersOf(safeGet(snapshot, 'headers'));
  const body = readBody(safeGet(snapshot, 'body'), status !== undefined && status < 300 ? HTTP_LIMITS.parseChars : HTTP_LIMITS.failureParseChars);
  return { status, headers, body, received: { status, headers, body: bodyCopy(body) } };
}

/** A body given alone (parsed or as text): no status, no headers. */
export function fromBareBody(body: unknown): HttpAnswer {
  const reading = readBody(body, HTTP_LIMITS.failureParseChars);
  return { status: undefined, headers: undefined, body: reading, received: { body: bodyCopy(reading) } };
}

/**
 * Reads a raw value as an HTTP answer when it is one: ky's HTTPError, a fetch Response, a
 * response snapshot, or another client's error that carries its answer (nxapi, axios). Undefined for anything else (a thrown failure, a bare body, a code).
 */
export function readHttpAnswer(raw: unknown): HttpAnswer | undefined {
  if (!isObject(raw)) return undefined;
  const fromError = fromKyHttpError(raw);
  if (fromError !== undefined) return fromError;
  if (isFetchResponse(raw)) return fromResponse(raw);
  if (isSnapshot(raw)) return fromSnapshot(raw);
  return fromAnswerCarryingError(raw);
}
