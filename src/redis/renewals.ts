import type { GameServiceError } from '../core/error.ts';
import type { RenewalOutcome, ScopeRenewals, ScopeWait } from '../retry/scope.ts';
import { waitFor } from '../retry/renewals.ts';
import { pair, type ScopeContext } from './context.ts';
import { digest } from './keys.ts';
import { LEASE_KEEP, RENEWAL_END, RENEWAL_JOIN } from './scripts.ts';
import { SoleTimer } from './timers.ts';
import { errorFromWire, errorToWire } from './wire.ts';

/** One renewal this process follows, and how many of its calls wait on it. */
interface Flight {
  outcome: Promise<RenewalOutcome | 'late'>;
  waiting: number;
  done: boolean;
  /** A transient failure another process's renewal ended with, as the channel told it. */
  failure: RenewalOutcome | undefined;
  /** Wakes the flight's loop early: the channel told how the renewal ended, or that its lease went. */
  wake: () => void;
}

/** How many rejected tokens a process remembers, to follow renewals and refuse known-dead tokens. */
const REMEMBERED = 32;
/** A waiting process asks again this long after the renewer's lease would end, at the least. */
const LEASE_SLACK_MS = 25;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > REMEMBERED) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
}

/** A renewal's outcome as it travels through Redis. */
function outcomeToWire(outcome: RenewalOutcome): string {
  return outcome.kind === 'renewed'
    ? JSON.stringify({ kind: 'renewed', token: outcome.token })
    : JSON.stringify({ kind: outcome.kind, error: errorToWire(outcome.error) });
}

function outcomeFromWire(text: unknown): RenewalOutcome | undefined {
  if (typeof text !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, token, error } = value as { kind?: unknown; token?: unknown; error?: unknown };
  if (kind === 'renewed') return typeof token === 'string' && token !== '' ? { kind, token } : undefined;
  if (kind !== 'refused' && kind !== 'failed') return undefined;
  const rebuilt = errorFromWire(error);
  return rebuilt === undefined ? undefined : { kind, error: rebuilt };
}

/**
 * Token renewals shared through Redis: one renewal per rejected token across every process. The
 * first process to ask takes a lease on the token's digest and renews, keeping the lease alive
 * while `refreshToken` runs; the others wait for the outcome, which the renewer stores for
 * `renewalOutcomeTtlMs` and tells on the channel. A renewer that dies stops renewing its lease,
 * which ends after `renewalLeaseMs`; the next process to ask then renews.
 *
 * Every process remembers what the tokens it heard of were renewed to, so a process whose own
 * getToken still gives the old token sends the new one. When Redis does not answer, a process
 * renews for itself, once for all its calls, as the in-memory scope does.
 */
export class RedisRenewals implements ScopeRenewals {
  readonly #context: ScopeContext;
  /** Rejected token's digest -> the token it was renewed to. */
  readonly #renewed = new Map<string, string>();
  /** Rejected token's digest -> the error its refused renewal ended with. */
  readonly #refused = new Map<string, GameServiceError>();
  readonly #flights = new Map<string, Flight>();
  /** The leases this process keeps alive while it renews. */
  readonly #keepAlives = new Set<SoleTimer>();
  #stopped = false;

  constructor(context: ScopeContext) {
    this.#context = context;
  }

