/**
 * What went wrong, in a small closed set that callers can switch over.
 * Every service's codes are sorted into these; retry advice follows from them.
 */
export const CATEGORIES = [
  /** The request did not reach the service, or the connection dropped. */
  'network',
  /** No answer in time. */
  'timeout',
  /** Temporarily unavailable, overloaded or busy. */
  'unavailable',
  /** The service failed unexpectedly. */
  'server-error',
  /** Planned or emergency maintenance. */
  'maintenance',
  /** Too many requests; slow down. */
  'rate-limited',
  /** The session or token expired; renew it and try again. */
  'token-expired',
  /** Credentials rejected or missing; the user must sign in. */
  'unauthenticated',
  /** Signed in, but not allowed. */
  'forbidden',
  /** Banned, suspended, disabled, or restricted by a guardian. */
  'account-restricted',
  /** The app or client version is too old, or no longer supported. */
  'outdated-client',
  /** The thing asked for does not exist. */
  'not-found',
  /** Already exists, already done, or the state changed meanwhile. */
  'conflict',
  /** Full or at a limit (lobby full, friend list full); not transient. */
  'capacity',
  /** The request is malformed or breaks a rule: a bug in the caller. */
  'invalid-request',
  /** Not implemented, API missing, or not supported here. */
  'unsupported',
  /** Cancelled by the user or the caller. */
  'cancelled',
  /** Could not be classified. */
  'unknown',
] as const;

/** One of {@link CATEGORIES}: what kind of failure an error is. */
export type Category = (typeof CATEGORIES)[number];

/** How a caller, or the client, should react to an error. */
export const RETRY_ADVICE = [
  /** Retry with jittered exponential backoff. */
  'backoff',
  /** Renew credentials once, then retry. */
  'refresh',
  /** Retry after the service's own delay hint, or a long default. */
  'wait',
  /** Do not retry automatically. */
  'never',
] as const;

/** One of {@link RETRY_ADVICE}: what to do about an error. */
export type RetryAdvice = (typeof RETRY_ADVICE)[number];

/**
 * The advice that follows from a category when a code carries no override.
 * Catalog entries may differ where a code says more than its category does.
 */
export const RETRY_BY_CATEGORY = {
  /** Transient: the request may go through next time. */
  network: 'backoff',
  /** Transient, for a method that is safe to repeat. */
  timeout: 'backoff',
  /** Transient: overloaded or busy for now. */
  unavailable: 'backoff',
  /** Often transient: the service failed this once. */
  'server-error': 'backoff',
  /** Waits for the window the service names. */
  maintenance: 'wait',
  /** Waits for the moment the service names. */
  'rate-limited': 'wait',
  /** Renews the token once, then tries again. */
  'token-expired': 'refresh',
  /** The user must sign in: retrying cannot help. */
  unauthenticated: 'never',
  /** Not allowed: retrying cannot help. */
  forbidden: 'never',
  /** A restriction on the account: retrying cannot help. */
  'account-restricted': 'never',
  /** The client must be updated first. */
  'outdated-client': 'never',
  /** The thing is not there: asking again finds nothing. */
  'not-found': 'never',
  /** The state must change first. */
  conflict: 'never',
  /** Full: not transient, so not retried automatically. */
  capacity: 'never',
  /** A bug in the caller: the same request fails again. */
  'invalid-request': 'never',
  /** Not available here: retrying cannot help. */
  unsupported: 'never',
  /** The caller asked to stop. */
  cancelled: 'never',
  /** Unclassified: retried only by a caller who knows better. */
  unknown: 'never',
} as const satisfies Record<Category, RetryAdvice>;

/** True for one of the category names. */
export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** True for one of the retry advice names. */
export function isRetryAdvice(value: unknown): value is RetryAdvice {
  return typeof value === 'string' && (RETRY_ADVICE as readonly string[]).includes(value);
}
