import type { Input, Options as KyOptions } from 'ky';
import type { ResultAsync } from 'neverthrow';
import type { GameServiceError } from '../core/error.ts';
import type { HttpService } from '../core/service.ts';
import type { RetryBudgetOptions } from '../retry/budget.ts';
import type { RetryObservers } from '../retry/events.ts';
import type { RetryOptions } from '../retry/policy.ts';
import type { RetryScope } from '../retry/scope.ts';
import type { AuthOptions } from '../retry/tokens.ts';
import type { PollPolicy } from './preset.ts';

/**
 * ky's options, passed through as they are (`prefix`, `baseUrl`, `headers`, `json`,
 * `searchParams`, `timeout`, `signal`, `fetch`, `hooks`, ...), except what the client decides
 * itself: ky's `retry` is off (the client retries), every status is read (`throwHttpErrors`),
 * and bodies are read once by the client (`parseJson`, `method`).
 * ky's `timeout` applies to each attempt, and is shortened to what is left of the call's
 * `maxRetryTime`. Hooks run on every attempt, except `beforeRetry`, which never runs (ky's retry is
 * off); a `ky.retry()` returned from an afterResponse hook is not supported: retries are decided
 * from the error's advice.
 */
export type KyPassThroughOptions = AcceptingUndefined<Omit<KyOptions, 'retry' | 'throwHttpErrors' | 'parseJson' | 'method'>>;

/**
 * Every option optional, and an explicit `undefined` taken as "not given", so that options built
 * from variables compile under `exactOptionalPropertyTypes`.
 */
export type AcceptingUndefined<T> = { [K in keyof T]?: T[K] | undefined };

/** The bound on success bodies, an option of the client and of each call. */
export interface BodyLimitOptions {
  /**
   * The most bytes of a 2xx body that `.json()`, `.text()`, `.arrayBuffer()` and `.blob()` read,
   * counted decoded (after gzip, deflate or brotli), and that Coral and the platform read to find
   * a failure said in a 2xx body. Past it the call ends with `BODY_TOO_LARGE` (category
   * `unsupported`, never retried) and the rest of the body is not read. Infinity lifts the bound.
   * Failure bodies are read only up to their first megabyte, whatever this says. The Response
   * itself (`await call`, `.response()`) is never read for Lobby and Companion: its body is the
   * caller's stream.
   * @default 16_777_216 (16 MiB)
   */
  readonly maxBodyBytes?: number | undefined;
}

/** Options of one request: ky's, how this call may be retried, and how much of its body is read. */
export interface RequestOptions extends KyPassThroughOptions, BodyLimitOptions {
  /** This call's patience, over the client's. */
  readonly retry?: RetryOptions | undefined;
  /**
   * True to retry this call like a GET whatever its method; false to retry it only when the
   * answer proves it was not processed.
   * @default true for GET, HEAD, PUT, DELETE, OPTIONS and the service's repeatable POSTs
   */
  readonly idempotent?: boolean | undefined;
  /**
   * Sent as the `Idempotency-Key` header; the service can then tell a repeat, so the call is
   * retried like a GET.
   */
  readonly idempotencyKey?: string | undefined;
  /**
   * The rate-limit bucket of this call: calls with the same key pause together when one of them
   * is told to slow down. @default the service, the method and the URL without its query
   */
  readonly rateLimitKey?: string | undefined;
}

/** A client's patience: retry options, plus the retry budget its calls share. */
export interface ClientRetryOptions extends RetryOptions {
  /**
   * The token bucket every call of the client draws backoff retries from, or false for none.
   * Waiting at the maintenance gate, out a rate limit or for a token renewal takes nothing from
   * it. Not with `scope`: a shared scope's budget is sized in createRetryScope.
   * @default { capacity: 500, retryCost: 5, timeoutCost: 10 }
   */
  readonly budget?: RetryBudgetOptions | false | undefined;
  /** Calls released by the maintenance gate start at random within this window. @default 1_000 or 2_000, per service */
  readonly gateSpreadMs?: number | undefined;
}

