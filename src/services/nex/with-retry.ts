import { err, type ResultAsync } from 'neverthrow';
import type { GameServiceError } from '../../core/error.ts';
import { isObject, safeGet } from '../../core/safe.ts';
import { classifyNex, nexAdapter } from './adapter.ts';
import { nexPreset } from './preset.ts';
import { ERROR_BIT } from './result-code.ts';
import { leadsWithResult, readLeadingResult, type RmcResponse } from './rmc.ts';
import { retryOperation, type AttemptContext, type OperationValue, type RetryOperationOptions } from '../../retry/operation.ts';

/** An RMC response as readRmcResponse gives it, told by shape (it may come from another copy). */
function isRmcResponse(value: unknown): value is RmcResponse {
  if (!isObject(value)) return false;
  const success = safeGet(value, 'success');
  if (typeof safeGet(value, 'protocolId') !== 'number' || typeof safeGet(value, 'callId') !== 'number') return false;
  if (success === false) return typeof safeGet(value, 'resultCode') === 'number';
  return success === true && typeof safeGet(value, 'methodId') === 'number' && safeGet(value, 'body') instanceof Uint8Array;
}

/** The failure an RMC response reports: a failure frame, or a failing result first in a body that starts with one. */
function failureIn(response: RmcResponse): GameServiceError<'nex'> | undefined {
  if (!response.success) {
    // A frame that says failure is one, whatever its result code's error bit says.
    return classifyNex((response.resultCode | ERROR_BIT) >>> 0);
  }
  if (!leadsWithResult(response.protocolId, response.methodId)) return undefined;
  const result = readLeadingResult(response.body);
  return result !== undefined && (result & ERROR_BIT) !== 0 ? classifyNex(result) : undefined;
}

/** The value of an ok Result from any copy of neverthrow; anything else as it is. */
function okValue(value: unknown): unknown {
  if (!isObject(value) || typeof safeGet(value, 'isOk') !== 'function') return value;
  return (value as { isOk(): unknown }).isOk() === true ? safeGet(value, 'value') : value;
}

/** What an operation returned, with an RMC response that reports failure turned into that failure. */
async function readReturned(returned: unknown): Promise<unknown> {
  const value: unknown = await returned;
  const inner = okValue(value);
  if (!isRmcResponse(inner)) return value;
  const failure = failureIn(inner);
  return failure === undefined ? value : err(failure);
}

/**
 * An operation whose returned RMC responses are read as NEX reports them: a failure frame is a
 * failure, and so is a success frame of a method that returns a result first (Login, LoginEx,
 * RequestTicket, Register, RegisterEx) whose result is an error. What `readRmcResponse` gives
 * can then be returned as it is.
 */
export function readingRmcResponses<T>(operation: (context: AttemptContext) => T): (context: AttemptContext) => T {
  // The wrapper gives what the operation gave, or an err Result in its place: withRetry unwraps both alike.
  return (context) => readReturned(operation(context)) as T;
}

/**
 * withRetry for NEX RMC calls, carrying only NEX's tables: what `extralife/nex` offers in place
 * of the root `withRetry(operation, { service: 'nex' })`. A returned RMC response (what
 * `readRmcResponse` gives) that reports failure is that failure, classified and retried: a
 * failure frame, or a Login, LoginEx, RequestTicket, Register or RegisterEx whose body starts
 * with an error result (Authentication::UnderMaintenance during maintenance). Never throws.
 * @example
 * const login = await withNexRetry(async () => readRmcResponse(await connection.call(10, 1, body)));
 * // Ok: the success frame of a Login that succeeded; Err: what it failed with, after the retries
 */
export function withNexRetry<T>(operation: (context: AttemptContext) => T, options: RetryOperationOptions<'nex'> = {}): ResultAsync<OperationValue<T>, GameServiceError<'nex'>> {
  // Checked as unknown: JavaScript callers reach here with anything; retryOperation answers a non-function.
  const given: unknown = operation;
  return retryOperation(nexAdapter, nexPreset, typeof given === 'function' ? readingRmcResponses(operation) : operation, options);
}
