import type { FakeService, Responder } from '../responder.ts';
import { answerFor, emptySuccess, TOKEN_EXPIRED, TOKEN_MISSING } from './service-answers.ts';

interface ExpiringTokenBase {
  readonly service: FakeService;
  /**
   * The request header that carries the token. An `authorization` value loses its scheme
   * (`Bearer abc` -> `abc`). @default 'token' for companion, else 'authorization'
   */
  readonly header?: string | undefined;
}

/** Accept only these tokens (a Set or array is read on every request, so a test may add to it). */
interface ByValidTokens extends ExpiringTokenBase {
  readonly validTokens: Iterable<string> | ((token: string) => boolean);
  /** Also expire each accepted token after this many calls. */
  readonly afterCalls?: number | undefined;
}

/** Every token works for this many calls, then it has expired; a new token starts afresh. */
interface ByCallCount extends ExpiringTokenBase {
  readonly afterCalls: number;
  readonly validTokens?: Iterable<string> | ((token: string) => boolean) | undefined;
}

/**
 * Options of {@link expiringToken}: `validTokens`, `afterCalls`, or both.
 * @example
 * const bySet: ExpiringTokenOptions = { service: 'coral', validTokens: new Set(['fresh']) };
 * const byCount: ExpiringTokenOptions = { service: 'companion', afterCalls: 3 };
 */
export type ExpiringTokenOptions = ByValidTokens | ByCallCount;

/**
 * A responder that remembers which tokens it was shown.
 * @example
 * expect(fake.presented).toEqual(['old', 'old', 'new']);
 */
export interface ExpiringTokenResponder extends Responder {
  /** Every token presented, in order; `undefined` where the header was missing. */
  readonly presented: readonly (string | undefined)[];
  /** The tokens answered as expired, in order. */
  readonly rejected: readonly string[];
}

function tokenFrom(request: Request, header: string): string | undefined {
  const value = request.headers.get(header);
  if (value === null || value.trim() === '') return undefined;
  if (header.toLowerCase() !== 'authorization') return value.trim();
  const match = /^\s*[A-Za-z][\w-]*\s+(\S.*)$/.exec(value);
  return (match?.[1] ?? value).trim();
}

function acceptor(valid: ExpiringTokenOptions['validTokens']): (token: string) => boolean {
  if (valid === undefined) return () => true;
  if (typeof valid === 'function') return valid;
  // A lone string is iterable too, character by character: read it as one token.
  if (typeof valid === 'string') return (token) => token === valid;
  if (valid instanceof Set) return (token) => (valid as ReadonlySet<string>).has(token);
  return (token) => [...valid].includes(token);
}

/**
 * Answers a token the service no longer takes in the service's own form (token-expired Coral
 * 9404, Companion 111001 and Lobby 401 code 52; for the platform 401 AuthFailure, which is
 * unauthenticated: there is no renewal) for a token past its K calls or outside the valid set, and the success
 * path otherwise. A missing token gets the service's invalid-token answer (Coral 9403, Lobby 51).
 * The responder records what it was shown, so a test can prove the client refreshed.
 *
 * @param next the answer for a live token. @default an empty success
 * @example
 * const fake = expiringToken({ service: 'lobby', afterCalls: 2 }, () => serviceSuccess('lobby', {}));
 * // ... run the client ...
 * expect(fake.rejected).toEqual(['token-1']);
 * expect(fake.presented.at(-1)).toBe('token-2');
 */
export function expiringToken(options: ExpiringTokenOptions, next: Responder = emptySuccess(options.service)): ExpiringTokenResponder {
  const header = options.header ?? (options.service === 'companion' ? 'token' : 'authorization');
  const accepts = acceptor(options.validTokens);
  const limit = options.afterCalls;
  const calls = new Map<string, number>();
  const presented: (string | undefined)[] = [];
  const rejected: string[] = [];
  const responder: Responder = (request) => {
    const token = tokenFrom(request, header);
    presented.push(token);
    if (token === undefined) return answerFor(options.service, TOKEN_MISSING[options.service]);
    const count = (calls.get(token) ?? 0) + 1;
    calls.set(token, count);
    if (!accepts(token) || (limit !== undefined && count > limit)) {
      rejected.push(token);
      return answerFor(options.service, TOKEN_EXPIRED[options.service]);
    }
    return next(request);
  };
  return Object.assign(responder, { presented, rejected });
}
