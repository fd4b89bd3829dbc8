import type { ResultAsync } from 'neverthrow';
import type { GameServiceError } from '../../core/error.ts';
import { nexAdapter } from './adapter.ts';
import { nexPreset } from './preset.ts';
import { retryOperation, type AttemptContext, type OperationValue, type RetryOperationOptions } from '../../retry/operation.ts';

/**
 * withRetry for NEX RMC calls, carrying only NEX's tables: what `extralife/nex` offers in place
 * of the root `withRetry(operation, { service: 'nex' })`. Never throws.
 */
export function withNexRetry<T>(operation: (context: AttemptContext) => T, options: RetryOperationOptions<'nex'> = {}): ResultAsync<OperationValue<T>, GameServiceError<'nex'>> {
  return retryOperation(nexAdapter, nexPreset, operation, options);
}
