import type { GameServiceError } from '../core/error.ts';
import { GateClosed, type GatePass, type ScopeGate, type ScopeWait } from '../retry/scope.ts';
import { abortReason, now } from '../retry/sleep.ts';
import { pair, type ScopeContext } from './context.ts';
import { GATE_CLOSE, GATE_OPEN, GATE_PROBE, LEASE_KEEP, PROBE_RELEASE } from './scripts.ts';
import { SoleTimer } from './timers.ts';
import { errorFromWire, errorToWire } from './wire.ts';

interface Waiter {
  readonly deadline: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (pass: GatePass) => void;
  readonly reject: (reason: Error) => void;
  readonly onAbort: () => void;
}

/** How soon a process asks again for a probe lease held elsewhere, at the least. */
const PROBE_POLL_MIN_MS = 50;

/**
 * One maintenance gate shared through Redis. Its state lives in Redis (the wait's end on Redis's
 * clock, the error, which process probes); each process keeps a local view, current through the
 * scope's channel, that the hot path reads without a round trip. When the wait is over, waiting
 * processes race for the probe lease: one call in one process probes, the others wait for its
 * answer. A probe that dies loses its lease after `probeLeaseMs` and another takes over.
 *
 * When Redis does not answer, the gate behaves as the in-memory one: the wait it knows, one probe
 * from this process.
 */
export class RedisGate implements ScopeGate {
  readonly #key: string;
  readonly #context: ScopeContext;
  /** closed: waiting for the wait's end; due: the wait is over, a probe is sought; probing: this process's call probes. */
  #state: 'open' | 'closed' | 'due' | 'probing' = 'open';
  #reopenAt = 0;
  #error: GameServiceError | undefined;
  #seeking = false;
  /** True while this process's probe holds the lease (false for a probe of its own while Redis is away). */
  #leased = false;
  /** True when an ask for the lease went unanswered: Redis may have given it to this process all the same. */
  #leaseUnsure = false;
  readonly #waiters: Waiter[] = [];
  readonly #timer = new SoleTimer();
  readonly #keepAlive = new SoleTimer();

  constructor(key: string, context: ScopeContext) {
    this.#key = key;
    this.#context = context;
  }

  get isOpen(): boolean {
    return this.#state === 'open';
  }

  remaining(): number {
    return this.#state === 'closed' ? Math.max(0, this.#reopenAt - now()) : 0;
  }

