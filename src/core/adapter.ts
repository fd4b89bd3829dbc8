import type { GameServiceError } from './error.ts';
import type { HeaderSource } from './redact.ts';
import type { HttpService, Service } from './service.ts';

/** What the caller knows around a raw answer, for a better and safer error. */
export interface ClassifyContext {
  /** Exact values to mask wherever they appear: the tokens the client sent. */
  readonly secrets?: readonly string[] | undefined;
  /** The request the answer belongs to; its URL is kept redacted in the error's details. */
  readonly request?: { readonly method: string; readonly url: string } | undefined;
  /** The time to read Retry-After dates against, in epoch milliseconds. @default Date.now() */
  readonly now?: number | undefined;
}

/** An HTTP answer as data: what `classify` accepts for the HTTP services. */
export interface ResponseSnapshot {
  readonly status: number;
  readonly headers?: HeaderSource | undefined;
  /** The body as text, or already parsed from JSON. */
  readonly body?: string | object | undefined;
}

/**
 * Reads one service's raw answers. Adapters only translate: they never wait, retry or log. `C`
 * is what the service's adapter can be told beyond ClassifyContext (MSNP: the connection).
 */
export interface Adapter<S extends Service, C extends ClassifyContext = ClassifyContext> {
  readonly service: S;
  /** Any raw value becomes this service's error; never throws. */
  classify(raw: unknown, context?: C): GameServiceError<S>;
}

/** What a 2xx answer turned out to be. */
export type SuccessReading<S extends Service> =
  /** A real success: `value` is what the caller asked for (Coral: the `result` field). */
  | { readonly kind: 'value'; readonly value: unknown }
  /** A 2xx whose body reports failure (Coral's `{"status": 9404}`). */
  | { readonly kind: 'failure'; readonly error: GameServiceError<S> }
  /** Accepted but not ready (Companion's 202): ask again later with the same request id. */
  | { readonly kind: 'pending' };

/** Reads one HTTP service's raw answers, failures and 2xx answers alike. */
export interface HttpAdapter<S extends HttpService> extends Adapter<S> {
  /**
   * True when a 2xx answer's status alone tells success from failure (the service never says
   * failure in a 2xx body): the client then gives the Response as soon as its headers arrive,
   * its body unread. False (Coral, the platform): the body is read before the call settles.
   */
  readonly successFromStatus?: boolean | undefined;
  /** Reads a 2xx answer whose body is already read (parsed when it was JSON). Never throws. */
  readSuccess(snapshot: ResponseSnapshot, context?: ClassifyContext): SuccessReading<S>;
}
