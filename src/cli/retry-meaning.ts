import type { RetryAdvice } from '../core/category.ts';

/** What each retry advice asks of a caller, in words. */
export const RETRY_MEANING = {
  backoff: 'retry with jittered exponential backoff',
  refresh: 'renew the credentials once, then retry',
  wait: "retry after the service's own delay hint, or a long default",
  never: 'do not retry automatically',
} as const satisfies Record<RetryAdvice, string>;
