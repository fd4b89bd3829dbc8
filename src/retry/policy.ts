import { safeGet } from '../core/safe.ts';

/**
 * How patient a call is. Every field has a default per service (see each service's preset);
 * any of them can be set for a client, and most of them for a single call.
 */
export interface RetryOptions {
  /**
   * Retries after failures that call for backoff (network, timeout, unavailable, server-error).
   * Not counted: the one retry after a token renewal (always allowed, even with `limit: 0`), and
   * waits the service asked for (maintenance, rate limits), which only maxRetryTime and
   * maxRetryAfter bound.
   * @default 2 or 3, per service
   * @example { limit: 0 } // no backoff retries; a renewal and the service's waits still happen
   */
  readonly limit?: number | undefined;
  /**
   * The whole call, attempts and waits included, in milliseconds. A wait that would end past it
   * is not started: the call ends with the error at once.
   * @default 60_000
   */
  readonly maxRetryTime?: number | undefined;
  /**
   * The longest wait honoured from a Retry-After header or a service's own hint, in
   * milliseconds. A longer hint ends the call at once with the error, its `retryAfterMs` set to
   * the hint, and nothing is sent before that moment: the maintenance gate stays closed, or the
   * rate-limit bucket paused, for the whole hint, so later calls end the same way until then.
   * @default 30_000
   */
  readonly maxRetryAfter?: number | undefined;
  /**
   * Backoff for transient failures: a random delay in [0, min(capMs, baseMs * 2^n)) before
   * retry n (full jitter).
   */
  readonly backoff?: {
    /** @default 250 to 1000, per service */
    readonly baseMs?: number | undefined;
    /** @default 4_000 to 15_000, per service */
    readonly capMs?: number | undefined;
  } | undefined;
  /** The wait after "slow down" when the service gives no hint. @default 1_000 to 5_000, per service */
  readonly rateLimitWaitMs?: number | undefined;
  /** The wait after "maintenance" when the service gives no hint. @default 30_000 */
  readonly maintenanceWaitMs?: number | undefined;
}

/** The numbers a call runs with, every default filled in. */
export interface RetryPolicy {
  readonly limit: number;
  readonly maxRetryTime: number;
  readonly maxRetryAfter: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  readonly rateLimitWaitMs: number;
  readonly maintenanceWaitMs: number;
}

/** A problem with retry options; the caller turns it into the error fitting its boundary. */
export class RetryOptionProblem {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

/** The keys of RetryOptions: a misspelt one is reported, not silently ignored. */
const RETRY_KEYS = ['limit', 'maxRetryTime', 'maxRetryAfter', 'rateLimitWaitMs', 'maintenanceWaitMs', 'backoff'] as const;
const BACKOFF_KEYS = ['baseMs', 'capMs'] as const;

/**
 * The first own key of `options` that is not one of `known`, shown safely; undefined when there
 * is none. An object whose keys cannot be listed (a hostile proxy) is read for the known ones only.
 */
export function unknownOptionIn(options: object, known: readonly string[]): string | undefined {
  let keys: (string | symbol)[];
  try {
    keys = Reflect.ownKeys(options);
  } catch {
    return undefined;
  }
  for (const key of keys) {
    if (typeof key === 'symbol') continue;
    if (!known.includes(key)) return key.length > 40 ? `${key.slice(0, 40)}…` : key;
  }
  return undefined;
}

function checkNumber(name: string, value: unknown, allowInfinity: boolean): number | RetryOptionProblem {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (!allowInfinity && !Number.isFinite(value))) {
    return new RetryOptionProblem(`retry.${name} must be a ${allowInfinity ? 'non-negative number or Infinity' : 'finite non-negative number'}, got ${describe(value)}.`);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return typeof value;
}

/**
 * Fills the options over a base policy, checking every number. Returns the base itself when
 * nothing is overridden, so a call without options allocates nothing.
 */
export function resolvePolicy(base: RetryPolicy, options: RetryOptions | undefined, otherKeys: readonly string[] = []): RetryPolicy | RetryOptionProblem {
  if (options === undefined) return base;
  // Checked as unknown: JavaScript callers and casts reach here with anything.
  const given: unknown = options;
  if (typeof given !== 'object' || given === null) return new RetryOptionProblem(`retry must be an object, got ${describe(given)}.`);
  const unknownKey = unknownOptionIn(given, [...RETRY_KEYS, ...otherKeys]);
  if (unknownKey !== undefined) return new RetryOptionProblem(`retry.${unknownKey} is not a retry option; the options are ${[...RETRY_KEYS, ...otherKeys].join(', ')}.`);
  const resolved = { ...base };
  if (options.limit !== undefined) {
    if (typeof options.limit !== 'number' || !Number.isInteger(options.limit) || options.limit < 0) {
      return new RetryOptionProblem(`retry.limit must be a non-negative integer, got ${describe(options.limit)}.`);
    }
    resolved.limit = options.limit;
  }
  const numbers = [
    ['maxRetryTime', options.maxRetryTime, true],
    ['maxRetryAfter', options.maxRetryAfter, true],
    ['rateLimitWaitMs', options.rateLimitWaitMs, false],
    ['maintenanceWaitMs', options.maintenanceWaitMs, false],
  ] as const;
  for (const [name, value, allowInfinity] of numbers) {
    if (value === undefined) continue;
    const checked = checkNumber(name, value, allowInfinity);
    if (checked instanceof RetryOptionProblem) return checked;
    resolved[name] = checked;
  }
  const backoff: unknown = options.backoff;
  if (backoff !== undefined) {
    if (typeof backoff !== 'object' || backoff === null) return new RetryOptionProblem(`retry.backoff must be an object, got ${describe(backoff)}.`);
    const unknownBackoff = unknownOptionIn(backoff, BACKOFF_KEYS);
    if (unknownBackoff !== undefined) return new RetryOptionProblem(`retry.backoff.${unknownBackoff} is not a backoff option; the options are ${BACKOFF_KEYS.join(', ')}.`);
    for (const [name, key] of [['backoff.baseMs', 'backoffBaseMs'], ['backoff.capMs', 'backoffCapMs']] as const) {
      const value = safeGet(backoff, name === 'backoff.baseMs' ? 'baseMs' : 'capMs');
      if (value === undefined) continue;
      const checked = checkNumber(name, value, false);
      if (checked instanceof RetryOptionProblem) return checked;
      resolved[key] = checked;
    }
  }
  return resolved;
}
