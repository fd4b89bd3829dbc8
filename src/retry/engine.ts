import { err, ok, type Result } from 'neverthrow';
import pRetry, { type RetryContext } from 'p-retry';
import type { Adapter } from '../core/adapter.ts';
import { buildWithoutStack, isGameServiceError, type GameServiceError } from '../core/error.ts';
import type { Service } from '../core/service.ts';
import { fullJitter } from './backoff.ts';
import type { RetryBudget } from './budget.ts';
import { abortedError, isErrorOf } from './errors.ts';
import { notify, type GiveUpReason, type RetryObservers } from './events.ts';
import { GateClosed, type MaintenanceGate } from './gate.ts';
import { provesNotProcessed } from './idempotency.ts';
import type { RetryPolicy } from './policy.ts';
import { now, sleep } from './sleep.ts';
import type { TokenSource } from './tokens.ts';

/** What every call of one client (or one withRetry scope) shares. */
export interface RetryCore<S extends Service> {
  readonly adapter: Adapter<S>;
  readonly policy: RetryPolicy;
  readonly budget: RetryBudget | undefined;
  readonly gate: MaintenanceGate | undefined;
  readonly tokens: TokenSource | undefined;
  readonly observers: RetryObservers<S>;
}

/** One call: what to send, and how freely it may be sent again. */
export interface RetryTask<T> {
  readonly signal: AbortSignal | undefined;
  /** True when any retryable failure may be retried; false limits retries to failures proving nothing was processed. */
  readonly idempotent: boolean;
  /** Values to mask in errors classified from this call's failures, besides the token sent. */
  readonly secrets?: readonly string[] | undefined;
  /**
   * Sends one attempt, carrying `token` when the client has auth. Throws when the attempt fails.
   * `deadline` (on the engine's clock, see sleep.ts) is when the whole call must be over.
   */
  attempt(token: string | undefined, deadline: number): Promise<T>;
}

type Decision =
  | { readonly kind: 'stop' }
  | { readonly kind: 'refresh' }
  | { readonly kind: 'sleep' | 'gate'; readonly delayMs: number; readonly cost: number };

const STOP: Decision = { kind: 'stop' };
const REFRESH: Decision = { kind: 'refresh' };

/**
 * Runs a task under the retry policy and resolves to its Result; never rejects.
 * p-retry runs the loop (limit, maxRetryTime, signal); every decision about a failure is made
 * here from the error's retry advice, and every wait is this engine's own, so that it can be a
 * token renewal or a maintenance gate as well as a backoff.
 */
