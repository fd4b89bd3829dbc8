import { err, ok, type Result } from 'neverthrow';
import pRetry from 'p-retry';
import type { Adapter } from '../core/adapter.ts';
import { buildWithoutStack, finalInPlace, isGameServiceError, type GameServiceError } from '../core/error.ts';
import type { Service } from '../core/service.ts';
import { fullJitter, spread } from './backoff.ts';
import { bounded, deadlineReached } from './deadline.ts';
import { abortedError, isErrorOf, renewalDidNotHelp, waitTooLong } from './errors.ts';
import { notify, type GiveUpReason, type RetryObservers } from './events.ts';
import { provesNotProcessed } from './idempotency.ts';
import type { RetryPolicy } from './policy.ts';
import { GateClosed, type GatePass, type RenewalOutcome, type ScopeBudget, type ScopeGate, type ScopePauses, type ScopeRenewals } from './scope.ts';
import { now, sleep } from './sleep.ts';
import { RENEWAL_ATTEMPTS, renewalFailure, type TokenSource } from './tokens.ts';

/** What every call of one client (or one withRetry call) works with: its adapter, its policy, and the scope's state. */
export interface RetryCore<S extends Service> {
  readonly adapter: Adapter<S>;
  readonly policy: RetryPolicy;
  /** This client's gate in the scope (its service and prefix); undefined for a renewal, which has none. */
  readonly gate: ScopeGate | undefined;
  readonly pauses: ScopePauses | undefined;
  readonly budget: ScopeBudget | undefined;
  /** The renewals the scope shares; used with `tokens`. */
  readonly renewals: ScopeRenewals | undefined;
  readonly tokens: TokenSource | undefined;
  /** Calls released from the gate start at random within this window. */
  readonly gateSpreadMs: number;
  readonly observers: RetryObservers<S>;
}

/** One call: what to send, and how freely it may be sent again. */
export interface RetryTask<T> {
  readonly signal: AbortSignal | undefined;
  /** True when any retryable failure may be retried; false limits retries to failures proving nothing was processed. */
  readonly idempotent: boolean;
  /** The rate-limit bucket this call belongs to (see ScopePauses); read only when a pause is known or learnt. */
  readonly bucket: string;
  /** Values to mask in errors classified from this call's failures, besides the token sent. */
  readonly secrets?: readonly string[] | undefined;
  /** What to mask for a token sent: the token, and what it holds where the scheme says (Basic). Default: the token. */
  readonly tokenSecrets?: ((token: string) => readonly string[]) | undefined;
  /**
   * True when every attempt settles by `deadline` on its own (the HTTP client's attempts, whose
   * transport timeout and body read are cut to the time left): the engine then sets no timer of
   * its own for the attempt, and races it only against the signal.
   */
  readonly keepsDeadline?: boolean | undefined;
  /**
   * True for work no call waits on alone (a token renewal that calls share, which goes on when
   * they are cancelled): the engine's bounds on it do not keep the process alive.
   */
  readonly detached?: boolean | undefined;
  /**
   * Sends one attempt, carrying `token` when the client has auth. Throws when the attempt fails.
   * `deadline` (on the engine's clock, see sleep.ts) is when the whole call must be over; the
   * engine stops waiting for the attempt then (unless the task says it keeps the deadline
   * itself, see keepsDeadline), and when the call's signal aborts, whether the attempt listens
   * or not.
   */
  attempt(token: string | undefined, deadline: number): Promise<T>;
}

type Decision =
  | { readonly kind: 'stop' }
  | { readonly kind: 'refresh' }
  | { readonly kind: 'sleep' | 'gate'; readonly delayMs: number; readonly cost: number };

const STOP: Decision = { kind: 'stop' };
const REFRESH: Decision = { kind: 'refresh' };

/** How many times a call re-reads a bucket's pause before sending: a pause can be extended while it waits. */
const PAUSE_CHECKS = 8;