  close(waitMs: number, error: GameServiceError): Promise<void> {
    this.#closeLocally(waitMs, error);
    const { keys, link, owner, timings } = this.#context;
    return link.script(GATE_CLOSE, [keys.gate(this.#key), keys.probe(this.#key), keys.opened(this.#key)], [this.#key, String(Math.ceil(waitMs)), errorToWire(error), String(timings.gateLingerMs), keys.channel, owner])
      .then((reply) => {
        // Another process may know a longer wait.
        const stored = Number(reply);
        if (Number.isFinite(stored) && stored > waitMs) this.#closeLocally(stored, error);
      }, () => undefined);
  }

  pass(wait: ScopeWait): Promise<GatePass> {
    if (this.#state === 'open') return Promise.resolve('go');
    const { signal } = wait;
    if (signal?.aborted === true) return Promise.reject(abortReason(signal));
    const deadline = now() + wait.timeLeftMs;
    if (this.#state === 'closed' && deadline < this.#reopenAt) return Promise.reject(new GateClosed(this.#error, this.remaining()));
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
      this.#hold();
      if (this.#state === 'due') this.#seek();
    });
  }

  report(outcome: 'answered' | 'abandoned'): Promise<void> {
    if (this.#state !== 'probing') return Promise.resolve();
    this.#keepAlive.clear();
    const { keys, link, owner } = this.#context;
    if (outcome === 'abandoned') {
      this.#state = 'due';
      const released = link.script(PROBE_RELEASE, [keys.probe(this.#key)], [owner, this.#key, keys.channel, owner]).then(() => undefined, () => undefined);
      this.#seek();
      return released;
    }
    this.#openLocally();
    const linger = String(this.#context.timings.gateLingerMs);
    return link.script(GATE_OPEN, [keys.gate(this.#key), keys.probe(this.#key), keys.opened(this.#key)], [this.#key, keys.channel, owner, linger]).then(() => undefined, () => undefined);
  }

  /** Another process closed the gate. */
  learnClosed(waitMs: number, error: GameServiceError | undefined): void {
    this.#closeLocally(waitMs, error);
  }

  /** Another process's probe was answered. */
  learnOpen(): void {
    if (this.#state !== 'open') this.#openLocally();
  }

  /** Another process gave up its probe: this one may take it. */
  learnProbeFree(): void {
    if (this.#state === 'due') this.#seek();
  }

  /**
   * Redis answers again: a lease that an unanswered ask may have won is given back, unless this
   * process's probe holds it or an ask is out (Redis hands an owner's own lease back to it).
   */
  recovered(): void {
    if (!this.#leaseUnsure || this.#seeking || (this.#state === 'probing' && this.#leased)) return;
    this.#leaseUnsure = false;
    const { keys, link, owner } = this.#context;
    link.script(PROBE_RELEASE, [keys.probe(this.#key)], [owner, this.#key, keys.channel, owner]).then(() => undefined, () => {
      this.#leaseUnsure = true;
    });
  }

  /** Lets go of timers: the scope is closing. Waiting calls fall back to this process's own probe. */
  stop(): void {
    this.#keepAlive.clear();
  }

  #closeLocally(waitMs: number, error: GameServiceError | undefined): void {
    const reopenAt = now() + waitMs;
    if (this.#state !== 'closed' || reopenAt > this.#reopenAt) {
      this.#reopenAt = reopenAt;
      this.#timer.set(waitMs, () => { this.#due(); }, this.#waiters.length > 0);
    }
    if (this.#state === 'probing') this.#keepAlive.clear();
    this.#state = 'closed';
    if (error !== undefined) this.#error = error;
    // Calls that cannot outlast the new wait learn it now rather than when it ends.
    for (const waiter of [...this.#waiters]) {
      if (waiter.deadline < this.#reopenAt) this.#drop(waiter, new GateClosed(this.#error, this.remaining()));
    }
  }

  #openLocally(): void {
    this.#state = 'open';
    this.#error = undefined;
    this.#timer.clear();
    this.#keepAlive.clear();
    for (const waiter of this.#waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve('released');
    }
  }

  #due(): void {
    if (this.#state !== 'closed') return;
    this.#state = 'due';
    this.#seek();
  }

  /** Asks Redis whether this process's first waiting call may probe; nobody waiting, nobody asks. */
  #seek(): void {
    if (this.#seeking || this.#state !== 'due' || this.#waiters.length === 0) return;
    this.#seeking = true;
    const { keys, link, owner, timings } = this.#context;
    const stored = [owner, String(timings.probeLeaseMs), this.#key, this.#error === undefined ? '' : errorToWire(this.#error), String(timings.gateLingerMs)];
    link.script(GATE_PROBE, [keys.gate(this.#key), keys.probe(this.#key), keys.opened(this.#key)], stored).then(
      (reply) => {
        this.#seeking = false;
        this.#answer(pair(reply));
      },
      () => {
        this.#seeking = false;
        // The ask may still reach Redis and win a lease whose reply is lost: given back once
        // Redis answers again (see recovered), so that nobody waits on a lease nobody uses.
        this.#leaseUnsure = true;
        // Redis is away: this process probes for itself, as the in-memory gate does.
        if (this.#state === 'due') this.#probeHere(false);
      },
    );
  }

  #answer(reply: readonly [string, number] | undefined): void {
    if (this.#state !== 'due') {
      // The state moved on while Redis answered: a probe lease won for nothing is given back.
      if (reply?.[0] === 'probe' && this.#state !== 'probing') void this.#releaseLease();
      return;
    }
    const [kind, ms] = reply ?? ['busy', PROBE_POLL_MIN_MS];
    if (kind === 'open') this.#openLocally();
    else if (kind === 'closed') this.#closeLocally(ms, undefined);
    else if (kind === 'probe') this.#probeHere(true);
    else this.#timer.set(Math.max(PROBE_POLL_MIN_MS, ms), () => { this.#seek(); }, this.#waiters.length > 0);
  }

  #probeHere(leased: boolean): void {
    const probe = this.#waiters.shift();
    if (probe === undefined) {
      if (leased) void this.#releaseLease();
      return;
    }
    probe.signal?.removeEventListener('abort', probe.onAbort);
    this.#state = 'probing';
    this.#leased = leased;
    if (leased) this.#leaseUnsure = false;
    this.#hold();
    if (leased) this.#keepLease();
    probe.resolve('probe');
  }

  /** Keeps the probe lease while this process's probe is out, so that only a dead probe loses it. */
  #keepLease(): void {
    const { keys, link, owner, timings } = this.#context;
    const every = Math.max(PROBE_POLL_MIN_MS, Math.floor(timings.probeLeaseMs / 3));
    const renew = (): void => {
      if (this.#state !== 'probing') return;
      void link.script(LEASE_KEEP, [keys.probe(this.#key)], [owner, String(timings.probeLeaseMs)]).catch(() => undefined);
      this.#keepAlive.set(every, renew, false);
    };
    this.#keepAlive.set(every, renew, false);
  }

  #releaseLease(): Promise<void> {
    const { keys, link, owner } = this.#context;
    return link.script(PROBE_RELEASE, [keys.probe(this.#key)], [owner, this.#key, keys.channel, owner]).then(() => undefined, () => undefined);
  }

  #drop(waiter: Waiter, reason: Error): void {
    const index = this.#waiters.indexOf(waiter);
    if (index === -1) return;
    this.#waiters.splice(index, 1);
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.reject(reason);
    this.#hold();
  }

  #hold(): void {
    this.#timer.hold(this.#waiters.length > 0);
  }
}

/** A gate's state as another process stored it, for a process that starts while it is closed. */
export function gateFromStore(reply: unknown): { key: string; remainingMs: number; error: GameServiceError | undefined } | undefined {
  if (!Array.isArray(reply) || reply.length < 3) return undefined;
  const [key, left, error] = reply as unknown[];
  if (typeof key !== 'string') return undefined;
  return { key, remainingMs: Math.max(0, Number(left) || 0), error: errorFromWire(error) };
}
