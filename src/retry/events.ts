import type { GameServiceError } from '../core/error.ts';
import type { Service } from '../core/service.ts';

/** A retry is about to happen. */
export interface RetryEvent<S extends Service = Service> {
  /** Why the attempt failed. */
  readonly error: GameServiceError<S>;
  /** The attempt that failed, counting from 1. */
  readonly attempt: number;
  /** How long the call waits before the next attempt (for maintenance: until the gate's probe). */
  readonly delayMs: number;
}

/**
 * Why a call stopped retrying:
 * - `final`: the error's advice is never to retry it (or it needs credentials the call lacks);
 * - `not-idempotent`: a POST or PATCH whose failure does not prove it was not processed;
 * - `limit`: the retry limit is reached;
 * - `time`: the next wait would end past maxRetryTime, or the call ran out of it;
 * - `retry-after`: the service asked to wait longer than maxRetryAfter (the error carries `retryAfterMs`);
 * - `budget`: the client's retry budget is empty;
 * - `refresh`: the token was rejected again after a renewal, or renewing it failed;
 * - `cancelled`: the caller's signal aborted.
 */
export type GiveUpReason = 'final' | 'not-idempotent' | 'limit' | 'time' | 'retry-after' | 'budget' | 'refresh' | 'cancelled';

/** A call ends with an error. */
export interface GiveUpEvent<S extends Service = Service> {
  /** The final error, carrying attempts and elapsedMs. */
  readonly error: GameServiceError<S>;
  /** How many attempts the call made. */
  readonly attempts: number;
  /** How long the call took in all, in milliseconds. */
  readonly elapsedMs: number;
  /** Why it stopped retrying. */
  readonly reason: GiveUpReason;
}

/** A token renewal finished: one event per refreshToken flight, however many calls waited on it. */
export type RefreshEvent<S extends Service = Service> =
  | {
      /** refreshToken gave a new token. */
      readonly outcome: 'refreshed';
      /** How long the renewal took, in milliseconds. */
      readonly elapsedMs: number;
    }
  | {
      /** refreshToken threw, rejected or gave no token: every waiting call ends as unauthenticated. */
      readonly outcome: 'failed';
      /** Why the renewal failed. */
      readonly error: GameServiceError<S>;
      /** How long the renewal took, in milliseconds. */
      readonly elapsedMs: number;
    };

/** Observers of the retry engine. They are told, not asked: their results are not awaited, and what they throw is ignored. */
export interface RetryObservers<S extends Service = Service> {
  /** Told before each retry: why, which attempt, and how long the call waits. */
  readonly onRetry?: ((event: RetryEvent<S>) => unknown) | undefined;
  /** Told once when a call ends with an error, and why it stopped retrying. */
  readonly onGiveUp?: ((event: GiveUpEvent<S>) => unknown) | undefined;
  /** Told once per token renewal, however many calls waited on it. */
  readonly onRefresh?: ((event: RefreshEvent<S>) => unknown) | undefined;
}

/** Calls an observer so that nothing it does, throwing or rejecting, reaches the call. */
export function notify<E>(observer: ((event: E) => unknown) | undefined, event: E): void {
  if (observer === undefined) return;
  try {
    const result = observer(event);
    if (typeof result === 'object' && result !== null && typeof (result as { then?: unknown }).then === 'function') {
      (result as PromiseLike<unknown>).then(undefined, () => undefined);
    }
  } catch {
    // An observer's failure is its own: the call goes on.
  }
}
