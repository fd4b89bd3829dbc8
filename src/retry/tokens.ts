import type { GameServiceError } from '../core/error.ts';
import type { Service } from '../core/service.ts';
import { misuseError, renewalRefused } from './errors.ts';
import { beforeDeadline } from './deadline.ts';
import { LocalRenewals } from './renewals.ts';
import type { RenewalOutcome, ScopeRenewals } from './scope.ts';

/**
 * Credentials for calls that need them. The client asks `getToken` before each attempt; when an
 * answer says the token expired, it calls `refreshToken` once for that token, however many calls
 * were rejected with it, and retries each of them once with the new one.
 */
export interface AuthOptions {
  /** The token to send. Called before every attempt, so a token stored elsewhere is picked up. */
  getToken(): string | Promise<string>;
  /**
   * Renews a rejected token. Its failures are classified like any answer of the service; a
   * transient failure (network, timeout, 5xx) is retried once after a backoff, so refreshToken is
   * called at most twice for one rejected token.
   */
  refreshToken(rejected: string): Promise<string>;
  /**
   * The header that carries the token.
   * @default 'Authorization' ('token' for companion)
   */
  header?: string | undefined;
  /**
   * What precedes the token in the header; '' sends the bare token.
   * @default 'Bearer' ('' for companion)
   */
  scheme?: string | undefined;
}

/** How many times a transiently failing refreshToken is called for one rejected token, in all. */
export const RENEWAL_ATTEMPTS = 2;

/** What a waiting call learns from a renewal: go on, give up because its time ran out, or this error. */
export type RenewOutcome<S extends Service> = 'renewed' | 'late' | GameServiceError<S>;

/** One auth's tokens: what to send, read through the scope's renewals. */
export class TokenSource {
  readonly auth: AuthOptions;
  /** The renewals calls with this auth share when they are given no scope. */
  readonly ownRenewals = new LocalRenewals();

  constructor(auth: AuthOptions) {
    this.auth = auth;
  }

  /** The token to send now: the caller's, or what it was renewed to if the caller still holds a rejected one. */
  async current(service: Service, renewals: ScopeRenewals): Promise<string> {
    const token = await this.#given(service);
    return renewals.renewedTo(token) ?? token;
  }

  async #given(service: Service): Promise<string> {
    // Checked as unknown: a JavaScript getToken can give anything.
    const token: unknown = await this.auth.getToken();
    if (typeof token !== 'string' || token === '') {
      throw misuseError(service, `auth.getToken() must give the token as a non-empty string, got ${token === '' ? 'an empty string' : typeof token}.`);
    }
    return token;
  }

  /** True when the caller now holds a token other than `rejected` (and what it was renewed to). */
  async holdsAnother(rejected: string, service: Service, renewals: ScopeRenewals): Promise<boolean> {
    try {
      const token = await this.#given(service);
      return (renewals.renewedTo(token) ?? token) !== rejected;
    } catch {
      return false;
    }
  }

  /** One call of refreshToken, its answer checked: what the renewal's retry loop sends. */
  async refresh(service: Service, rejected: string, deadline: number, detached = false): Promise<string> {
    // A token service that never answers must not hold the renewal, or the calls waiting on it, forever.
    const fresh: unknown = await beforeDeadline(Promise.resolve().then(() => this.auth.refreshToken(rejected)), deadline, undefined, detached);
    if (typeof fresh !== 'string' || fresh === '') {
      throw misuseError(service, `auth.refreshToken() must give the new token as a non-empty string, got ${typeof fresh}.`);
    }
    return fresh;
  }
}

/** A renewal's final failure as the scope remembers it: refused for good, or failed for now. */
export function renewalFailure(failure: GameServiceError): RenewalOutcome {
  // A renewal still failing transiently after its own retries ends these calls, but a later
  // call may try again; a renewal the service refused is final for this token.
  if (failure.retry === 'backoff' || failure.retry === 'wait') return { kind: 'failed', error: failure };
  return { kind: 'refused', error: renewalRefused(failure) };
}

/** Calls sharing one auth object share its renewals, whichever client or withRetry call they come from. */
const sources = new WeakMap<AuthOptions, TokenSource>();

export function tokenSourceFor(auth: AuthOptions): TokenSource {
  let source = sources.get(auth);
  if (source === undefined) {
    source = new TokenSource(auth);
    sources.set(auth, source);
  }
  return source;
}
