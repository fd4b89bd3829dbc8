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

export type RetryAdvice = (typeof RETRY_ADVICE)[number];

/**
 * The advice that follows from a category when a code carries no override.
 * Catalog entries may differ where a code says more than its category does.
 */
export const RETRY_BY_CATEGORY = {
  network: 'backoff',
  timeout: 'backoff',
  unavailable: 'backoff',
  'server-error': 'backoff',
  maintenance: 'wait',
  'rate-limited': 'wait',
  'token-expired': 'refresh',
  unauthenticated: 'never',
  forbidden: 'never',
  'account-restricted': 'never',
  'outdated-client': 'never',
  'not-found': 'never',
  conflict: 'never',
  capacity: 'never',
  'invalid-request': 'never',
  unsupported: 'never',
  cancelled: 'never',
  unknown: 'never',
} as const satisfies Record<Category, RetryAdvice>;

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

export function isRetryAdvice(value: unknown): value is RetryAdvice {
  return typeof value === 'string' && (RETRY_ADVICE as readonly string[]).includes(value);
}
