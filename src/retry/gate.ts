import type { GameServiceError } from '../core/error.ts';
import { spread } from './backoff.ts';
import { abortReason, now } from './sleep.ts';

/** What a waiting call is let through as. */
export type GatePass = 'probe' | 'go';

/** Why the gate would not let a call through: it stays closed past the call's deadline. */
export class GateClosed extends Error {
  override readonly name = 'GateClosed';
  readonly error: GameServiceError;
  constructor(error: GameServiceError) {
    super('The maintenance gate stays closed past the call\'s deadline.');
    this.error = error;
  }
}

interface Waiter {
  readonly deadline: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (pass: GatePass) => void;
  readonly reject: (reason: Error) => void;
  readonly onAbort: () => void;
}

type Timer = ReturnType<typeof setTimeout>;

/**
 * One client's maintenance gate. Once a call sees maintenance, the gate closes until the service's
 * hint (or the default wait) has passed; the client's other calls wait on it instead of each
 * asking a service that is down. When the wait is over, exactly one waiting call is let through
 * as the probe. If the probe meets maintenance again the gate closes again; any other answer
 * reopens it and the waiting calls resume, spread out over `spreadMs` so they do not all arrive
 * at the same instant.
 */
export class MaintenanceGate {
  readonly spreadMs: number;
  #state: 'open' | 'closed' | 'probing' = 'open';
  #reopenAt = 0;
  #probeOut = false;
  #error: GameServiceError | undefined;
  #timer: Timer | undefined;
  readonly #waiters: Waiter[] = [];

  constructor(spreadMs: number) {
    this.spreadMs = spreadMs;
  }

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
      if (waiter.deadline < this.#reopenAt) this.#drop(waiter, new GateClosed(error));
    }
  }

  /**
   * Waits until the calling call may send. Resolves 'probe' for the one call that tests the
   * service, 'go' for the others once it answered. Rejects with a GateClosed when the gate stays
   * closed past `deadline`, or with the signal's reason when the signal aborts.
   */
  pass(signal: AbortSignal | undefined, deadline: number): Promise<GatePass> {
    if (this.#state === 'open') return Promise.resolve('go');
    if (signal?.aborted === true) return Promise.reject(abortReason(signal));
    if (this.#state === 'probing' && !this.#probeOut) {
      this.#probeOut = true;
      return Promise.resolve('probe');
    }
    if (this.#state === 'closed' && deadline < this.#reopenAt && this.#error !== undefined) {
      return Promise.reject(new GateClosed(this.#error));
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

  /**
   * The probe's outcome. 'answered': the service said something other than maintenance, so the
   * gate reopens. 'abandoned': the probe was cancelled before it learnt anything, so the next
   * waiting call becomes the probe. (Maintenance is reported by calling close() again.)
   */
  report(outcome: 'answered' | 'abandoned'): void {
    if (this.#state !== 'probing') return;
    this.#probeOut = false;
    if (outcome === 'abandoned') {
      this.#letProbeThrough();
      return;
    }
    this.#state = 'open';
    this.#error = undefined;
    const released = this.#waiters.splice(0);
    for (const waiter of released) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      const delay = spread(this.spreadMs);
      if (delay <= 0) waiter.resolve('go');
      else setTimeout(() => { waiter.resolve('go'); }, delay);
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
function holdTimer(timer: Timer | undefined, hold: boolean): void {
  if (typeof timer !== 'object') return;
  const handle = timer as { ref?: () => unknown; unref?: () => unknown };
  if (hold) handle.ref?.();
  else handle.unref?.();
}
