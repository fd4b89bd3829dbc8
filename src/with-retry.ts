import { errAsync, type ResultAsync } from 'neverthrow';
import { classify } from './classify.ts';
import type { GameServiceError } from './core/error.ts';
import { safeGet } from './core/safe.ts';
import { isService, type Service } from './core/service.ts';
import { retryOperation, type AttemptContext, type OperationValue, type RetryOperationOptions } from './retry/operation.ts';
import { registry } from './services/registry.ts';

/** Options of `withRetry`: the service whose adapter reads the failures, and how patient to be. */
export type WithRetryOptions<S extends Service = Service> = RetryOperationOptions<S> & {
  readonly service: S;
};

/**
 * Gives any async call that is not HTTP (a NEX RMC call, an MSNP command) the client's retry
 * policy. What the operation throws, an `err` Result it returns, or an Error it returns, is
 * classified by the service's adapter and retried according to its advice; so is, for NEX, a
 * returned RMC response that reports failure (see withNexRetry). The outcome is a ResultAsync
 * that never rejects. Options that are wrong give an `invalid-request` error.
 *
 * @example
 * const result = await withRetry(({ signal }) => nex.call(protocol, method, body, { signal }), { service: 'nex' });
 * if (result.isErr() && result.error.category === 'maintenance') { ... }
 */
export function withRetry<T, S extends Service>(operation: (context: AttemptContext) => T, options: WithRetryOptions<S>): ResultAsync<OperationValue<T>, GameServiceError<S>> {
  // Checked as unknown: JavaScript callers and casts reach here with anything.
  const given: unknown = options;
  const service = safeGet(given, 'service');
  if (!isService(service)) {
    return errAsync(classify(service as S, new TypeError('withRetry needs options.service to name a service.')));
  }
  const definition = registry[options.service];
  const givenOperation: unknown = operation;
  const reading = typeof givenOperation === 'function' ? definition.readingReturned : undefined;
  return retryOperation(definition.adapter, definition.preset, reading === undefined ? operation : reading(operation), options);
}