  renewedTo(token: string): string | undefined {
    // The hot path: nothing renewed, nothing to hash.
    if (this.#renewed.size === 0) return undefined;
    let latest: string | undefined;
    let from = token;
    for (let hop = 0; hop < REMEMBERED; hop += 1) {
      const next = this.#renewed.get(digest(from));
      if (next === undefined) break;
      latest = next;
      from = next;
    }
    return latest;
  }

  refusal(token: string): GameServiceError | undefined {
    return this.#refused.size === 0 ? undefined : this.#refused.get(digest(token));
  }

  async renew(rejected: string, run: () => Promise<RenewalOutcome>, wait: ScopeWait): Promise<RenewalOutcome | 'late'> {
    const tokenDigest = digest(rejected);
    let flight = this.#flights.get(tokenDigest);
    if (flight === undefined) {
      let wake = (): void => undefined;
      const started: Flight = {
        outcome: Promise.resolve('late'),
        waiting: 0,
        done: false,
        failure: undefined,
        wake: () => { wake(); },
      };
      started.outcome = this.#fly(tokenDigest, run, started, (next) => { wake = next; });
      this.#flights.set(tokenDigest, started);
      flight = started;
    }
    flight.waiting += 1;
    try {
      return await waitFor(flight.outcome, wait);
    } finally {
      flight.waiting -= 1;
      // Every call waiting here gave up: the next call starts afresh.
      if (flight.waiting === 0 && !flight.done && this.#flights.get(tokenDigest) === flight) {
        this.#flights.delete(tokenDigest);
        flight.wake();
      }
    }
  }

  /** How a renewal ended, as the channel told it. */
  learnWire(tokenDigest: string, text: unknown): void {
    const outcome = outcomeFromWire(text);
    if (outcome === undefined) return;
    this.#learn(tokenDigest, outcome);
    const flight = this.#flights.get(tokenDigest);
    if (flight === undefined) return;
    if (outcome.kind === 'failed') flight.failure = outcome;
    flight.wake();
  }

  /** Lets go of what in-flight renewals wait for: the scope is closing. */
  stop(): void {
    this.#stopped = true;
    for (const keepAlive of this.#keepAlives) keepAlive.clear();
    this.#keepAlives.clear();
    for (const flight of this.#flights.values()) flight.wake();
  }

  #learn(tokenDigest: string, outcome: RenewalOutcome): void {
    if (outcome.kind === 'renewed') remember(this.#renewed, tokenDigest, outcome.token);
    else if (outcome.kind === 'refused') remember(this.#refused, tokenDigest, outcome.error);
  }

  #known(tokenDigest: string): RenewalOutcome | undefined {
    const token = this.#renewed.get(tokenDigest);
    if (token !== undefined) return { kind: 'renewed', token };
    const error = this.#refused.get(tokenDigest);
    return error === undefined ? undefined : { kind: 'refused', error };
  }

  async #fly(tokenDigest: string, run: () => Promise<RenewalOutcome>, flight: Flight, onWake: (wake: () => void) => void): Promise<RenewalOutcome | 'late'> {
    // The loop starts on a later microtask, once the flight is registered.
    await Promise.resolve();
    const { keys, link, owner, timings } = this.#context;
    const leaseKey = keys.renewalLease(tokenDigest);
    const outcomeKey = keys.renewalOutcome(tokenDigest);
    const pause = new SoleTimer();
    try {
      for (;;) {
        const known = this.#known(tokenDigest);
        if (known !== undefined) return known;
        if (flight.failure !== undefined) return flight.failure;
        // Every call waiting here gave up, and this process renews nothing itself: stop asking.
        if (this.#flights.get(tokenDigest) !== flight) return 'late';
        let reply: unknown;
        try {
          reply = await link.script(RENEWAL_JOIN, [leaseKey, outcomeKey], [owner, String(timings.renewalLeaseMs)]);
        } catch {
          // Redis is away: this process renews for itself.
          return await this.#runHere(tokenDigest, run, flight);
        }
        if (Array.isArray(reply) && reply[0] === 'done') {
          const outcome = outcomeFromWire(reply[1]);
          if (outcome !== undefined) {
            this.#learn(tokenDigest, outcome);
            return outcome;
          }
        }
        const answer = pair(reply);
        if (answer?.[0] === 'lead') return await this.#lead(tokenDigest, run, flight);
        // Another process renews: wait for the channel to tell, or for its lease to end.
        const leaseLeft = answer?.[0] === 'wait' && answer[1] > 0 ? answer[1] : timings.renewalLeaseMs;
        await new Promise<void>((resolve) => {
          onWake(resolve);
          pause.set(Math.min(leaseLeft, timings.renewalLeaseMs) + LEASE_SLACK_MS, resolve, flight.waiting > 0);
        });
        pause.clear();
      }
    } finally {
      pause.clear();
    }
  }

  /** This process holds the lease: renew, keeping the lease alive, then store and tell the outcome. */
  async #lead(tokenDigest: string, run: () => Promise<RenewalOutcome>, flight: Flight): Promise<RenewalOutcome> {
    const { keys, link, owner, timings } = this.#context;
    const leaseKey = keys.renewalLease(tokenDigest);
    const keepAlive = new SoleTimer();
    const every = Math.max(10, Math.floor(timings.renewalLeaseMs / 3));
    const keep = (): void => {
      if (this.#stopped) return;
      void link.script(LEASE_KEEP, [leaseKey], [owner, String(timings.renewalLeaseMs)]).catch(() => undefined);
      keepAlive.set(every, keep, false);
    };
    keepAlive.set(every, keep, false);
    this.#keepAlives.add(keepAlive);
    let outcome: RenewalOutcome;
    try {
      outcome = await this.#runHere(tokenDigest, run, flight);
    } finally {
      keepAlive.clear();
      this.#keepAlives.delete(keepAlive);
    }
    const wire = outcomeToWire(outcome);
    // A transient failure is told but not kept: a later call may try again.
    const ttl = outcome.kind === 'failed' ? 0 : timings.renewalOutcomeTtlMs;
    const message = JSON.stringify({ t: 'renewal', d: tokenDigest, o: wire, f: owner });
    await link.script(RENEWAL_END, [leaseKey, keys.renewalOutcome(tokenDigest)], [owner, wire, String(ttl), keys.channel, message]).catch(() => undefined);
    return outcome;
  }

  async #runHere(tokenDigest: string, run: () => Promise<RenewalOutcome>, flight: Flight): Promise<RenewalOutcome> {
    const outcome = await run();
    flight.done = true;
    // An abandoned renewal that ends late may still teach the new token, but not refuse the old one.
    if (outcome.kind === 'renewed' || this.#flights.get(tokenDigest) === flight) this.#learn(tokenDigest, outcome);
    if (this.#flights.get(tokenDigest) === flight) this.#flights.delete(tokenDigest);
    return outcome;
  }
}
