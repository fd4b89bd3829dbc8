import type { ResultAsync } from 'neverthrow';
import type { GameServiceError } from '../../core/error.ts';
import { msnpAdapter } from './adapter.ts';
import { msnpPreset } from './preset.ts';
import { retryOperation, type AttemptContext, type OperationValue, type RetryOperationOptions } from '../../retry/operation.ts';

/**
 * withRetry for MSNP commands, carrying only MSNP's tables: what `extralife/msnp` offers in place
 * of the root `withRetry(operation, { service: 'msnp' })`. Never throws.
 */
export function withMsnpRetry<T>(operation: (context: AttemptContext) => T, options: RetryOperationOptions<'msnp'> = {}): ResultAsync<OperationValue<T>, GameServiceError<'msnp'>> {
  return retryOperation(msnpAdapter, msnpPreset, operation, options);
}
