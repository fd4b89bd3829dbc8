import { abortReason, now } from './sleep.ts';

const EXPIRED = Symbol('expired');

/** What an attempt cut short by the call's deadline fails with: read as a timeout by every adapter. */
export function deadlineReached(): DOMException {
  return new DOMException('The call ran out of time (maxRetryTime) while an attempt was still running.', 'TimeoutError');
}

/**
 * Settles as the promise does (its rejection passed on as it is, for the adapter to read), or
 * fails with a TimeoutError once `deadline` (on the engine's clock) has passed, aborting
 * `controller` so that the work behind the promise can stop too. A call's time is the whole
 * call's, attempts included: an attempt that never ends must not keep it pending. No timer is
 * set when the deadline is infinite.
 */
export async function beforeDeadline<T>(promise: Promise<T>, deadline: number, controller?: AbortController, detached = false): Promise<T> {
  if (!Number.isFinite(deadline)) return promise;
  const remaining = deadline - now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<typeof EXPIRED>((resolve) => {
    timer = setTimeout(() => { resolve(EXPIRED); }, Math.max(0, Math.ceil(remaining)));
    if (detached) unrefTimer(timer);
  });
  try {
    const outcome = await Promise.race([promise, expired]);
    if (outcome !== EXPIRED) return outcome;
    const reason = deadlineReached();
    controller?.abort(reason);
    throw reason;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Settles as `work` does, unless the signal aborts first (rejecting with its reason) or the
 * deadline passes first (rejecting with a TimeoutError): whatever the work is, a call's await ends
 * when the call must. What the work gives after that is dropped, but for `onLate`, which receives
 * a late value (a gate's probe pass, say, that must be handed back).
 */
export function bounded<V>(work: Promise<V>, signal: AbortSignal | undefined, deadline: number, onLate?: (value: V) => void, detached = false): Promise<V> {
  const late = (value: V): void => { onLate?.(value); };
  if (signal?.aborted === true) {
    work.then(late, ignore);
    return Promise.reject(abortReason(signal));
  }
  if (signal === undefined && !Number.isFinite(deadline)) return work;
  return new Promise<V>((resolve, reject) => {
    let settled = false;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const onAbort = (): void => {
      if (finish() && signal !== undefined) reject(abortReason(signal));
    };
    const timer = Number.isFinite(deadline)
      // Whole milliseconds: Node keeps one timer list per duration, and a fractional one would make its own.
      ? setTimeout(() => { if (finish()) reject(deadlineReached()); }, Math.max(0, Math.ceil(deadline - now())))
      : undefined;
    if (detached && timer !== undefined) unrefTimer(timer);
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => { if (finish()) resolve(value); else late(value); },
      // The work's own rejection passes on as it is, whatever it is, for the adapter to read.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      (reason: unknown) => { if (finish()) reject(reason); },
    );
  });
}

/**
 * Lets the process exit while only this timer is left: for bounds on work nobody waits on alone.
 * Node's timers have unref; a browser's are numbers, and a page does not exit.
 */
function unrefTimer(timer: ReturnType<typeof setTimeout>): void {
  const { unref } = timer as { readonly unref?: unknown };
  if (typeof unref === 'function') (unref as () => void).call(timer);
}

function ignore(): void {
  // A result nobody waits for any more.
}
