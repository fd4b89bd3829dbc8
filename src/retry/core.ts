import type { Adapter } from '../core/adapter.ts';
import type { Service } from '../core/service.ts';
import type { RetryBudgetOptions } from './budget.ts';
import type { RetryCore } from './engine.ts';
import type { RetryObservers } from './events.ts';
import type { RetryPolicy } from './policy.ts';
import { ownScope, type RetryScope } from './scope.ts';
import { tokenSourceFor, type AuthOptions } from './tokens.ts';

/** What a client or a withRetry call is made of, for {@link retryCoreFor}. */
export interface RetryCoreParts<S extends Service> {
  readonly adapter: Adapter<S>;
  readonly policy: RetryPolicy;
  /** The caller's scope; undefined gives the client one of its own, in memory. */
  readonly scope: RetryScope | undefined;
  /** The budget of a scope of its own. */
  readonly budget: RetryBudgetOptions | false | undefined;
  /** Names the gate in the scope: the service, and where its requests go. */
  readonly gateKey: string;
  readonly auth: AuthOptions | undefined;
  /** The caller's spread for calls released from the gate, if it gave one. */
  readonly gateSpreadMs: number | undefined;
  /** The service's default spread. */
  readonly defaultGateSpreadMs: number;
  readonly observers: RetryObservers<S>;
}

/** The retry core over a scope: its gate for this client, its pauses, budget and renewals. */
export function retryCoreFor<S extends Service>(parts: RetryCoreParts<S>): RetryCore<S> {
  const scope = parts.scope ?? ownScope(parts.budget);
  const tokens = parts.auth === undefined ? undefined : tokenSourceFor(parts.auth);
  return {
    adapter: parts.adapter,
    policy: parts.policy,
    gate: scope.gate(parts.gateKey),
    pauses: scope.pauses,
    budget: scope.budget,
    // Without a scope, calls with the same auth object share its renewals, whichever client they come from.
    renewals: parts.scope === undefined ? tokens?.ownRenewals : scope.renewals,
    tokens,
    gateSpreadMs: parts.gateSpreadMs ?? scope.gateSpreadMs ?? parts.defaultGateSpreadMs,
    observers: parts.observers,
  };
}

/** True for what can be used as a scope: an object with the scope's parts. */
export function isRetryScope(value: unknown): value is RetryScope {
  if (typeof value !== 'object' || value === null) return false;
  const scope = value as Partial<Record<keyof RetryScope, unknown>>;
  return typeof scope.gate === 'function' && typeof scope.close === 'function'
    && typeof scope.pauses === 'object' && scope.pauses !== null
    && typeof scope.renewals === 'object' && scope.renewals !== null
    && typeof scope.budget === 'object' && scope.budget !== null;
}
