type Timer = ReturnType<typeof setTimeout>;

/**
 * One timer at a time, that keeps Node alive only while a call waits on it: a gate or renewal
 * nobody waits on must not delay a program's exit.
 */
export class SoleTimer {
  #timer: Timer | undefined;

  /** Replaces any timer set before. */
  set(ms: number, run: () => void, hold: boolean): void {
    this.clear();
    const timer = setTimeout(() => {
      if (this.#timer === timer) this.#timer = undefined;
      run();
    }, Math.max(0, ms));
    this.#timer = timer;
    this.hold(hold);
  }

  /** Whether the timer keeps the process alive. */
  hold(hold: boolean): void {
    const timer = this.#timer as { ref?: () => unknown; unref?: () => unknown } | undefined;
    if (hold) timer?.ref?.();
    else timer?.unref?.();
  }

  get pending(): boolean {
    return this.#timer !== undefined;
  }

  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
