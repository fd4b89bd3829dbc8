import { err, ResultAsync, type Result } from 'neverthrow';
import type { Adapter } from '../core/adapter.ts';
import type { GameServiceError } from '../core/error.ts';
import { isError, isObject, safeGet } from '../core/safe.ts';
import type { Service } from '../core/service.ts';
import { isRetryScope, retryCoreFor } from './core.ts';
import { beforeDeadline } from './deadline.ts';
import { runRetry, type RetryTask } from './engine.ts';
import { misuseError } from './errors.ts';
import type { RetryObservers } from './events.ts';
import { resolvePolicy, RetryOptionProblem, type RetryOptions } from './policy.ts';
import type { RetryPreset } from './preset.ts';
import type { RetryScope } from './scope.ts';
import type { AuthOptions } from './tokens.ts';

/** What an operation is told about the attempt it is making. */
export interface AttemptContext {
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
  /**
   * Aborts when the caller's signal does, or when the call runs out of time (maxRetryTime):
   * pass it on, so that the attempt stops too.
   */
  readonly signal: AbortSignal | undefined;
  /** The token to use, when `auth` was given: renewed once if the service says it expired. */
  readonly token: string | undefined;
}

/** Options of `withRetry`. */
export interface RetryOperationOptions<S extends Service> extends RetryObservers<S> {
  /** How patient the call is: attempts, backoff, time limits. */
  readonly retry?: RetryOptions | undefined;
  /** Cancels the call, waits included: it ends at once as `cancelled`. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Whether the operation may be repeated after any retryable failure. False limits retries to
   * failures proving nothing was done (rate-limited, maintenance, token expired, connection refused).
   * @default true: wrapping an operation in withRetry says it is safe to repeat
   */
  readonly idempotent?: boolean | undefined;
  /** Credentials: the operation receives the token; an expired one is renewed once (header and scheme are not used). */
  readonly auth?: AuthOptions | undefined;
  /**
   * The state to share with other calls (see createRetryScope): the service's maintenance gate,
   * rate-limit pauses, token renewals and the retry budget. Without it, each call has its own
   * (renewals are still shared by calls with the same `auth` object).
   */
  readonly scope?: RetryScope | undefined;
  /**
   * The rate-limit bucket: calls with the same key (and scope) pause together when one of them is
   * told to slow down. @default the service's name: one bucket for every withRetry call of the service
   */
  readonly rateLimitKey?: string | undefined;
}

/** What an operation resolves to, a Result unwrapped: `Result<V, E>` and `ResultAsync<V, E>` give V. */
export type OperationValue<T> = Awaited<T> extends infer A ? (A extends Result<infer V, unknown> ? V : A) : never;

/** A neverthrow Result from any copy of neverthrow: told by shape. */
function isResult(value: unknown): value is Result<unknown, unknown> {
  return typeof value === 'object' && value !== null
    && typeof (value as { isOk?: unknown }).isOk === 'function'
    && typeof (value as { isErr?: unknown }).isErr === 'function'
    && typeof (value as { match?: unknown }).match === 'function';
}

class OperationTask<T> implements RetryTask<OperationValue<T>> {
  readonly signal: AbortSignal | undefined;
  readonly idempotent: boolean;
  readonly bucket: string;
  readonly #operation: (context: AttemptContext) => T;
  #attempts = 0;

  constructor(operation: (context: AttemptContext) => T, signal: AbortSignal | undefined, idempotent: boolean, bucket: string) {
    this.#operation = operation;
    this.signal = signal;
    this.idempotent = idempotent;
    this.bucket = bucket;
  }

