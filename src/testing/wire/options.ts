import { isNullBodyStatus, reasonPhrase } from '../http-status.ts';
import { retryAfterValue } from '../retry-after.ts';

/**
 * What a caller may change about a fake error answer.
 * @example
 * serviceError('lobby', 50, { retryAfter: 5, requestId: 'req-1', headers: { 'ratelimit': 'limit=1, remaining=0, reset=5' } });
 */
export interface ServiceErrorOptions {
  /**
   * A Retry-After header: seconds as a number, or a moment as a Date (sent as an HTTP-date).
   * @example { retryAfter: 30 }
   * @example { retryAfter: new Date(Date.now() + 60_000) }
   */
  readonly retryAfter?: number | Date | undefined;
  /** Extra headers, set last (they replace the fake's own). */
  readonly headers?: HeadersInit | undefined;
  /**
   * The HTTP status to send instead of the one the service uses for this code.
   * fetch can only represent 200-599: anything else is sent as 500.
   */
  readonly status?: number | undefined;
  /** Coral: the body's `correlationId`. @default a fresh UUID */
  readonly correlationId?: string | undefined;
  /** Lobby: the body's `requestId`. @default a fresh UUID */
  readonly requestId?: string | undefined;
  /** The human-readable text: Coral `errorMessage`, Lobby `detail`, Companion and platform `message`. */
  readonly message?: string | undefined;
}

/**
 * What a caller may change about a fake success answer.
 * @example
 * serviceSuccess('lobby', { id: 'l-1' }, { status: 201, headers: { etag: '"3"' } });
 */
export interface ServiceSuccessOptions {
  /** @default 200 */
  readonly status?: number | undefined;
  /** Extra headers, set last. */
  readonly headers?: HeadersInit | undefined;
  /** Coral: the body's `correlationId`. @default a fresh UUID */
  readonly correlationId?: string | undefined;
}

interface Answer {
  readonly status: number;
  readonly contentType: string;
  /** The body text; dropped for statuses that cannot carry one (304). */
  readonly body: string;
  readonly retryAfter?: number | Date | undefined;
  readonly headers?: HeadersInit | undefined;
  /** Headers the service sends on its own, set before the caller's. */
  readonly serviceHeaders?: Readonly<Record<string, string>>;
}

/** A status fetch can represent: 200-599, else 500. */
export function representable(status: number): number {
  return Number.isInteger(status) && status >= 200 && status <= 599 ? status : 500;
}

/** Builds the Response every fake answers with, in one place so headers merge the same way. */
export function buildResponse(answer: Answer): Response {
  const status = representable(answer.status);
  const headers = new Headers();
  const bodyless = isNullBodyStatus(status);
  if (!bodyless && answer.body.length > 0) headers.set('content-type', answer.contentType);
  for (const [name, value] of Object.entries(answer.serviceHeaders ?? {})) headers.set(name, value);
  if (answer.retryAfter !== undefined) headers.set('retry-after', retryAfterValue(answer.retryAfter));
  for (const [name, value] of new Headers(answer.headers)) headers.set(name, value);
  // An empty string would still get fetch's default text/plain content type.
  return new Response(bodyless || answer.body.length === 0 ? null : answer.body, { status, statusText: reasonPhrase(status), headers });
}
