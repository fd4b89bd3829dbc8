import { AsyncLocalStorage } from 'node:async_hooks';
import type { ResultAsync } from 'extralife';
import type { Category, GameServiceError, GiveUpEvent, GiveUpReason, RefreshEvent, RetryEvent, Service } from 'extralife';

/** One line of the timeline: an attempt that failed, a token renewal, or how a call ended. */
export type TimelineRow =
  | {
      readonly kind: 'retry';
      readonly atMs: number;
      readonly call: CallLabel;
      readonly attempt: number;
      readonly category: Category;
      readonly code: string;
      /** What the client does next: wait and send again, or renew the token first. */
      readonly next: 'retry' | 'renew token';
      readonly waitMs: number;
    }
  | { readonly kind: 'refresh'; readonly atMs: number; readonly call: CallLabel; readonly outcome: 'refreshed' | 'failed'; readonly tookMs: number }
  | { readonly kind: 'ok'; readonly atMs: number; readonly call: CallLabel; readonly attempt: number; readonly tookMs: number; readonly summary: string }
  | {
      readonly kind: 'gave-up';
      readonly atMs: number;
      readonly call: CallLabel;
      readonly attempt: number;
      readonly category: Category;
      readonly code: string;
      readonly reason: GiveUpReason | undefined;
    };

export interface CallLabel {
  /** Calls are numbered from 1 in the order they start. */
  readonly id: number;
  readonly name: string;
}

/** What happened to the attempts that met one category. */
export interface CategoryTally {
  /** Failed attempts of this category. */
  met: number;
  /** Of those, how many the client sent again. */
  retried: number;
  /** Of those, how many ended their call. */
  ended: number;
}

export interface TimelineSummary {
  readonly calls: number;
  readonly ok: number;
  readonly failed: number;
  readonly attempts: number;
  readonly refreshes: number;
  readonly elapsedMs: number;
  readonly categories: ReadonlyMap<Category, CategoryTally>;
}

interface CallState {
  readonly label: CallLabel;
  readonly startedAt: number;
  lastAttempt: number;
  reason: GiveUpReason | undefined;
}

/**
 * Turns the client's observer events into timeline rows, each told to `onRow` the moment it
 * happens. The client's observers are client-wide, so each call runs inside an async context
 * that says which call it is: events fired while serving it are filed under it.
 */
export class Timeline<S extends Service> {
  readonly #onRow: (row: TimelineRow) => void;
  readonly #now: () => number;
  readonly #start: number;
  readonly #current = new AsyncLocalStorage<CallState>();
  readonly #categories = new Map<Category, CategoryTally>();
  #calls = 0;
  #ok = 0;
  #failed = 0;
  #attempts = 0;
  #refreshes = 0;

  constructor(onRow: (row: TimelineRow) => void, now: () => number = () => performance.now()) {
    this.#onRow = onRow;
    this.#now = now;
    this.#start = now();
  }

  /** The observers to give the client (or withRetry). */
  readonly observers = {
    onRetry: (event: RetryEvent<S>): void => {
      const state = this.#current.getStore();
      if (state === undefined) return;
      state.lastAttempt = event.attempt;
      const { error } = event;
      this.#tally(error.category).retried += 1;
      this.#tally(error.category).met += 1;
      this.#onRow({
        kind: 'retry',
        atMs: this.#elapsed(),
        call: state.label,
        attempt: event.attempt,
        category: error.category,
        code: codeOf(error),
        next: error.retry === 'refresh' ? 'renew token' : 'retry',
        waitMs: event.delayMs,
      });
    },
    onGiveUp: (event: GiveUpEvent<S>): void => {
      const state = this.#current.getStore();
      if (state !== undefined) state.reason = event.reason;
    },
    onRefresh: (event: RefreshEvent<S>): void => {
      const state = this.#current.getStore();
      if (event.outcome === 'refreshed') this.#refreshes += 1;
      if (state === undefined) return;
      this.#onRow({ kind: 'refresh', atMs: this.#elapsed(), call: state.label, outcome: event.outcome, tookMs: event.elapsedMs });
    },
  };

  /** Runs one call, numbered and named, and adds the row saying how it ended. */
  async call<T>(name: string, send: () => ResultAsync<T, GameServiceError<S>>, describe: (value: T) => string): Promise<T | GameServiceError<S>> {
    this.#calls += 1;
    const state: CallState = { label: { id: this.#calls, name }, startedAt: this.#now(), lastAttempt: 0, reason: undefined };
    const result = await this.#current.run(state, send);
    const tookMs = this.#now() - state.startedAt;
    if (result.isOk()) {
      const attempt = state.lastAttempt + 1;
      this.#ok += 1;
      this.#attempts += attempt;
      this.#onRow({ kind: 'ok', atMs: this.#elapsed(), call: state.label, attempt, tookMs, summary: describe(result.value) });
      return result.value;
    }
    const { error } = result;
    const attempt = error.attempts ?? state.lastAttempt + 1;
    this.#failed += 1;
    this.#attempts += attempt;
    const tally = this.#tally(error.category);
    tally.met += 1;
    tally.ended += 1;
    this.#onRow({ kind: 'gave-up', atMs: this.#elapsed(), call: state.label, attempt, category: error.category, code: codeOf(error), reason: state.reason });
    return error;
  }

  summary(): TimelineSummary {
    return {
      calls: this.#calls,
      ok: this.#ok,
      failed: this.#failed,
      attempts: this.#attempts,
      refreshes: this.#refreshes,
      elapsedMs: this.#elapsed(),
      categories: new Map(this.#categories),
    };
  }

  #elapsed(): number {
    return this.#now() - this.#start;
  }

  #tally(category: Category): CategoryTally {
    let tally = this.#categories.get(category);
    if (tally === undefined) {
      tally = { met: 0, retried: 0, ended: 0 };
      this.#categories.set(category, tally);
    }
    return tally;
  }
}

/** The code as a reader knows it: the service's code and name, an HTTP status, or the system's error. */
function codeOf(error: GameServiceError): string {
  if (error.codeName !== undefined) return `${error.code} ${error.codeName}`;
  if (error.status !== undefined) return error.code === String(error.status) ? `HTTP ${error.code}` : `${error.code} (HTTP ${String(error.status)})`;
  const errno = error.details?.['errno'];
  return typeof errno === 'string' ? `${error.code} ${errno}` : error.code;
}
