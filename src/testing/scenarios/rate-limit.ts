import type { FakeService, Responder } from '../responder.ts';
import { answerFor, emptySuccess, RATE_LIMITED } from './service-answers.ts';

/**
 * Options of {@link rateLimit}.
 * @example
 * const quickJoin: RateLimitOptions = { service: 'lobby', limit: 1, windowMs: 10_000 };
 */
export interface RateLimitOptions {
  /** The service whose answers the scenario sends, in that service's wire form. */
  readonly service: FakeService;
  /** Requests allowed per window. */
  readonly limit: number;
  /** The window's length in milliseconds; it starts at the first request and restarts when it has run out. */
  readonly windowMs: number;
  /** Sent as Retry-After. @default the seconds left in the window, rounded up */
  readonly retryAfterSeconds?: number | undefined;
  /** Send Retry-After as an HTTP-date rather than seconds. @default false */
  readonly asDate?: boolean | undefined;
  /** The clock, in epoch milliseconds. @default Date.now, so fake timers drive the window */
  readonly now?: (() => number) | undefined;
}

/**
 * Lets `limit` requests through per window and answers the rest as rate-limited in the
 * service's own form (Coral 9437, Companion 429 with 340000, platform 429, Lobby 429 code 50),
 * with Retry-After. Lobby answers also carry UGS's `RateLimit-Policy` and `RateLimit` headers.
 *
 * @param next the answer for a request within the limit. @default an empty success
 * @example
 * const fake = rateLimit({ service: 'lobby', limit: 1, windowMs: 1_000, retryAfterSeconds: 1 }, ok);
 * // first request: ok; second within the second: 429, Retry-After: 1
 */
export function rateLimit(options: RateLimitOptions, next: Responder = emptySuccess(options.service)): Responder {
  const now = options.now ?? Date.now;
  let windowStart: number | undefined;
  let count = 0;
  return (request) => {
    const time = now();
    if (windowStart === undefined || time - windowStart >= options.windowMs) {
      windowStart = time;
      count = 0;
    }
    count += 1;
    if (count <= options.limit) return next(request);
    const leftMs = windowStart + options.windowMs - time;
    const seconds = options.retryAfterSeconds ?? Math.ceil(leftMs / 1000);
    const retryAfter = options.asDate === true ? new Date(time + seconds * 1000) : seconds;
    const headers: Record<string, string> =
      options.service === 'lobby'
        ? {
            'ratelimit-policy': `${String(options.limit)};w=${String(Math.ceil(options.windowMs / 1000))}`,
            ratelimit: `limit=${String(options.limit)}, remaining=0, reset=${String(Math.ceil(leftMs / 1000))}`,
          }
        : {};
    return answerFor(options.service, RATE_LIMITED[options.service], { retryAfter, headers });
  };
}