/**
 * Runs a task under the retry policy and resolves to its Result; never rejects.
 * p-retry runs the loop (maxRetryTime, signal); every decision about a failure is made here from
 * the error's retry advice, and every wait is this engine's own, so that it can be a token
 * renewal, a maintenance gate or a rate-limit pause as well as a backoff. Only retries after
 * failures that call for backoff count against `limit` and the budget: the others are waits the
 * service asked for, bounded by maxRetryAfter and maxRetryTime.
 */
export function runRetry<S extends Service, T>(core: RetryCore<S>, task: RetryTask<T>, policy: RetryPolicy = core.policy): Promise<Result<T, GameServiceError<S>>> {
  return new Run(core, task, policy).run();
}

/** A scope's fire-and-forget answer: a rejection is the scope's to report, never the call's. */
function unawaited(call: () => unknown): void {
  try {
    const result = call();
    if (result instanceof Promise) result.then(undefined, () => undefined);
  } catch {
    // A scope that throws is the scope's to report: the call goes on with what it knows.
  }
}

/** A promise rejected with any thrown value, kept as it is for the adapter to read. */
async function rejectWith(thrown: unknown): Promise<never> {
  await Promise.resolve();
  throw thrown;
}

class Run<S extends Service, T> {
  readonly #core: RetryCore<S>;
  readonly #task: RetryTask<T>;
  readonly #policy: RetryPolicy;
  readonly #start = now();
  #sent = 0;
  /** Retries after backoff failures: what `limit` counts. */
  #counted = 0;
  #token: string | undefined;
  /** When the last attempt was sent: a renewal that failed after it is this call's renewal too. */
  #sentAt = 0;
  #lastCost = 0;
  #refreshed = false;
  #reason: GiveUpReason = 'final';
  #last: GameServiceError<S> | undefined;
  /** Set when the call must end with this error whatever p-retry would do next. */
  #stopped: GameServiceError<S> | undefined;
  /** True while this call's attempt is the maintenance gate's probe. */
  #probe = false;
  /** Attempts sent before the current one started: tells a probe that was sent from one that was not. */
  #sentBefore = 0;

  constructor(core: RetryCore<S>, task: RetryTask<T>, policy: RetryPolicy) {
    this.#core = core;
    this.#task = task;
    this.#policy = policy;
  }

  /**
   * The first attempt runs before p-retry is set up: most calls succeed at once, and only a call
   * that failed pays for the retry loop. Its failure is decided and waited for as p-retry's
   * shouldRetry would (see #retry), and p-retry runs the attempts from the second on.
   */
  run(): Promise<Result<T, GameServiceError<S>>> {
    const { gate, pauses, tokens } = this.#core;
    // The common case, nothing to wait for and no token to fetch, adds no step of its own.
    const quiet = (gate === undefined || gate.isOpen) && pauses?.active !== true && tokens === undefined;
    const first = quiet ? this.#send(undefined) : this.#attempt();
    return first.then(this.#succeeded, this.#firstFailed);
  }

  readonly #succeeded = (value: T): Result<T, GameServiceError<S>> => {
    this.#core.budget?.refund(this.#lastCost);
    return ok(value);
  };

  readonly #firstFailed = (thrown: unknown): Promise<Result<T, GameServiceError<S>>> => {
    const first = this.#failed(thrown);
    // A failure never to be retried ends the call as p-retry would end it, without setting it up.
    if (first.retry === 'never' && this.#stopped === undefined && this.#task.signal?.aborted !== true) {
      this.#last = first;
      this.#reason = this.#policy.limit <= 0 ? 'limit' : 'final';
      // Shown to no observer and kept by no scope (neither a maintenance nor a rate limit): the
      // error can become the final one itself.
      const unshared = first.category !== 'maintenance' && first.category !== 'rate-limited';
      return Promise.resolve(err(this.#finish(first, unshared ? this.#firstFailed : undefined)));
    }
    return this.#retryAfter(first);
  };

  async #retryAfter(first: GameServiceError<S>): Promise<Result<T, GameServiceError<S>>> {
    try {
      // The first failure is decided and waited for here, as p-retry would: not once the call's
      // time is over, nor sent again if it ran out meanwhile. p-retry starts with the second attempt.
      if (this.#timeLeft <= 0 || !(await this.#retry(first)) || this.#timeLeft <= 0) return err(this.#finish(first));
      const value = await pRetry(() => this.#attemptOrFail(), {
        // The limit is counted here (#counted): p-retry's count would refuse a renewal once it is reached.
        retries: Number.POSITIVE_INFINITY,
        // Delays are this engine's own (see #retry); p-retry's would come on top of them.
        minTimeout: 0,
        maxRetryTime: Math.max(0, this.#policy.maxRetryTime - this.#elapsed),
        signal: this.#task.signal,
        shouldRetry: (context) => this.#retry(context.error),
      });
      return this.#succeeded(value);
    } catch (thrown) {
      return err(this.#finish(thrown));
    }
  }

  get #elapsed(): number {
    return now() - this.#start;
  }

  get #deadline(): number {
    return this.#start + this.#policy.maxRetryTime;
  }

