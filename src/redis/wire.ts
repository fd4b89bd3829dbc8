import { isCategory, isRetryAdvice } from '../core/category.ts';
import { asCode } from '../core/codes.ts';
import { GameServiceError } from '../core/error.ts';
import { isObject, safeGet, safeNumber, safeString } from '../core/safe.ts';
import { isService } from '../core/service.ts';

/**
 * A GameServiceError as it travels through Redis: what it means (service, code, category, advice,
 * description, status, hint, details), never what was received nor its cause. The error was
 * redacted when it was built, so nothing here is a secret.
 */
export function errorToWire(error: GameServiceError): string {
  try {
    return JSON.stringify(wireFields(error, true));
  } catch {
    // Details that JSON cannot carry are left behind: what the error means still travels.
    return JSON.stringify(wireFields(error, false));
  }
}

function wireFields(error: GameServiceError, withDetails: boolean): Record<string, unknown> {
  return {
    service: error.service,
    code: error.code,
    codeName: error.codeName,
    category: error.category,
    retry: error.retry,
    description: error.description,
    status: error.status,
    retryAfterMs: error.retryAfterMs,
    details: withDetails ? error.details : undefined,
  };
}

/** The error another process stored, or undefined when what Redis holds is not one. */
export function errorFromWire(text: unknown): GameServiceError | undefined {
  if (typeof text !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const service = safeGet(value, 'service');
  const code = safeGet(value, 'code');
  const category = safeGet(value, 'category');
  const retry = safeGet(value, 'retry');
  const description = safeString(value, 'description');
  if (!isService(service) || !(typeof code === 'string' || typeof code === 'number') || !isCategory(category) || !isRetryAdvice(retry) || description === undefined) return undefined;
  const details = safeGet(value, 'details');
  return new GameServiceError({
    service,
    code: asCode(service, String(code)),
    codeName: safeString(value, 'codeName'),
    category,
    retry,
    description,
    status: safeNumber(value, 'status'),
    retryAfterMs: safeNumber(value, 'retryAfterMs'),
    details: isObject(details) ? (details as Readonly<Record<string, unknown>>) : undefined,
  });
}
