/**
 * The value of a Retry-After header: whole seconds (rounded up, never negative) for a number,
 * an HTTP-date (IMF-fixdate, `Wed, 21 Oct 2015 07:28:00 GMT`) for a Date.
 */
export function retryAfterValue(retryAfter: number | Date): string {
  if (retryAfter instanceof Date) return retryAfter.toUTCString();
  return String(Number.isFinite(retryAfter) ? Math.max(0, Math.ceil(retryAfter)) : 0);
}