  get #timeLeft(): number {
    return this.#deadline - now();
  }

  /** `work`, ended by the call's signal and deadline whatever it is doing. */
  #bound<V>(work: Promise<V>, onLate?: (value: V) => void): Promise<V> {
    return bounded(work, this.#task.signal, this.#deadline, onLate, this.#task.detached === true);
  }

  /** One attempt as p-retry needs it: every failure thrown as this service's error. */
  async #attemptOrFail(): Promise<T> {
    try {
      return await this.#attempt();
    } catch (thrown) {
      throw this.#failed(thrown);
    }
  }

  /** Passes the maintenance gate, waits out a pause of the call's bucket, fetches the token, then sends. */
  async #attempt(): Promise<T> {
    const { gate, tokens, renewals } = this.#core;
    try {
      if (gate !== undefined && !gate.isOpen) await this.#passGate(gate);
      if (this.#core.pauses?.active === true) await this.#waitOutPause();
      const token = tokens === undefined || renewals === undefined ? undefined : await this.#bound(tokens.current(this.#core.adapter.service, renewals));
      const value = await this.#send(token);
      if (this.#probe) {
        this.#probe = false;
        unawaited(() => gate?.report('answered'));
      }
      return value;
    } catch (thrown) {
      // A probe that never reached the service hands the probe on.
      if (this.#probe && this.#sent === this.#sentBefore) this.#abandonProbe();
      throw thrown;
    }
  }

  async #passGate(gate: ScopeGate): Promise<void> {
    const remaining = gate.remaining();
    if (remaining > this.#policy.maxRetryAfter) throw this.#gateRefused(new GateClosed(undefined, remaining), 'retry-after');
    let pass: GatePass;
    try {
      // A probe pass handed out after this call stopped waiting goes to the next waiting call.
      pass = await this.#bound(Promise.resolve(gate.pass({ signal: this.#task.signal, timeLeftMs: this.#timeLeft })), (late) => {
        if (late === 'probe') unawaited(() => gate.report('abandoned'));
      });
    } catch (reason) {
      if (!(reason instanceof GateClosed)) throw reason;
      throw this.#gateRefused(reason, reason.remainingMs > this.#policy.maxRetryAfter ? 'retry-after' : 'time');
    }
    if (pass === 'probe') this.#probe = true;
    else if (pass === 'released') {
      // Released calls start spread out, so that they do not all reach the service at once.
      await this.#bound(sleep(Math.min(spread(this.#core.gateSpreadMs), Math.max(0, this.#timeLeft)), this.#task.signal));
    }
  }

  #gateRefused(closed: GateClosed, reason: GiveUpReason): GameServiceError<S> {
    const known = closed.error ?? this.#last;
    const base = known === undefined || known.category !== 'maintenance'
      ? waitTooLong(this.#core.adapter.service, 'maintenance', closed.remainingMs)
      : isErrorOf(known, this.#core.adapter.service) ? known : this.#classify(known, undefined);
    return this.#stop(base.with({ retryAfterMs: Math.ceil(closed.remainingMs) }), reason);
  }

  /** Waits while the call's bucket is paused, or ends the call when the pause outlasts what it may wait. */
  async #waitOutPause(): Promise<void> {
    const { pauses } = this.#core;
    if (pauses?.active !== true) return;
    const { bucket } = this.#task;
    for (let check = 0; check < PAUSE_CHECKS; check += 1) {
      const remaining = Math.ceil(pauses.remaining(bucket));
      if (remaining <= 0) return;
      const tooLong = remaining > this.#policy.maxRetryAfter;
      if (tooLong || this.#elapsed + remaining >= this.#policy.maxRetryTime) {
        const known = pauses.reason(bucket);
        const base = known === undefined ? waitTooLong(this.#core.adapter.service, 'rate-limited', remaining)
          : isErrorOf(known, this.#core.adapter.service) ? known : this.#classify(known, undefined);
        throw this.#stop(base.with({ retryAfterMs: remaining }), tooLong ? 'retry-after' : 'time');
      }
      await this.#bound(sleep(remaining, this.#task.signal));
    }
  }

  #abandonProbe(): void {
    this.#probe = false;
    unawaited(() => this.#core.gate?.report('abandoned'));
  }

  #send(token: string | undefined): Promise<T> {
    this.#token = token;
    this.#sentAt = now();
    this.#sentBefore = this.#sent;
    this.#sent += 1;
    let attempt: Promise<T>;
    try {
      attempt = this.#task.attempt(token, this.#deadline);
    } catch (thrown) {
      // A task that throws instead of rejecting is read the same way.
      attempt = rejectWith(thrown);
    }
    // An attempt that keeps the deadline itself needs no second timer for it.
    return this.#task.keepsDeadline === true ? bounded(attempt, this.#task.signal, Number.POSITIVE_INFINITY) : this.#bound(attempt);
  }

  /** Reads a failed attempt: this service's error, and what it tells the maintenance gate and the pauses. */
  #failed(thrown: unknown): GameServiceError<S> {
    if (this.#stopped !== undefined) return this.#stopped;
    const error = this.#classify(thrown, this.#token);
    const { gate, pauses } = this.#core;
    if (gate !== undefined && error.category === 'maintenance') {
      unawaited(() => gate.close(this.#waitFor(error), error));
    } else if (this.#probe) {
      unawaited(() => gate?.report(error.category === 'cancelled' ? 'abandoned' : 'answered'));
    }
    this.#probe = false;
    if (pauses !== undefined && error.category === 'rate-limited') unawaited(() => pauses.pause(this.#task.bucket, this.#waitFor(error), error));
    return error;
  }

  #classify(thrown: unknown, token: string | undefined): GameServiceError<S> {
    const { adapter } = this.#core;
    if (isErrorOf(thrown, adapter.service)) return thrown;
    const extra = this.#task.secrets;
    const sent = token === undefined ? undefined : (this.#task.tokenSecrets?.(token) ?? [token]);
    const secrets = sent === undefined ? extra : extra === undefined ? sent : [...sent, ...extra];
    return buildWithoutStack(() => adapter.classify(thrown, secrets === undefined ? undefined : { secrets }));
  }

  #stop(error: GameServiceError<S>, reason: GiveUpReason): GameServiceError<S> {
    this.#stopped = error;
    this.#reason = reason;
    return error;
  }

  #decide(error: GameServiceError<S>): Decision {
    if (this.#stopped !== undefined) return STOP;
    if (this.#task.signal?.aborted === true) return this.#stopWith('cancelled');
    switch (error.retry) {
      case 'never':
        return this.#stopWith('final');
      case 'refresh':
        if (this.#core.tokens === undefined || this.#token === undefined) return this.#stopWith('final');
        if (this.#refreshed) {
          // Renewed, and rejected again: renewing once more would not help either.
          this.#stop(renewalDidNotHelp(error), 'refresh');
          return STOP;
        }
        // A renewal's retry is owed to the expired token, not to the service: not counted.
        return REFRESH;
      case 'wait':
        return this.#decideWait(error);
      case 'backoff':
        return this.#decideBackoff(error);
    }
  }

  /** The service asked to wait (rate limit, maintenance): not a retry of a failure, so no limit and no budget. */
  #decideWait(error: GameServiceError<S>): Decision {
    if (!this.#task.idempotent && !provesNotProcessed(error)) return this.#stopWith('not-idempotent');
    if (this.#hintTooLong(error)) return this.#stopWith('retry-after');
    const { gate } = this.#core;
    const gated = error.category === 'maintenance' && gate !== undefined;
    // Whole milliseconds: what observers are told is what a timer can wait.
    const delayMs = Math.ceil(gated ? gate.remaining() : this.#waitFor(error));
    if (delayMs > this.#policy.maxRetryAfter) {
      this.#stop(error.with({ retryAfterMs: delayMs }), 'retry-after');
      return STOP;
    }
    if (this.#elapsed + delayMs >= this.#policy.maxRetryTime) return this.#stopWith('time');
    return { kind: gated ? 'gate' : 'sleep', delayMs, cost: 0 };
  }

  #decideBackoff(error: GameServiceError<S>): Decision {
    if (this.#counted >= this.#policy.limit) return this.#stopWith('limit');
    if (!this.#task.idempotent && !provesNotProcessed(error)) return this.#stopWith('not-idempotent');
    if (this.#hintTooLong(error)) return this.#stopWith('retry-after');
    const delayMs = Math.ceil(error.retryAfterMs ?? fullJitter(this.#counted, this.#policy.backoffBaseMs, this.#policy.backoffCapMs));
    if (this.#elapsed + delayMs >= this.#policy.maxRetryTime) return this.#stopWith('time');
    const { budget } = this.#core;
    return { kind: 'sleep', delayMs, cost: budget === undefined ? 0 : budget.costOf(error.category === 'timeout') };
  }

  /** A service's hint longer than maxRetryAfter ends the call: nothing may be sent before the moment it named. */
  #hintTooLong(error: GameServiceError<S>): boolean {
    return error.retryAfterMs !== undefined && error.retryAfterMs > this.#policy.maxRetryAfter;
  }

  #stopWith(reason: GiveUpReason): Decision {
    this.#reason = reason;
    return STOP;
  }

  /** The wait after `error` the service asked for: its hint, else our default for its kind. */
  #waitFor(error: GameServiceError<S>): number {
    const policy = this.#policy;
    if (error.retryAfterMs !== undefined) return error.retryAfterMs;
    const fallback = error.category === 'maintenance' ? policy.maintenanceWaitMs : policy.rateLimitWaitMs;
    return Math.min(fallback, policy.maxRetryAfter);
  }

  /** After a failed attempt (p-retry's shouldRetry from the second on): decide, pay for the retry and wait for it. Throwing ends the call with what is thrown. */
  async #retry(error: unknown): Promise<boolean> {
    // Every attempt throws this service's error (see #attemptOrFail); anything else is not retried.
    if (!isErrorOf(error, this.#core.adapter.service)) return false;
    this.#last = error;
    const decision = this.#decide(error);
    if (decision.kind === 'stop') return false;
    if (decision.kind === 'refresh') {
      notify(this.#core.observers.onRetry, { error, attempt: this.#sent, delayMs: 0 });
      return this.#renew();
    }
    const { budget } = this.#core;
    if (decision.cost > 0 && budget !== undefined && !(await this.#bound(Promise.resolve(budget.take(decision.cost))))) {
      this.#reason = 'budget';
      return false;
    }
    if (error.retry === 'backoff') this.#counted += 1;
    this.#lastCost = decision.cost;
    notify(this.#core.observers.onRetry, { error, attempt: this.#sent, delayMs: decision.delayMs });
    // A gated retry waits at the gate, at the start of the next attempt.
    // No wait asked for: p-retry sends the next attempt at once, after checking the signal.
    if (decision.kind === 'sleep' && decision.delayMs > 0) await this.#bound(sleep(decision.delayMs, this.#task.signal));
    return true;
  }

  async #renew(): Promise<boolean> {
    const { tokens, renewals, adapter } = this.#core;
    const rejected = this.#token;
    if (tokens === undefined || renewals === undefined || rejected === undefined) return false;
    this.#refreshed = true;
    const refused = renewals.refusal(rejected);
    if (refused !== undefined) throw this.#stop(this.#own(refused), 'refresh');
    if (renewals.renewedTo(rejected) !== undefined) return true;
    if (await this.#bound(tokens.holdsAnother(rejected, adapter.service, renewals))) return true;
    const outcome = await this.#bound(renewals.renew(rejected, () => this.#runRenewal(rejected), { signal: this.#task.signal, timeLeftMs: this.#timeLeft, sentAt: this.#sentAt }));
    // Out of time while the renewal runs: the call ends as any call does at its deadline.
    if (outcome === 'late') throw this.#stop(this.#classify(deadlineReached(), undefined), 'time');
    if (outcome.kind === 'renewed') return true;
    throw this.#stop(this.#own(outcome.error), 'refresh');
  }

  /** An error the scope handed back, as this service's error. */
  #own(error: GameServiceError): GameServiceError<S> {
    return isErrorOf(error, this.#core.adapter.service) ? error : this.#classify(error, undefined);
  }

  /** The one renewal of `rejected`: refreshToken under its own short retry loop, never renewed itself. */
  async #runRenewal(rejected: string): Promise<RenewalOutcome> {
    const { tokens, adapter, policy, observers } = this.#core;
    if (tokens === undefined) return { kind: 'failed', error: this.#last ?? adapter.classify(undefined) };
    const started = now();
    const renewalCore: RetryCore<S> = {
      adapter,
      policy: { ...policy, limit: RENEWAL_ATTEMPTS - 1 },
      // The renewal may go to another server (an account service): the client's gate, pauses and
      // budget are not its own.
      gate: undefined,
      pauses: undefined,
      budget: undefined,
      renewals: undefined,
      tokens: undefined,
      gateSpreadMs: 0,
      observers: {},
    };
    const task: RetryTask<string> = {
      signal: undefined,
      idempotent: true,
      bucket: 'renewal',
      // What the call masks for the token it sent: a Basic credential's user name and password too.
      secrets: [...(this.#task.tokenSecrets?.(rejected) ?? [rejected]), ...(this.#task.secrets ?? [])],
      // Shared by every call waiting on it, it runs on when they are cancelled: its own bounds
      // must not hold the process after that.
      detached: true,
      attempt: (_token, deadline) => tokens.refresh(adapter.service, rejected, deadline, true),
    };
    const result = await runRetry(renewalCore, task);
    const elapsedMs = Math.round(now() - started);
    if (result.isOk()) {
      notify(observers.onRefresh, { outcome: 'refreshed', elapsedMs });
      return { kind: 'renewed', token: result.value };
    }
    notify(observers.onRefresh, { outcome: 'failed', error: result.error, elapsedMs });
    return renewalFailure(result.error);
  }

  /** The call's final error. `inPlaceBelow`: see finalInPlace; the error may be made final itself. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- see finalInPlace
  #finish(thrown: unknown, inPlaceBelow?: Function): GameServiceError<S> {
    let error: GameServiceError<S>;
    const signal = this.#task.signal;
    if (signal?.aborted === true && !(isGameServiceError(thrown) && thrown.category === 'cancelled')) {
      error = abortedError(this.#core.adapter.service, signal.reason, this.#last);
      this.#reason = 'cancelled';
    } else {
      error = this.#stopped ?? this.#classify(thrown, this.#token);
      if (error.category === 'cancelled') this.#reason = 'cancelled';
    }
    const attempts = this.#sent;
    const elapsedMs = Math.round(this.#elapsed);
    const final = inPlaceBelow !== undefined && error === thrown && finalInPlace(error, { attempts, elapsedMs }, inPlaceBelow) ? error : error.with({ attempts, elapsedMs });
    notify(this.#core.observers.onGiveUp, { error: final, attempts, elapsedMs, reason: this.#reason });
    return final;
  }
}
