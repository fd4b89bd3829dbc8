import type { Service } from '../core/service.ts';
import type { RetryBudgetOptions } from './budget.ts';
import type { RetryPolicy } from './policy.ts';

/** One service's retry defaults: what withRetry and the HTTP client start from. */
export interface RetryPreset<S extends Service = Service> {
  readonly service: S;
  readonly retry: RetryPolicy;
  readonly budget: Required<RetryBudgetOptions>;
  /** Calls released by the maintenance gate start at random within this window. */
  readonly gateSpreadMs: number;
}
