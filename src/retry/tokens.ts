import type { GameServiceError } from '../core/error.ts';
import type { Service } from '../core/service.ts';
import { runRetry, type RetryCore, type RetryTask } from './engine.ts';
import { misuseError, renewalRefused } from './errors.ts';
import { notify } from './events.ts';
import { beforeDeadline } from './deadline.ts';
import { abortReason, now } from './sleep.ts';

/**
 * Credentials for calls that need them. The client asks `getToken` before each attempt; when an
 * answer says the token expired, it calls `refreshToken` once for that token, however many calls
 * were rejected with it, and retries each of them once with the new one.
 */
export interface AuthOptions {
  /** The token to send. Called before every attempt, so a token stored elsewhere is picked up. */
  getToken(): string | Promise<string>;
  /** Renews a rejected token. Its failures are classified like any answer of the service. */
  refreshToken(rejected: string): Promise<string>;
  /**
   * The header that carries the token.
   * @default 'Authorization' ('token' for companion)
   */
  header?: string | undefined;
  /**
   * What precedes the token in the header; '' sends the bare token.
   * @default 'Bearer' ('' for companion)
   */
  scheme?: string | undefined;
}

/** What a waiting call learns from a renewal: go on, give up because its time ran out, or this error. */
export type RenewOutcome<S extends Service> = 'renewed' | 'late' | GameServiceError<S>;

/** One renewal in progress, and how many calls wait on it. */
interface Flight {
  outcome: Promise<RenewOutcome<Service>>;
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

/** The token renewal's single retry loop: the renewal is retried like any call, but never renewed itself. */
class RenewalTask implements RetryTask<string> {
  readonly signal = undefined;
  readonly idempotent = true;
  readonly secrets: readonly string[];
  readonly #auth: AuthOptions;
  readonly #rejected: string;
  readonly #service: Service;

  constructor(auth: AuthOptions, rejected: string, service: Service) {
    this.#auth = auth;
    this.#rejected = rejected;
    this.#service = service;
    this.secrets = [rejected];
  }

