import type { GameServiceError } from '../core/error.ts';
import type { RenewalOutcome, ScopeRenewals, ScopeWait } from './scope.ts';
import { abortReason, now } from './sleep.ts';

/** One renewal in progress, and how many calls wait on it. */
interface Flight {
  readonly outcome: Promise<RenewalOutcome>;
  waiting: number;
  done: boolean;
}

/** How many rejected tokens are remembered, to follow renewals and refuse known-dead tokens. */
const REMEMBERED = 32;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > REMEMBERED) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
}

/**
 * Token renewals in this process's memory: one renewal in flight per rejected token, joined by
 * every call rejected with it; what it ended with is remembered for the last few tokens.
 */
export class LocalRenewals implements ScopeRenewals {
  /** Rejected token -> the token it was renewed to. */
  readonly #renewed = new Map<string, string>();
  /** Rejected token -> the error its refused renewal ended with. */
  readonly #refused = new Map<string, GameServiceError>();
  readonly #flights = new Map<string, Flight>();
  /** Rejected token -> its last renewal that failed transiently, and when it ended. */
  readonly #failed = new Map<string, { readonly endedAt: number; readonly outcome: RenewalOutcome }>();

  renewedTo(token: string): string | undefined {
    let latest: string | undefined;
    let from = token;
    for (let hop = 0; hop < REMEMBERED; hop += 1) {
      const next = this.#renewed.get(from);
      if (next === undefined) break;
      latest = next;
      from = next;
    }
    return latest;
  }

  refusal(token: string): GameServiceError | undefined {
    return this.#refused.get(token);
  }

  async renew(rejected: string, run: () => Promise<RenewalOutcome>, wait: ScopeWait): Promise<RenewalOutcome | 'late'> {
    let flight = this.#flights.get(rejected);
    // Rejected with a token whose renewal failed after this call's request went out: the same
    // burst of rejections, so the same failure; refreshToken is not called again for it.
    const failed = this.#failed.get(rejected);
    if (flight === undefined && failed !== undefined && wait.sentAt !== undefined && wait.sentAt <= failed.endedAt) return failed.outcome;
    if (flight === undefined) {
      const started: Flight = { outcome: this.#fly(rejected, run, () => started), waiting: 0, done: false };
      this.#flights.set(rejected, started);
      flight = started;
    }
    flight.waiting += 1;
    try {
      return await waitFor(flight.outcome, wait);
    } finally {
      flight.waiting -= 1;
      // Every call waiting on a renewal still running gave up: the next call starts afresh
      // rather than join a renewal that may never answer.
      if (flight.waiting === 0 && !flight.done && this.#flights.get(rejected) === flight) this.#flights.delete(rejected);
    }
  }

  async #fly(rejected: string, run: () => Promise<RenewalOutcome>, flight: () => Flight): Promise<RenewalOutcome> {
    // The run starts on a later microtask, once the flight is registered.
    await Promise.resolve();
    const outcome = await run();
    const own = flight();
    own.done = true;
    // An abandoned renewal that ends late may still teach the new token, but not refuse the old one.
    const current = this.#flights.get(rejected) === own;
    if (current) this.#flights.delete(rejected);
    if (outcome.kind === 'failed' && current) remember(this.#failed, rejected, { endedAt: now(), outcome });
    else this.#failed.delete(rejected);
    if (outcome.kind === 'renewed') remember(this.#renewed, rejected, outcome.token);
    else if (outcome.kind === 'refused' && current) remember(this.#refused, rejected, outcome.error);
    return outcome;
  }
}

/** Waits for a shared renewal without letting one caller's abort or deadline end it for the others. */
export function waitFor(flight: Promise<RenewalOutcome | 'late'>, wait: ScopeWait): Promise<RenewalOutcome | 'late'> {
  const { signal, timeLeftMs } = wait;
  if (signal?.aborted === true) return Promise.reject(abortReason(signal));
  if (timeLeftMs <= 0) return Promise.resolve('late');
  return new Promise<RenewalOutcome | 'late'>((resolve, reject) => {
    const onAbort = (): void => {
      settle();
      if (signal !== undefined) reject(abortReason(signal));
    };
    const timer = Number.isFinite(timeLeftMs) ? setTimeout(() => { settle(); resolve('late'); }, timeLeftMs) : undefined;
    const settle = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    flight.then((outcome) => { settle(); resolve(outcome); }, (reason: unknown) => { settle(); reject(reason instanceof Error ? reason : new Error(String(reason))); });
  });
}
