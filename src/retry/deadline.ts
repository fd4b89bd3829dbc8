import { now } from './sleep.ts';

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
export async function beforeDeadline<T>(promise: Promise<T>, deadline: number, controller?: AbortController): Promise<T> {
  if (!Number.isFinite(deadline)) return promise;
  const remaining = deadline - now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<typeof EXPIRED>((resolve) => {
    timer = setTimeout(() => { resolve(EXPIRED); }, Math.max(0, remaining));
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
