import { copyAnswer } from '../faults.ts';
import type { Responder } from '../responder.ts';

/**
 * One scripted answer: a Response (sent as a fresh copy each time) or a responder.
 * @example
 * const steps: SequenceStep[] = [networkError(), () => serviceSuccess('lobby', {})];
 */
export type SequenceStep = Response | Responder;

/**
 * Options of {@link sequence}.
 * @example
 * sequence([serviceError('coral', 9404)], { then: () => serviceSuccess('coral', {}) });
 */
export interface SequenceOptions {
  /** What answers once the steps run out. @default the last step, again */
  readonly then?: Responder | undefined;
}

/**
 * A scripted responder that counts its calls.
 * @example
 * expect(fake.calls).toBe(3);
 */
export interface SequenceResponder extends Responder {
  /** How many requests it has answered. */
  readonly calls: number;
}

/**
 * Scripts exact answers: the first request gets the first step, the second the second, and so
 * on; after the last step, `then` answers (or the last step again).
 *
 * @example
 * const fake = sequence([networkError(), serviceError('lobby', 50, { retryAfter: 1 }), serviceSuccess('lobby', { id: 'l-1' })]);
 */
export function sequence(steps: readonly SequenceStep[], options: SequenceOptions = {}): SequenceResponder {
  const script = [...steps];
  let calls = 0;
  const responder: Responder = (request) => {
    const index = calls;
    calls += 1;
    const step = script[index] ?? (options.then === undefined ? script.at(-1) : undefined);
    if (step === undefined) {
      if (options.then !== undefined) return options.then(request);
      return new Response('extralife/testing: the sequence has no steps', { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    return step instanceof Response ? copyAnswer(step) : step(request);
  };
  return Object.defineProperty(responder, 'calls', { get: () => calls, enumerable: true }) as SequenceResponder;
}
