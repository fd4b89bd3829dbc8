import type { Category } from '../core/category.ts';
import type { GameServiceError } from '../core/error.ts';

/** Methods a server must be able to receive twice with the effect of once (RFC 9110, 9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Answers that say the service turned the request away before doing anything with it. */
const REFUSED_UNPROCESSED = new Set<Category>(['rate-limited', 'maintenance', 'token-expired']);

/**
 * True when the failure proves the request was not processed, so even a POST may be sent again:
 * the service refused it (slow down, maintenance, expired token), or the connection was refused
 * before anything was sent.
 */
export function provesNotProcessed(error: GameServiceError): boolean {
  if (REFUSED_UNPROCESSED.has(error.category)) return true;
  return error.category === 'network' && error.details?.['notSent'] === true;
}