export function runRetry<S extends Service, T>(core: RetryCore<S>, task: RetryTask<T>, policy: RetryPolicy = core.policy): Promise<Result<T, GameServiceError<S>>> {
  return new Run(core, task, policy).run();
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
  #token: string | undefined;
  #lastCost = 0;
  #refreshed = false;
  #decision: Decision = STOP;
  #reason: GiveUpReason = 'final';
  #last: GameServiceError<S> | undefined;
  /** Set when the call must end with this error whatever p-retry would do next. */
  #stopped: GameServiceError<S> | undefined;
  /** True while this call's attempt is the maintenance gate's probe. */
  #probe = false;

  constructor(core: RetryCore<S>, task: RetryTask<T>, policy: RetryPolicy) {
    this.#core = core;
    this.#task = task;
    this.#policy = policy;
  }

  /**
   * The first attempt runs before p-retry is set up: most calls succeed at once, and only a call
   * that failed pays for the retry loop. p-retry then receives that failure as its attempt 1, so
   * every decision and every wait still goes through it.
   */
  run(): Promise<Result<T, GameServiceError<S>>> {
    const { gate, tokens } = this.#core;
    // The common case, nothing to wait for and no token to fetch, adds no step of its own.
    const first = (gate === undefined || gate.isOpen) && tokens === undefined ? this.#send(undefined) : this.#attempt();
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
      return Promise.resolve(err(this.#finish(first)));
    }
    return this.#retryAfter(first);
  };

  async #retryAfter(first: GameServiceError<S>): Promise<Result<T, GameServiceError<S>>> {
    try {
      const value = await pRetry((attemptNumber) => (attemptNumber === 1 ? Promise.reject(first) : this.#attemptOrFail()), {
        retries: this.#policy.limit,
        // Delays are this engine's own (see #retry); p-retry's would come on top of them.
        minTimeout: 0,
        maxRetryTime: Math.max(0, this.#policy.maxRetryTime - this.#elapsed),
        signal: this.#task.signal,
        shouldConsumeRetry: (context) => this.#consume(context),
        shouldRetry: (context) => this.#retry(context),
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

  /** One attempt as p-retry needs it: every failure thrown as this service's error. */
  async #attemptOrFail(): Promise<T> {
    try {
      return await this.#attempt();
    } catch (thrown) {
      throw this.#failed(thrown);
    }
  }

  /** Passes the maintenance gate and fetches the token, then sends. */
  async #attempt(): Promise<T> {
    const { gate, tokens } = this.#core;
    if (gate !== undefined && !gate.isOpen) {
      try {
        this.#probe = (await gate.pass(this.#task.signal, this.#deadline)) === 'probe';
      } catch (reason) {
        if (!(reason instanceof GateClosed)) throw reason;
        const closed = reason.error;
        throw this.#stop(isErrorOf(closed, this.#core.adapter.service) ? closed : this.#classify(closed, undefined), 'time');
      }
    }
    const token = tokens === undefined ? undefined : await tokens.current(this.#core.adapter.service);
    const value = await this.#send(token);
    if (this.#probe) {
      this.#probe = false;
      gate?.report('answered');
    }
    return value;
  }

  #send(token: string | undefined): Promise<T> {
    this.#token = token;
    this.#sent += 1;
    try {
      return this.#task.attempt(token, this.#deadline);
    } catch (thrown) {
      // A task that throws instead of rejecting is read the same way.
      return rejectWith(thrown);
    }
  }

  /** Reads a failed attempt: this service's error, and what it tells the maintenance gate. */
  #failed(thrown: unknown): GameServiceError<S> {
    if (this.#stopped !== undefined) return this.#stopped;
    const error = this.#classify(thrown, this.#token);
    const { gate } = this.#core;
    if (gate !== undefined) {
      if (error.category === 'maintenance') gate.close(this.#delayFor(error, 0), error);
      else if (this.#probe) gate.report(error.category === 'cancelled' ? 'abandoned' : 'answered');
    }
    this.#probe = false;
    return error;
  }

  #classify(thrown: unknown, token: string | undefined): GameServiceError<S> {
    const { adapter } = this.#core;
    if (isErrorOf(thrown, adapter.service)) return thrown;
    const extra = this.#task.secrets;
    const secrets = token === undefined ? extra : extra === undefined ? [token] : [token, ...extra];
    return buildWithoutStack(() => adapter.classify(thrown, secrets === undefined ? undefined : { secrets }));
  }

  #stop(error: GameServiceError<S>, reason: GiveUpReason): GameServiceError<S> {
    this.#stopped = error;
    this.#reason = reason;
    return error;
  }

  /** First of p-retry's callbacks after a failure: decide, and say whether the retry counts against the limit. */
  #consume(context: RetryContext): boolean {
    const { error } = context;
    // Every attempt throws this service's error (see #attempt); anything else is not retried.
    if (!isErrorOf(error, this.#core.adapter.service)) {
      this.#decision = STOP;
      return true;
    }
    this.#last = error;
    this.#decision = this.#decide(error, context);
    // A token renewal's retry is owed to the expired token, not to the service: it is not counted.
    return this.#decision.kind !== 'refresh';
  }

  #decide(error: GameServiceError<S>, context: RetryContext): Decision {
    if (this.#stopped !== undefined) return STOP;
    if (this.#task.signal?.aborted === true) return this.#stopWith('cancelled');
    if (context.retriesLeft <= 0) return this.#stopWith('limit');
    switch (error.retry) {
      case 'never':
        return this.#stopWith('final');
      case 'refresh':
        if (this.#core.tokens === undefined || this.#token === undefined) return this.#stopWith('final');
        return this.#refreshed ? this.#stopWith('refresh') : REFRESH;
      case 'wait':
      case 'backoff': {
        if (!this.#task.idempotent && !provesNotProcessed(error)) return this.#stopWith('not-idempotent');
        const { gate, budget } = this.#core;
        const gated = error.category === 'maintenance' && gate !== undefined;
        // Whole milliseconds: what observers are told is what a timer can wait.
        const delayMs = Math.ceil(gated ? gate.remaining() : this.#delayFor(error, context.retriesConsumed));
        if (this.#elapsed + delayMs >= this.#policy.maxRetryTime) return this.#stopWith('time');
        const cost = budget === undefined ? 0 : budget.costOf(error.category === 'timeout');
        return { kind: gated ? 'gate' : 'sleep', delayMs, cost };
      }
    }
  }

  #stopWith(reason: GiveUpReason): Decision {
    this.#reason = reason;
    return STOP;
  }

  /** The wait before retrying after `error`: the service's hint, else the default for its kind. */
  #delayFor(error: GameServiceError<S>, retryIndex: number): number {
    const policy = this.#policy;
    if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, policy.maxRetryAfter);
    if (error.retry === 'wait') {
      return Math.min(error.category === 'maintenance' ? policy.maintenanceWaitMs : policy.rateLimitWaitMs, policy.maxRetryAfter);
    }
    return fullJitter(retryIndex, policy.backoffBaseMs, policy.backoffCapMs);
  }

  /** Last of p-retry's callbacks: pay for the retry and wait for it. Throwing ends the call with what is thrown. */
  async #retry(context: RetryContext): Promise<boolean> {
    const decision = this.#decision;
    const { error } = context;
    if (decision.kind === 'stop' || !isErrorOf(error, this.#core.adapter.service)) return false;
    if (decision.kind === 'refresh') {
      notify(this.#core.observers.onRetry, { error, attempt: this.#sent, delayMs: 0 });
      return this.#renew(error);
    }
    const { budget } = this.#core;
    if (budget !== undefined && !budget.take(decision.cost)) {
      this.#reason = 'budget';
      return false;
    }
    this.#lastCost = decision.cost;
    notify(this.#core.observers.onRetry, { error, attempt: this.#sent, delayMs: decision.delayMs });
    // A gated retry waits at the gate, at the start of the next attempt.
    if (decision.kind === 'sleep') await sleep(decision.delayMs, this.#task.signal);
    return true;
  }

  async #renew(error: GameServiceError<S>): Promise<boolean> {
    const { tokens } = this.#core;
    const rejected = this.#token;
    if (tokens === undefined || rejected === undefined) return false;
    this.#refreshed = true;
    const outcome = await tokens.renew(rejected, this.#core, this.#task.signal, this.#deadline);
    if (outcome === 'renewed') return true;
    if (outcome === 'late') throw this.#stop(error, 'time');
    throw this.#stop(outcome, 'refresh');
  }

  #finish(thrown: unknown): GameServiceError<S> {
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
    const final = error.with({ attempts, elapsedMs });
    notify(this.#core.observers.onGiveUp, { error: final, attempts, elapsedMs, reason: this.#reason });
    return final;
  }
}
