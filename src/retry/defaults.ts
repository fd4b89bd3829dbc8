import { DEFAULT_BUDGET } from './budget.ts';
import type { RetryPolicy } from './policy.ts';

/**
 * What every service starts from. A call is bounded to a minute in all; waits the service asks
 * for are honoured up to 30 s; maintenance without a hint is probed again after 30 s, so a call
 * made at the start of a maintenance window probes once and then reports it.
 */
export const BASE_POLICY: RetryPolicy = {
  limit: 2,
  maxRetryTime: 60_000,
  maxRetryAfter: 30_000,
  backoffBaseMs: 500,
  backoffCapMs: 8_000,
  rateLimitWaitMs: 5_000,
  maintenanceWaitMs: 30_000,
};

export const BASE_BUDGET = DEFAULT_BUDGET;

/** Calls released from the maintenance gate start at random within this window. */
export const BASE_GATE_SPREAD_MS = 2_000;
