import type { GameServiceError } from '../core/error.ts';
import type { ScopePauses } from '../retry/scope.ts';
import { now } from '../retry/sleep.ts';
import type { ScopeContext } from './context.ts';
import { PAUSE } from './scripts.ts';
import { errorFromWire, errorToWire } from './wire.ts';

interface Pause {
  readonly until: number;
  readonly error: GameServiceError | undefined;
}

/** How many paused buckets a process remembers; the oldest pause is forgotten past it. */
const REMEMBERED = 256;

/**
 * Rate-limit pauses shared through Redis: a wait one process learnt is stored under the bucket's
 * digest until it ends, and told to every process, whose local view the engine reads without a
 * round trip. When Redis does not answer, the pause still holds in the process that learnt it.
 */
export class RedisPauses implements ScopePauses {
  readonly #context: ScopeContext;
  readonly #pauses = new Map<string, Pause>();

  constructor(context: ScopeContext) {
    this.#context = context;
  }

  get active(): boolean {
    return this.#pauses.size > 0;
  }

  remaining(bucket: string): number {
    const pause = this.#pauses.get(bucket);
    if (pause === undefined) return 0;
    const left = pause.until - now();
    if (left > 0) return left;
    this.#pauses.delete(bucket);
    return 0;
  }

  reason(bucket: string): GameServiceError | undefined {
    return this.#pauses.get(bucket)?.error;
  }

  pause(bucket: string, waitMs: number, error: GameServiceError): Promise<void> {
    this.learn(bucket, waitMs, error);
    const { keys, link, owner } = this.#context;
    return link.script(PAUSE, [keys.pause(bucket)], [bucket, String(Math.ceil(waitMs)), errorToWire(error), keys.channel, owner])
      .then((reply) => {
        const stored = Number(reply);
        if (Number.isFinite(stored) && stored > waitMs) this.learn(bucket, stored, error);
      }, () => undefined);
  }

  /** A pause another process learnt, or one read from Redis. */
  learn(bucket: string, waitMs: number, error: GameServiceError | undefined): void {
    const until = now() + waitMs;
    const known = this.#pauses.get(bucket);
    if (known !== undefined && known.until >= until) return;
    this.#pauses.delete(bucket);
    this.#pauses.set(bucket, { until, error: error ?? known?.error });
    for (const [key, pause] of this.#pauses) {
      if (this.#pauses.size <= REMEMBERED && pause.until > now()) break;
      this.#pauses.delete(key);
    }
  }

  /** A pause as the channel told it. */
  learnWire(bucket: string, waitMs: number, error: unknown): void {
    this.learn(bucket, waitMs, errorFromWire(error));
  }
}