  async attempt(token: string | undefined, deadline: number): Promise<OperationValue<T>> {
    this.#attempts += 1;
    // The operation's signal aborts when the caller cancels or when the call runs out of time.
    const controller = Number.isFinite(deadline) ? new AbortController() : undefined;
    const signal = controller === undefined ? this.signal : this.signal === undefined ? controller.signal : AbortSignal.any([this.signal, controller.signal]);
    const context: AttemptContext = { attempt: this.#attempts, signal, token };
    const outcome: unknown = await beforeDeadline(Promise.resolve().then(() => this.#operation(context)), deadline, controller);
    if (isResult(outcome)) {
      // A returned failure is a failure like a thrown one.
      if (outcome.isErr()) throw outcome.error;
      return outcome.value as OperationValue<T>;
    }
    if (isError(outcome)) throw outcome;
    return outcome as OperationValue<T>;
  }
}

/** What is wrong with withRetry's other options, if anything: each must be what its type says. */
function checkOperationOptions<S extends Service>(options: RetryOperationOptions<S>): string | undefined {
  const { signal, idempotent, scope, rateLimitKey, onRetry, onGiveUp, onRefresh } = options as Record<keyof RetryOperationOptions<S>, unknown>;
  if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) return `signal must be an AbortSignal, got ${typeof signal}.`;
  if (idempotent !== undefined && typeof idempotent !== 'boolean') return `idempotent must be true or false, got ${typeof idempotent === 'string' ? JSON.stringify(idempotent.slice(0, 32)) : typeof idempotent}.`;
  if (scope !== undefined && !isRetryScope(scope)) return 'scope must be a retry scope (createRetryScope() or createRedisScope()).';
  if (rateLimitKey !== undefined && (typeof rateLimitKey !== 'string' || rateLimitKey === '')) return 'rateLimitKey must be a non-empty string.';
  for (const [name, value] of [['onRetry', onRetry], ['onGiveUp', onGiveUp], ['onRefresh', onRefresh]] as const) {
    if (value !== undefined && typeof value !== 'function') return `${name} must be a function, got ${typeof value}.`;
  }
  return undefined;
}

/**
 * withRetry for one service from its adapter and preset: what a service's own entry point uses.
 * Never throws: bad options give an `invalid-request` error as the Result.
 */
export function retryOperation<S extends Service, T>(
  adapter: Adapter<S>,
  preset: RetryPreset<S>,
  operation: (context: AttemptContext) => T,
  options: RetryOperationOptions<S> = {},
): ResultAsync<OperationValue<T>, GameServiceError<S>> {
  return new ResultAsync(run(adapter, preset, operation, options));
}

async function run<S extends Service, T>(adapter: Adapter<S>, preset: RetryPreset<S>, operation: (context: AttemptContext) => T, options: RetryOperationOptions<S>): Promise<Result<OperationValue<T>, GameServiceError<S>>> {
  const { service } = adapter;
  try {
    // Checked as unknown: JavaScript callers and casts reach here with anything.
    const givenOperation: unknown = operation;
    const givenOptions: unknown = options;
    if (typeof givenOperation !== 'function') return err(misuseError(service, `withRetry needs a function to call, got ${typeof givenOperation}.`));
    if (!isObject(givenOptions)) return err(misuseError(service, `withRetry options must be an object, got ${givenOptions === null ? 'null' : typeof givenOptions}.`));
    const policy = resolvePolicy(preset.retry, options.retry);
    if (policy instanceof RetryOptionProblem) return err(misuseError(service, `withRetry options are invalid: ${policy.message}`));
    const { auth, scope } = options;
    const givenAuth: unknown = auth;
    if (givenAuth !== undefined && (!isObject(givenAuth) || typeof safeGet(givenAuth, 'getToken') !== 'function' || typeof safeGet(givenAuth, 'refreshToken') !== 'function')) {
      return err(misuseError(service, 'withRetry auth must be an object with getToken and refreshToken functions.'));
    }
    const problem = checkOperationOptions(options);
    if (problem !== undefined) return err(misuseError(service, `withRetry options are invalid: ${problem}`));
    const core = retryCoreFor({
      adapter,
      policy,
      scope,
      budget: preset.budget,
      gateKey: service,
      auth,
      gateSpreadMs: undefined,
      defaultGateSpreadMs: preset.gateSpreadMs,
      observers: options,
    });
    const bucket = options.rateLimitKey ?? service;
    return await runRetry(core, new OperationTask(operation, options.signal ?? undefined, options.idempotent ?? true, bucket));
  } catch (thrown) {
    // Only a fault of this library can land here; it still reaches the caller as a value.
    return err(adapter.classify(thrown));
  }
}

