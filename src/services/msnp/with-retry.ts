import type { ResultAsync } from 'neverthrow';
import type { Adapter } from '../../core/adapter.ts';
import type { GameServiceError } from '../../core/error.ts';
import { isObject, safeGet } from '../../core/safe.ts';
import { classifyMsnp, msnpAdapter } from './adapter.ts';
import type { MsnpClassifyContext } from './context.ts';
import { msnpPreset } from './preset.ts';
import { retryOperation, type AttemptContext, type OperationValue, type RetryOperationOptions } from '../../retry/operation.ts';

/** Options of {@link withMsnpRetry}. */
export interface MsnpRetryOptions extends RetryOperationOptions<'msnp'> {
  /**
   * Where the command's answers arrive, for reading them: `{ connection: 'switchboard' }` makes a
   * 911 a stale ticket (renewed through `auth` and retried once) instead of a wrong password.
   * @example withMsnpRetry(() => answerInvitation(), { context: { connection: 'switchboard' }, auth })
   */
  readonly context?: Omit<MsnpClassifyContext, 'secrets' | 'request' | 'now'> | undefined;
}

/**
 * withRetry for MSNP commands, carrying only MSNP's tables: what `extralife/msnp` offers in place
 * of the root `withRetry(operation, { service: 'msnp' })`. Never throws.
 */
export function withMsnpRetry<T>(operation: (context: AttemptContext) => T, options: MsnpRetryOptions = {}): ResultAsync<OperationValue<T>, GameServiceError<'msnp'>> {
  // Read as unknown: JavaScript callers reach here with anything, and retryOperation says what is wrong.
  const given: unknown = safeGet(options, 'context');
  const adapter: Adapter<'msnp'> = isObject(given)
    ? { service: 'msnp', classify: (raw, context) => classifyMsnp(raw, { ...(given as MsnpClassifyContext), ...context }) }
    : msnpAdapter;
  return retryOperation(adapter, msnpPreset, operation, options);
}