/** Options of a client for one service. */
export interface ServiceClientOptions<S extends HttpService> extends Omit<KyPassThroughOptions, 'json' | 'body'>, RetryObservers<S>, BodyLimitOptions {
  /** Credentials: the token is sent on every call and renewed once when it expires. */
  readonly auth?: AuthOptions | undefined;
  readonly retry?: ClientRetryOptions | undefined;
  /**
   * The state to share with other clients and withRetry calls (see createRetryScope): maintenance
   * gates, rate-limit pauses, token renewals, the retry budget. Without it, the client has its own.
   */
  readonly scope?: RetryScope | undefined;
  /** Follow-up of 202 "queued" answers (Companion). @default { limit: 5, intervalMs: 800 } for companion (companion-php's 6 requests 800 ms apart) */
  readonly poll?: Partial<PollPolicy> | undefined;
  /** A 202 "queued" answer came, and the call asks again after `delayMs`. Told, not asked, like onRetry. */
  readonly onPoll?: ((event: PollEvent) => unknown) | undefined;
}

/** A call was answered 202 "queued" and will ask again. */
export interface PollEvent {
  /** Which poll this wait leads to, counting from 1. */
  readonly poll: number;
  /** How long the call waits before asking again. */
  readonly delayMs: number;
  /** The request id every poll of this call carries (Companion's `request-id`), when the service has one. */
  readonly requestId?: string | undefined;
}

/** Options of `createClient`: a service and that service's client options. */
export type ClientOptions<S extends HttpService = HttpService> = ServiceClientOptions<S> & {
  /** The service the client talks to: its errors are read by that service's adapter. */
  readonly service: S;
};

/**
 * One call of the client, sent when the method was called, once (with its retries), as ky's
 * ResponsePromise is. Awaiting it gives the Response as soon as its headers arrive and the answer
 * is known to be a success, its body unread; it is a neverthrow ResultAsync, so `map`, `andThen`
 * and `match` work on it. The body methods read that one Response: its body is read once, within
 * `maxBodyBytes`, and kept, so any number of reads, of any kind, never send again and each gives
 * what the first gave (the same value for the same method). Nothing rejects: every outcome is a
 * Result.
 *
 * A body method called in the same tick as the client method (`client.get(url).json()`) reads
 * the body as the answer arrives, within the call: a body cut off mid-way is retried like any
 * dropped connection, and the Response the call gives has had its body read (as with ky). Called
 * later, it reads the Response's body then, once, and a failure to read it is the call's error;
 * if the caller has already read that body from the Response, the method answers
 * `invalid-request`.
 */
export interface ClientRequest<S extends HttpService> extends ResultAsync<Response, GameServiceError<S>> {
  /**
   * The body parsed from JSON: for Coral, the `result` of a `{"status": 0}` answer; an empty body
   * gives undefined. Sends `Accept: application/json` unless the request's headers say otherwise,
   * when called in the same tick as the client method.
   */
  json<T = unknown>(): ResultAsync<T, GameServiceError<S>>;
  /** The body as text, as sent, decoded as UTF-8. */
  text(): ResultAsync<string, GameServiceError<S>>;
  /** The body's bytes, in a buffer of the caller's own. */
  arrayBuffer(): ResultAsync<ArrayBuffer, GameServiceError<S>>;
  /** The body as a Blob typed with the answer's Content-Type. */
  blob(): ResultAsync<Blob, GameServiceError<S>>;
  /** The Response, as awaiting the call gives it. */
  response(): ResultAsync<Response, GameServiceError<S>>;
}

/** A client for one HTTP service, with ky's methods. */
export interface Client<S extends HttpService> {
  readonly service: S;
  get(input: Input, options?: RequestOptions): ClientRequest<S>;
  post(input: Input, options?: RequestOptions): ClientRequest<S>;
  put(input: Input, options?: RequestOptions): ClientRequest<S>;
  patch(input: Input, options?: RequestOptions): ClientRequest<S>;
  delete(input: Input, options?: RequestOptions): ClientRequest<S>;
  head(input: Input, options?: RequestOptions): ClientRequest<S>;
}

/** How an answer's body is read by a body method. */
export type BodyKind = 'json' | 'text' | 'arrayBuffer' | 'blob';
