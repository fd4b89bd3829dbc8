import type { Responder } from '../responder.ts';
import { companionQueued } from '../../services/companion/fake.ts';
import { emptySuccess } from './service-answers.ts';

/**
 * Options of {@link companionQueue}.
 * @example
 * const options: CompanionQueueOptions = { pollsBeforeReady: 3 };
 */
export interface CompanionQueueOptions {
  /** How many polls of one request-id are answered 202 before the answer is ready. */
  readonly pollsBeforeReady: number;
}

/**
 * Companion's queue: HTTP 202 "queued, poll again with the same request-id" until that
 * request-id has been polled `pollsBeforeReady` times, then the success path. Each request-id
 * is counted on its own; requests without one are counted together.
 *
 * @param next the ready answer. @default an empty success
 * @example
 * const fake = companionQueue({ pollsBeforeReady: 2 }, () => serviceSuccess('companion', { entries: [] }));
 * // request-id A: 202, 202, then 200 with the entries
 */
export function companionQueue(options: CompanionQueueOptions, next: Responder = emptySuccess('companion')): Responder {
  const polls = new Map<string, number>();
  return (request) => {
    const id = request.headers.get('request-id') ?? '';
    const count = (polls.get(id) ?? 0) + 1;
    polls.set(id, count);
    return count <= options.pollsBeforeReady ? companionQueued() : next(request);
  };
}
