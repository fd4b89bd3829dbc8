import { RETRY_BY_CATEGORY } from '../core/category.ts';
import { GameServiceError } from '../core/error.ts';
import { safeString } from '../core/safe.ts';
import { urlUserInfoIn } from '../core/redact.ts';
import type { Service } from '../core/service.ts';

/** True for this copy's error of this service: one that needs no classifying again. */
export function isErrorOf<S extends Service>(value: unknown, service: S): value is GameServiceError<S> {
  return value instanceof GameServiceError && value.service === service;
}

/**
 * The error for a call its caller aborted. An abort whose reason is a TimeoutError (the caller's
 * AbortSignal.timeout) is a timeout; any other is a cancellation. The last failure, if the abort
 * came during a wait, is kept as the cause.
 */
export function abortedError<S extends Service>(service: S, reason: unknown, last: GameServiceError<S> | undefined): GameServiceError<S> {
  const timedOut = safeString(reason, 'name') === 'TimeoutError';
  const category = timedOut ? 'timeout' : 'cancelled';
  return new GameServiceError<S>({
    service,
    code: timedOut ? 'TIMEOUT' : 'CANCELLED',
    category,
    retry: RETRY_BY_CATEGORY[category],
    description: timedOut
      ? 'The caller\'s time limit ran out before the call finished.'
      : last === undefined ? 'The call was cancelled by its caller.' : 'The call was cancelled by its caller while waiting to retry.',
    cause: last ?? reason,
  });
}

/** The error for a call its caller set up wrongly: a bug to fix, never retried. */
export function misuseError<S extends Service>(service: S, description: string, cause?: unknown, secrets?: readonly string[]): GameServiceError<S> {
  return new GameServiceError<S>({
    service,
    code: 'UNKNOWN',
    category: 'invalid-request',
    retry: 'never',
    description,
    cause,
    secrets,
  });
}

/**
 * The user names and passwords of URLs quoted in a piece of text ("http://player:secret@host/"):
 * fetch refuses such URLs and its message quotes them back whole.
 */
export function urlCredentialsIn(text: string): string[] {
  const found: string[] = [];
  for (const userInfo of urlUserInfoIn(text)) {
    for (const part of userInfo.split(':')) {
      if (part === '') continue;
      found.push(part);
      try {
        const decoded = decodeURIComponent(part);
        if (decoded !== part) found.push(decoded);
      } catch {
        // Not percent-encoded after all: the part as written is enough.
      }
    }
  }
  return found;
}

/**
 * A refused token renewal ends the call as unauthenticated: the user must sign in again.
 * The renewal's own error stays as the cause.
 */
export function renewalRefused<S extends Service>(error: GameServiceError<S>): GameServiceError<S> {
  if (error.category === 'unauthenticated') return error;
  return new GameServiceError<S>({
    ...error.toInit(),
    category: 'unauthenticated',
    retry: 'never',
    description: `The token was rejected and renewing it failed: ${error.description}`,
    cause: error,
    attempts: undefined,
    elapsedMs: undefined,
  });
}

/**
 * The final error of a call whose token was renewed and rejected again: renewing once more
 * would not help, so the error says `retry: 'never'` (and `retryable: false`), with
 * `details.renewal` = 'did-not-help' saying why.
 */
export function renewalDidNotHelp<S extends Service>(error: GameServiceError<S>): GameServiceError<S> {
  return new GameServiceError<S>({
    ...error.toInit(),
    retry: 'never',
    description: `${error.description} The token was renewed and the renewed token was rejected too: renewing again will not help.`,
    details: { ...error.details, renewal: 'did-not-help' },
    cause: error,
    attempts: undefined,
    elapsedMs: undefined,
  });
}

/**
 * The error for a call that will not wait out what another call learnt (a maintenance gate closed,
 * a rate-limit pause) when the error that taught it is not at hand.
 */
export function waitTooLong<S extends Service>(service: S, category: 'maintenance' | 'rate-limited', waitMs: number): GameServiceError<S> {
  return new GameServiceError<S>({
    service,
    code: 'UNKNOWN',
    category,
    retry: 'wait',
    description: category === 'maintenance'
      ? `The service is in maintenance for ${String(Math.ceil(waitMs))} ms more, longer than this call may wait.`
      : `The service asked to wait ${String(Math.ceil(waitMs))} ms more before the next request, longer than this call may wait.`,
    retryAfterMs: Math.ceil(waitMs),
  });
}
