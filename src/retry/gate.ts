import type { GameServiceError } from '../core/error.ts';
import { GateClosed, type GatePass, type ScopeGate, type ScopeWait } from './scope.ts';
import { abortReason, now } from './sleep.ts';

interface Waiter {
  readonly deadline: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (pass: GatePass) => void;
  readonly reject: (reason: Error) => void;
  readonly onAbort: () => void;
}

type Timer = ReturnType<typeof setTimeout>;

/**
 * A maintenance gate in this process's memory. Once a call sees maintenance, the gate closes until
 * the service's hint (or the default wait) has passed; the other calls wait on it instead of each
 * asking a service that is down. When the wait is over, exactly one waiting call is let through as
 * the probe. If the probe meets maintenance again the gate closes again; any other answer reopens
 * it and the waiting calls are released (the engine spreads their start).
 */
export class MaintenanceGate implements ScopeGate {
  #state: 'open' | 'closed' | 'probing' = 'open';
  #reopenAt = 0;
  #probeOut = false;
  #error: GameServiceError | undefined;
  #timer: Timer | undefined;
  readonly #waiters: Waiter[] = [];

  /** True while calls may go straight to the service: the hot path checks only this. */
  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** Milliseconds until the gate lets a probe through; 0 when open or probing. */
  remaining(): number {
    return this.#state === 'closed' ? Math.max(0, this.#reopenAt - now()) : 0;
  }

  /** A call met maintenance: close the gate for `waitMs`, never shortening a wait already set. */
  close(waitMs: number, error: GameServiceError): void {
    const reopenAt = now() + waitMs;
    if (this.#state !== 'closed' || reopenAt > this.#reopenAt) {
      this.#reopenAt = reopenAt;
      if (this.#timer !== undefined) clearTimeout(this.#timer);
      this.#timer = setTimeout(() => { this.#letProbeThrough(); }, waitMs);
      this.#holdProcess();
    }
    this.#state = 'closed';
    this.#probeOut = false;
    this.#error = error;
    // Calls that cannot outlast the new wait learn it now rather than when it ends.
    for (const waiter of [...this.#waiters]) {
      if (waiter.deadline < this.#reopenAt) this.#drop(waiter, new GateClosed(error, this.remaining()));
    }
  }

  pass(wait: ScopeWait): Promise<GatePass> {
    if (this.#state === 'open') return Promise.resolve('go');
    const { signal } = wait;
    if (signal?.aborted === true) return Promise.reject(abortReason(signal));
    if (this.#state === 'probing' && !this.#probeOut) {
      this.#probeOut = true;
      return Promise.resolve('probe');
    }
    const deadline = now() + wait.timeLeftMs;
    if (this.#state === 'closed' && deadline < this.#reopenAt) {
      return Promise.reject(new GateClosed(this.#error, this.remaining()));
    }
    return new Promise<GatePass>((resolve, reject) => {
      const waiter: Waiter = {
        deadline,
        signal,
        resolve,
        reject,
        onAbort: () => { if (signal !== undefined) this.#drop(waiter, abortReason(signal)); },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
      this.#holdProcess();
    });
  }

  report(outcome: 'answered' | 'abandoned'): void {
    if (this.#state !== 'probing') return;
    this.#probeOut = false;
    if (outcome === 'abandoned') {
      this.#letProbeThrough();
      return;
    }
    this.#state = 'open';
    this.#error = undefined;
    for (const waiter of this.#waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve('released');
    }
  }

  #letProbeThrough(): void {
    this.#timer = undefined;
    this.#state = 'probing';
    const probe = this.#waiters.shift();
    if (probe === undefined) return;
    probe.signal?.removeEventListener('abort', probe.onAbort);
    this.#probeOut = true;
    probe.resolve('probe');
  }

  #drop(waiter: Waiter, reason: Error): void {
    const index = this.#waiters.indexOf(waiter);
    if (index === -1) return;
    this.#waiters.splice(index, 1);
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.reject(reason);
    this.#releaseProcess();
  }

  // The reopening timer keeps Node alive only while calls wait on it: a gate nobody waits on
  // must not delay a program's exit.
  #holdProcess(): void {
    holdTimer(this.#timer, this.#waiters.length > 0);
  }

  #releaseProcess(): void {
    if (this.#waiters.length === 0) holdTimer(this.#timer, false);
  }
}

/** Node's timers can stop holding the process open; browsers' numeric timers have no such notion. */
export function holdTimer(timer: Timer | undefined, hold: boolean): void {
  if (typeof timer !== 'object') return;
  const handle = timer as { ref?: () => unknown; unref?: () => unknown };
  if (hold) handle.ref?.();
  else handle.unref?.();
}
