import type { Input, Options as KyOptions } from 'ky';
import type { ResultAsync } from 'neverthrow';
import type { GameServiceError } from '../core/error.ts';
import type { HttpService } from '../core/service.ts';
import type { RetryBudgetOptions } from '../retry/budget.ts';
import type { RetryObservers } from '../retry/events.ts';
import type { RetryOptions } from '../retry/policy.ts';
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
export type KyPassThroughOptions = Omit<KyOptions, 'retry' | 'throwHttpErrors' | 'parseJson' | 'method'>;

/** Options of one request: ky's, and how this call may be retried. */
export interface RequestOptions extends KyPassThroughOptions {
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
}

/** A client's patience: retry options, plus the retry budget its calls share. */
export interface ClientRetryOptions extends RetryOptions {
  /**
   * The token bucket every call of the client draws retries from, or false for none.
   * @default { capacity: 500, retryCost: 5, timeoutCost: 10 }
   */
  readonly budget?: RetryBudgetOptions | false | undefined;
  /** Calls released by the maintenance gate start at random within this window. @default 1_000 or 2_000, per service */
  readonly gateSpreadMs?: number | undefined;
}

/** Options of a client for one service. */
export interface ServiceClientOptions<S extends HttpService> extends Omit<KyPassThroughOptions, 'json' | 'body'>, RetryObservers<S> {
  /** Credentials: the token is sent on every call and renewed once when it expires. */
  readonly auth?: AuthOptions | undefined;
  /** How patient the client is, and the retry budget its calls share. */
  readonly retry?: ClientRetryOptions | undefined;
  /** Follow-up of 202 "queued" answers (Companion). @default { limit: 5, intervalMs: 1_500 } for companion */
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
 * A request, ready to be sent. Each body method sends it and reads the answer as asked; calling
 * two of them sends it twice. Nothing rejects: every outcome is a Result.
 */
export interface ClientRequest<S extends HttpService> {
  /**
   * The body parsed from JSON: for Coral, the `result` of a `{"status": 0}` answer; an empty body
   * gives undefined. Sends `Accept: application/json` unless the request's headers say otherwise.
   */
  json<T = unknown>(): ResultAsync<T, GameServiceError<S>>;
  /** The body as text, as sent. */
  text(): ResultAsync<string, GameServiceError<S>>;
  /** The body as bytes. */
  arrayBuffer(): ResultAsync<ArrayBuffer, GameServiceError<S>>;
  /** The body as a Blob. */
  blob(): ResultAsync<Blob, GameServiceError<S>>;
  /** The Response itself, its body unread, once the answer is known to be a success. */
  response(): ResultAsync<Response, GameServiceError<S>>;
}

/** A client for one HTTP service, with ky's methods. */
export interface Client<S extends HttpService> {
  /** The service the client talks to. */
  readonly service: S;
  /** A GET request to `input` (relative to `prefix`). */
  get(input: Input, options?: RequestOptions): ClientRequest<S>;
  /** A POST request; retried on failure only when it is safe to repeat. */
  post(input: Input, options?: RequestOptions): ClientRequest<S>;
  /** A PUT request. */
  put(input: Input, options?: RequestOptions): ClientRequest<S>;
  /** A PATCH request; retried on failure only when it is safe to repeat. */
  patch(input: Input, options?: RequestOptions): ClientRequest<S>;
  /** A DELETE request. */
  delete(input: Input, options?: RequestOptions): ClientRequest<S>;
  /** A HEAD request. */
  head(input: Input, options?: RequestOptions): ClientRequest<S>;
}

/** How an answer's body is read. */
export type BodyKind = 'json' | 'text' | 'arrayBuffer' | 'blob' | 'response';
