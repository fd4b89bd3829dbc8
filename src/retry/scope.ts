import type { GameServiceError } from '../core/error.ts';
import { RetryBudget, UnlimitedBudget, type RetryBudgetOptions } from './budget.ts';
import { MaintenanceGate } from './gate.ts';
import { LocalPauses } from './pauses.ts';
import { LocalRenewals } from './renewals.ts';

/*
 * Every duration crossing this interface is a number of milliseconds from now, never a point in
 * time: each process has its own clock, and an implementation that shares state between
 * processes turns durations into its own timestamps.
 */

/** How long a scope's wait may last for one call: its signal, and the milliseconds left before its deadline. */
export interface ScopeWait {
  /** The call's signal: an abort ends the wait. */
  readonly signal: AbortSignal | undefined;
  /** Milliseconds left of the call's maxRetryTime; Infinity when it has none. */
  readonly timeLeftMs: number;
  /**
   * When the rejected request was sent (performance.now()), for a renewal: a call whose request
   * went out before a renewal of the same token failed shares that failure rather than start
   * another. A scope may ignore it.
   */
  readonly sentAt?: number | undefined;
}

/**
 * How a waiting call is let through the maintenance gate:
 * - `go`: the gate was open, send now;
 * - `probe`: the wait is over and this call is the one that tests the service; it must
 *   report what it learnt (see {@link ScopeGate.report}) or close the gate again;
 * - `released`: the probe found the service back; the call sends after a random spread delay
 *   that the engine waits (bounded by the call's signal and deadline).
 */
export type GatePass = 'go' | 'probe' | 'released';

/**
 * One maintenance gate: for one service at one address. While closed, calls wait on it instead of
 * each asking a service that is down; when the wait is over one call is let through as the probe.
 */
export interface ScopeGate {
  /** True while calls may go straight to the service: read synchronously on every call, so it must be a local view. */
  readonly isOpen: boolean;
  /** Milliseconds until the gate lets a probe through; 0 when open or probing. Synchronous, a local view. */
  remaining(): number;
  /**
   * A call met maintenance: close the gate for `waitMs`, never shortening a longer wait already
   * known. The local view (isOpen, remaining) must change before this returns. The engine does not
   * await the result; a rejection is ignored.
   */
  close(waitMs: number, error: GameServiceError): void | Promise<void>;
  /**
   * Waits until the call may send. Resolves 'go' at once when open. Rejects with a
   * {@link GateClosed} when the gate stays closed longer than `wait.timeLeftMs` (at once when that
   * is already known, or when a later close() makes it so), or with the signal's reason when it
   * aborts. The engine also bounds this await by the call's signal and deadline; a 'probe'
   * resolved after the engine stopped waiting is reported 'abandoned' by the engine.
   */
  pass(wait: ScopeWait): Promise<GatePass>;
  /**
   * The probe's outcome. 'answered': the service said something other than maintenance, so the
   * gate reopens and every waiting call is released. 'abandoned': the probe was cancelled before
   * it learnt anything, so another waiting call becomes the probe. Not awaited by the engine.
   */
  report(outcome: 'answered' | 'abandoned'): void | Promise<void>;
}

/**
 * Rate-limit pauses per bucket. A bucket is a string naming what one limit applies to: by default
 * the service, the method and the URL without its query (`lobby POST https://host/v1/lobbies/quickjoin`),
 * or the `rateLimitKey` a call gives. A wait learnt from one call (Retry-After, RateLimit headers,
 * the service's own hint) pauses every call of the scope to that bucket until it ends.
 */
export interface ScopePauses {
  /** True when any bucket may be paused: false lets a call skip naming its bucket. Synchronous, a local view. */
  readonly active: boolean;
  /** Milliseconds until `bucket` may be sent to again; 0 when no pause is known. Synchronous, a local view. */
  remaining(bucket: string): number;
  /** The error that paused `bucket`, when this process has it; the engine makes one otherwise. */
  reason(bucket: string): GameServiceError | undefined;
  /** Pause `bucket` for `waitMs`, never shortening a longer pause. The local view changes before this returns; not awaited. */
  pause(bucket: string, waitMs: number, error: GameServiceError): void | Promise<void>;
}

/** How one renewal of a rejected token ended. */
export type RenewalOutcome =
  /** The token service gave a new token. */
  | {
      /** Renewed. */
      readonly kind: 'renewed';
      /** The new token. */
      readonly token: string;
    }
  /** The token service refused: final for this rejected token (the user must sign in). */
  | {
      /** Refused for good. */
      readonly kind: 'refused';
      /** Why. */
      readonly error: GameServiceError;
    }
  /** The renewal failed transiently (after its own retries): these calls end, a later call may try again. */
  | {
      /** Failed for now. */
      readonly kind: 'failed';
      /** Why. */
      readonly error: GameServiceError;
    };

/**
 * Token renewals: one renewal per rejected token across the whole scope, and what it ended with.
 * Keys are the rejected tokens themselves; an implementation that stores them anywhere but memory
 * must store a hash, never the token.
 */
