/** How the retry budget is sized; AWS SDK's "standard" retry mode uses the same numbers. */
export interface RetryBudgetOptions {
  /** Tokens the bucket holds when full. @default 500 */
  readonly capacity?: number | undefined;
  /** Tokens a retry takes. @default 5 */
  readonly retryCost?: number | undefined;
  /** Tokens a retry after a timeout takes: a timeout costs the service more than a quick error. @default 10 */
  readonly timeoutCost?: number | undefined;
}

export const DEFAULT_BUDGET = { capacity: 500, retryCost: 5, timeoutCost: 10 } as const;

/** What a success gives back when no retry preceded it. */
const NO_RETRY_REFUND = 1;

/**
 * A token bucket shared by every call of one client: each retry takes tokens, each success gives
 * some back. While a service fails everything, the bucket runs dry and calls fail at once instead
 * of multiplying the load on a service that is already struggling.
 */
export class RetryBudget {
  readonly capacity: number;
  readonly retryCost: number;
  readonly timeoutCost: number;
  #available: number;

  constructor(options: RetryBudgetOptions = {}) {
    this.capacity = options.capacity ?? DEFAULT_BUDGET.capacity;
    this.retryCost = options.retryCost ?? DEFAULT_BUDGET.retryCost;
    this.timeoutCost = options.timeoutCost ?? DEFAULT_BUDGET.timeoutCost;
    this.#available = this.capacity;
  }

  /** Tokens left. */
  get available(): number {
    return this.#available;
  }

  /** The cost of one retry after a failure of this kind. */
  costOf(timedOut: boolean): number {
    return timedOut ? this.timeoutCost : this.retryCost;
  }

  /** Takes `cost` tokens if the bucket holds them; false (and nothing taken) when it does not. */
  take(cost: number): boolean {
    if (cost > this.#available) return false;
    this.#available -= cost;
    return true;
  }

  /** A call succeeded: give back what its last retry took, or a little when it needed none. */
  refund(lastRetryCost: number): void {
    this.#available = Math.min(this.capacity, this.#available + (lastRetryCost > 0 ? lastRetryCost : NO_RETRY_REFUND));
  }
}

/** A budget that never runs dry: for `budget: false`. */
export class UnlimitedBudget extends RetryBudget {
  constructor() {
    super({ capacity: Number.POSITIVE_INFINITY, retryCost: 0, timeoutCost: 0 });
  }

  override take(cost: number): boolean {
    return cost >= 0;
  }

  override refund(): void {
    // Nothing to give back to an endless bucket.
  }
}
