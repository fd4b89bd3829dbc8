import { RetryBudget, type RetryBudgetOptions } from '../retry/budget.ts';
import type { ScopeBudget } from '../retry/scope.ts';
import type { ScopeContext } from './context.ts';
import { BUDGET_REFUND, BUDGET_TAKE } from './scripts.ts';
import { SoleTimer } from './timers.ts';

/** Refunds are summed and sent at most this often: a success never waits for Redis. */
const REFUND_EVERY_MS = 250;
/** What a success gives back when no retry preceded it (as the in-memory budget). */
const NO_RETRY_REFUND = 1;
/** A budget nobody touched for this long is full again: its key goes. */
const IDLE_TTL_MS = 60 * 60_000;

/**
 * The retry budget shared by every process of the scope: one token bucket in Redis. A retry takes
 * from it in one round trip (only after a failure). Successes give back in batches sent from a
 * timer, and only by a process that drew on the bucket since it was last full: a fleet that
 * never retries sends nothing. When Redis does not answer, the process's own bucket of the same
 * size decides.
 */
export class SharedBudget implements ScopeBudget {
  readonly #context: ScopeContext;
  readonly #local: RetryBudget;
  readonly #flush = new SoleTimer();
  #owed = 0;
  /** This process took from the shared bucket since it last saw it full: its successes give back. */
  #drawn = false;

  constructor(context: ScopeContext, options: RetryBudgetOptions | undefined) {
    this.#context = context;
    this.#local = new RetryBudget(options);
  }

  costOf(timedOut: boolean): number {
    return this.#local.costOf(timedOut);
  }

  async take(cost: number): Promise<boolean> {
    const { keys, link } = this.#context;
    this.#drawn = true;
    try {
      const reply = await link.script(BUDGET_TAKE, [keys.budget], [String(this.#local.capacity), String(cost), String(IDLE_TTL_MS)]);
      return Number(reply) === 1;
    } catch {
      return this.#local.take(cost);
    }
  }

  refund(lastRetryCost: number): void {
    this.#local.refund(lastRetryCost);
    if (!this.#drawn) return;
    this.#owed += lastRetryCost > 0 ? lastRetryCost : NO_RETRY_REFUND;
    if (!this.#flush.pending) this.#flush.set(REFUND_EVERY_MS, () => { void this.flush(); }, false);
  }

  /** Sends what successes gave back since the last time. */
  async flush(): Promise<void> {
    this.#flush.clear();
    const owed = this.#owed;
    if (owed <= 0) return;
    this.#owed = 0;
    const { keys, link } = this.#context;
    try {
      const holds = Number(await link.script(BUDGET_REFUND, [keys.budget], [String(this.#local.capacity), String(owed), String(IDLE_TTL_MS)]));
      if (holds >= this.#local.capacity) this.#drawn = false;
    } catch {
      // Redis is away: this process's own bucket was refunded above.
    }
  }
}