export interface ScopeRenewals {
  /**
   * What `token` was renewed to, following renewals in a row to the newest; undefined when no
   * renewal of it is known. Read synchronously before every attempt of a call with auth, so it
   * must be a local view.
   */
  renewedTo(token: string): string | undefined;
  /** The error a refused renewal of `token` ended with, if one is known. Synchronous, a local view. */
  refusal(token: string): GameServiceError | undefined;
  /**
   * Renews `rejected` once for the whole scope. Exactly one caller's `run` is called while a renewal
   * of that token is in flight (across processes, for a shared scope); every other caller waits for
   * its outcome. 'renewed' and 'refused' outcomes are then remembered (renewedTo, refusal); 'failed'
   * is given only to the calls whose request went out before it ended (`sentAt`), so a later call
   * may renew again. One caller's abort or deadline ends only its own wait (resolving 'late' at its deadline,
   * rejecting with the signal's reason on abort), never the renewal the others wait on. The engine
   * also bounds this await by the call's signal and deadline.
   */
  renew(rejected: string, run: () => Promise<RenewalOutcome>, wait: ScopeWait): Promise<RenewalOutcome | 'late'>;
}

/**
 * The retry budget: a token bucket against retry storms on a failing service. Only retries of
 * failed requests take from it: waiting at the maintenance gate, out a rate-limit pause or for a
 * token renewal costs nothing.
 */
export interface ScopeBudget {
  /** The cost of one retry after a failure of this kind. */
  costOf(timedOut: boolean): number;
  /** Takes `cost` tokens if the bucket holds them; false (nothing taken) when not. Called only after a failure; the engine bounds the await. */
  take(cost: number): boolean | Promise<boolean>;
  /** A call succeeded: give back what its last retry took, or a little when it needed none. Called on every success: must not wait for anything; not awaited. */
  refund(lastRetryCost: number): void;
}

/**
 * The state calls share: the maintenance gates, rate-limit pauses, token renewals and the retry
 * budget. Pass one scope to any number of clients and withRetry calls (of any services) and they
 * share it; without one, each client (and each withRetry call) has its own, in memory.
 * `createRetryScope()` keeps it in memory for one process; `createRedisScope()` from
 * `extralife/redis` keeps it in Redis for many.
 */
export interface RetryScope {
  /** The gate of one service at one address (`key`: the service and the client's prefix). The same key gives the same gate. */
  gate(key: string): ScopeGate;
  /** Rate-limit pauses, per bucket. */
  readonly pauses: ScopePauses;
  /** Token renewals in flight and their outcomes, per rejected token. */
  readonly renewals: ScopeRenewals;
  /** The retry budget backoff retries draw from. */
  readonly budget: ScopeBudget;
  /** Calls released together from a gate start at random within this window; undefined leaves it to each client (its `retry.gateSpreadMs` or the service's default). */
  readonly gateSpreadMs?: number | undefined;
  /** Lets go of what the scope holds (timers, connections) so that the process can exit. Calls made afterwards still settle. */
  close(): Promise<void>;
}

/** Options of {@link createRetryScope}. */
export interface RetryScopeOptions {
  /** The retry budget's size, or false for none. @default { capacity: 500, retryCost: 5, timeoutCost: 10 } */
  readonly budget?: RetryBudgetOptions | false | undefined;
  /** Calls released by a maintenance gate start at random within this window. @default each client's own (1_000 or 2_000 ms, per service) */
  readonly gateSpreadMs?: number | undefined;
}

/** Why a call will not wait at the gate: it stays closed past the call's deadline. */
export class GateClosed extends Error {
  /** Always 'GateClosed'. */
  override readonly name = 'GateClosed';
  /** The maintenance error that closed the gate, when known here; the engine makes one otherwise. */
  readonly error: GameServiceError | undefined;
  /** Milliseconds until the gate lets a probe through. */
  readonly remainingMs: number;
  constructor(error: GameServiceError | undefined, remainingMs: number) {
    super('The maintenance gate stays closed past the call\'s deadline.');
    this.error = error;
    this.remainingMs = remainingMs;
  }
}

/** The in-memory scope. */
class LocalScope implements RetryScope {
  readonly pauses = new LocalPauses();
  readonly renewals = new LocalRenewals();
  readonly budget: ScopeBudget;
  readonly gateSpreadMs: number | undefined;
  readonly #gates = new Map<string, MaintenanceGate>();

  constructor(budget: ScopeBudget, gateSpreadMs: number | undefined) {
    this.budget = budget;
    this.gateSpreadMs = gateSpreadMs;
  }

  gate(key: string): ScopeGate {
    let gate = this.#gates.get(key);
    if (gate === undefined) {
      gate = new MaintenanceGate();
      this.#gates.set(key, gate);
    }
    return gate;
  }

  close(): Promise<void> {
    // Its timers hold the process only while calls wait on them: nothing to let go of.
    return Promise.resolve();
  }
}

/** A scope budget from the budget options: a bucket, or none for false. */
export function budgetOf(options: RetryBudgetOptions | false | undefined): ScopeBudget {
  return options === false ? new UnlimitedBudget() : new RetryBudget(options);
}

/**
 * State shared between calls, kept in this process's memory: pass the same scope to several
 * clients and withRetry calls and they share the maintenance gates, rate-limit pauses, token
 * renewals and the retry budget, as the calls of one client do.
 *
 * @example
 * const scope = createRetryScope();
 * const coral = createCoralClient({ prefix, auth, scope });
 * const result = await withNexRetry(() => connection.call(...), { scope });
 */
export function createRetryScope(options: RetryScopeOptions = {}): RetryScope {
  return new LocalScope(budgetOf(options.budget), options.gateSpreadMs);
}

/** The scope a client or withRetry call has when given none: in memory, its own. */
export function ownScope(budget: RetryBudgetOptions | false | undefined): RetryScope {
  return new LocalScope(budgetOf(budget), undefined);
}
