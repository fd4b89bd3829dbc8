import type { GameServiceError } from '../core/error.ts';
import type { ScopePauses } from './scope.ts';
import { now } from './sleep.ts';

interface Pause {
  readonly until: number;
  readonly error: GameServiceError;
}

/** How many paused buckets are remembered; the oldest pause is forgotten past it. */
const REMEMBERED = 256;

/** Rate-limit pauses in this process's memory: what a 429 taught one call, every call to that bucket obeys. */
export class LocalPauses implements ScopePauses {
  readonly #pauses = new Map<string, Pause>();

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

  pause(bucket: string, waitMs: number, error: GameServiceError): void {
    const until = now() + waitMs;
    const known = this.#pauses.get(bucket);
    if (known !== undefined && known.until >= until) return;
    this.#pauses.delete(bucket);
    this.#pauses.set(bucket, { until, error });
    for (const [key, pause] of this.#pauses) {
      if (this.#pauses.size <= REMEMBERED && pause.until > now()) break;
      this.#pauses.delete(key);
    }
  }
}
