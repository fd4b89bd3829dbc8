import type { HttpService } from '../core/service.ts';
import type { RetryPreset } from '../retry/preset.ts';

/** How an answer of 202 is followed up: asked again with the same request id. */
export interface PollPolicy {
  /** How many times to ask again before giving up. */
  readonly limit: number;
  /** The wait before each new ask, in milliseconds. */
  readonly intervalMs: number;
}

/** One HTTP service's defaults for the client: retries, how the token is sent, what may be repeated. */
export interface HttpPreset<S extends HttpService = HttpService> extends RetryPreset<S> {
  /** How the token is sent when the caller's auth does not say. */
  readonly auth: { readonly header: string; readonly scheme: string };
  /** A header carrying an id per call, kept across polls and retries; the service matches answers to it. */
  readonly requestIdHeader?: string | undefined;
  /** Follow-up of "queued, ask again" answers; undefined for services that never queue. */
  readonly poll?: PollPolicy | undefined;
  /**
   * POST and PATCH endpoints that are safe to send twice: reads that a service sends as POST, or
   * calls whose repetition has the effect of one. Matched against the request's input.
   */
  readonly repeatable?: RegExp | undefined;
  /**
   * True for a service whose 304 Not Modified (the answer to a conditional GET with
   * If-None-Match) is a success: handed back with its status for the caller to see, not an error.
   */
  readonly notModifiedIsSuccess?: boolean | undefined;
}
