import { RetryBudget, UnlimitedBudget, type RetryBudgetOptions } from './budget.ts';
import { MaintenanceGate } from './gate.ts';

/** What calls to one service share: a retry budget and a maintenance gate. */
export interface RetryScope {
  /** The token bucket every retry draws from; an empty one ends calls with their error. */
  readonly budget: RetryBudget;
  /** Closed while the service is in maintenance: calls wait, and one probe reopens it. */
  readonly gate: MaintenanceGate;
}

/** Options of {@link createRetryScope}. */
export interface RetryScopeOptions {
  /** The retry budget's size, or false for none. @default { capacity: 500, retryCost: 5, timeoutCost: 10 } */
  readonly budget?: RetryBudgetOptions | false | undefined;
  /** Calls released by the maintenance gate start at random within this window. @default 1_000 */
  readonly gateSpreadMs?: number | undefined;
}

/**
 * State to share between calls to one server: pass the same scope to several withRetry calls
 * and they share a retry budget and a maintenance gate, as the calls of one client do.
 */
export function createRetryScope(options: RetryScopeOptions = {}): RetryScope {
  return {
    budget: options.budget === false ? new UnlimitedBudget() : new RetryBudget(options.budget),
    gate: new MaintenanceGate(options.gateSpreadMs ?? 1_000),
  };
}