  async attempt(_token: string | undefined, deadline: number): Promise<string> {
    // A token service that never answers must not hold the renewal, or the calls waiting on it, forever.
    const fresh = await beforeDeadline(Promise.resolve().then(() => this.#auth.refreshToken(this.#rejected)), deadline);
    if (typeof fresh !== 'string' || fresh === '') {
      throw misuseError(this.#service, `auth.refreshToken() must give the new token as a non-empty string, got ${typeof fresh}.`);
    }
    return fresh;
  }
}

/**
 * One auth's tokens: what to send, and renewals shared by every call rejected with the same token.
 * A renewal refused by the service is remembered, so later calls rejected with that token end at
 * once as unauthenticated instead of asking again: never a loop.
 */
export class TokenSource {
  readonly auth: AuthOptions;
  /** Rejected token -> the token it was renewed to. */
  readonly #renewed = new Map<string, string>();
  /** Rejected token -> the unauthenticated error its refused renewal ended with. */
  readonly #refused = new Map<string, GameServiceError>();
  readonly #flights = new Map<string, Flight>();

  constructor(auth: AuthOptions) {
    this.auth = auth;
  }

  /** The token to send now: the caller's, or what it was renewed to if the caller still holds a rejected one. */
  async current(service: Service): Promise<string> {
    // Checked as unknown: a JavaScript getToken can give anything.
    const token: unknown = await this.auth.getToken();
    if (typeof token !== 'string' || token === '') {
      throw misuseError(service, `auth.getToken() must give the token as a non-empty string, got ${token === '' ? 'an empty string' : typeof token}.`);
    }
    return this.#latest(token);
  }

  #latest(token: string): string {
    let latest = token;
    for (let hop = 0; hop < REMEMBERED; hop += 1) {
      const next = this.#renewed.get(latest);
      if (next === undefined) break;
      latest = next;
    }
    return latest;
  }

  /**
   * Called by each call rejected with `rejected`. The first starts the renewal; the others join it.
   * A call whose token was already renewed, or whose caller now holds another token, goes on at once.
   */
  async renew<S extends Service>(rejected: string, core: RetryCore<S>, signal: AbortSignal | undefined, deadline: number): Promise<RenewOutcome<S>> {
    const known = this.#settled<S>(rejected);
    if (known !== undefined) return known;
    if (!this.#flights.has(rejected)) {
      if (await this.#holdsAnother(rejected)) return 'renewed';
      // Another call's renewal may have finished while this one asked.
      const settled = this.#settled<S>(rejected);
      if (settled !== undefined) return settled;
    }
    let flight = this.#flights.get(rejected);
    if (flight === undefined) {
      const started: Flight = { outcome: Promise.resolve('late'), waiting: 0, done: false };
      started.outcome = this.#fly(rejected, core, started);
      this.#flights.set(rejected, started);
      flight = started;
    }
    flight.waiting += 1;
    try {
      return await waitFor(flight.outcome as Promise<RenewOutcome<S>>, signal, deadline);
    } finally {
      flight.waiting -= 1;
      // Every call waiting on a renewal still running gave up: the next call starts afresh
      // rather than join a renewal that may never answer.
      if (flight.waiting === 0 && !flight.done && this.#flights.get(rejected) === flight) this.#flights.delete(rejected);
    }
  }

  #settled<S extends Service>(rejected: string): RenewOutcome<S> | undefined {
    const refused = this.#refused.get(rejected);
    if (refused !== undefined) return refused as GameServiceError<S>;
    return this.#renewed.has(rejected) ? 'renewed' : undefined;
  }

  async #holdsAnother(rejected: string): Promise<boolean> {
    try {
      const token = await this.auth.getToken();
      return typeof token === 'string' && token !== '' && this.#latest(token) !== rejected;
    } catch {
      return false;
    }
  }

  async #fly<S extends Service>(rejected: string, core: RetryCore<S>, flight: Flight): Promise<RenewOutcome<S>> {
    const started = now();
    const renewalCore: RetryCore<S> = {
      adapter: core.adapter,
      policy: core.policy,
      budget: core.budget,
      // The renewal may go to another server (an account service): the client's gate is not its own.
      gate: undefined,
      tokens: undefined,
      observers: {},
    };
    const result = await runRetry(renewalCore, new RenewalTask(this.auth, rejected, core.adapter.service));
    flight.done = true;
    // An abandoned renewal that ends late may still teach the new token, but not refuse the old one.
    const current = this.#flights.get(rejected) === flight;
    if (current) this.#flights.delete(rejected);
    const elapsedMs = Math.round(now() - started);
    if (result.isOk()) {
      remember(this.#renewed, rejected, result.value);
      notify(core.observers.onRefresh, { outcome: 'refreshed', elapsedMs });
      return 'renewed';
    }
    const failure = result.error;
    notify(core.observers.onRefresh, { outcome: 'failed', error: failure, elapsedMs });
    // A renewal still failing transiently after its own retries ends these calls, but a later
    // call may try again; a renewal the service refused is final for this token.
    if (failure.retry === 'backoff' || failure.retry === 'wait') return failure;
    const ended = renewalRefused(failure);
    if (current) remember(this.#refused, rejected, ended);
    return ended;
  }
}

/** Waits for a shared renewal without letting one caller's abort or deadline end it for the others. */
function waitFor<S extends Service>(flight: Promise<RenewOutcome<S>>, signal: AbortSignal | undefined, deadline: number): Promise<RenewOutcome<S>> {
  if (signal?.aborted === true) return Promise.reject(abortReason(signal));
  const remaining = deadline - now();
  if (remaining <= 0) return Promise.resolve('late');
  return new Promise<RenewOutcome<S>>((resolve, reject) => {
    const onAbort = (): void => {
      settle();
      if (signal !== undefined) reject(abortReason(signal));
    };
    const timer = Number.isFinite(remaining) ? setTimeout(() => { settle(); resolve('late'); }, remaining) : undefined;
    const settle = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    flight.then((outcome) => { settle(); resolve(outcome); }, (reason: unknown) => { settle(); reject(reason instanceof Error ? reason : new Error(String(reason))); });
  });
}

/** Calls sharing one auth object share its renewals, whichever client or withRetry call they come from. */
const sources = new WeakMap<AuthOptions, TokenSource>();

export function tokenSourceFor(auth: AuthOptions): TokenSource {
  let source = sources.get(auth);
  if (source === undefined) {
    source = new TokenSource(auth);
    sources.set(auth, source);
  }
  return source;
}
