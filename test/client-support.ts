/**
 * What the client scenario tests share: each HTTP service's answers for each situation, taken
 * from the testing kit, and a recorder of what reached the fake service.
 */
import { vi } from 'vitest';
import type { HttpService } from '../src/core/service.ts';
import {
  badGatewayPage,
  maintenanceWindow,
  networkError,
  rateLimit,
  serviceError,
  serviceSuccess,
  unavailablePage,
  type Responder,
} from '../src/testing/index.ts';

/** One service as the scenarios see it. */
export interface ServiceFixture<S extends HttpService = HttpService> {
  readonly service: S;
  /** A realistic prefix for the client (msw intercepts it; the loopback tests use their own origin). */
  readonly base: string;
  /** A call that is safe to repeat (for Coral, a read sent as POST). */
  readonly read: { readonly method: 'get' | 'post'; readonly path: string };
  /** A POST that is not safe to repeat. */
  readonly write: { readonly path: string };
  readonly success: (payload: unknown) => Response;
  /** A transient failure in the service's own form. */
  readonly unavailable: () => Response;
  readonly rateLimited: (retryAfter?: number | Date) => Response;
  /** A window of maintenance in the service's own form, then `next`. */
  readonly maintenanceWindow: (durationMs: number, retryAfterSeconds: number | undefined, next: Responder) => Responder;
  /** A failure that must never be retried, and its code. */
  readonly permanent: () => Response;
  readonly permanentCode: string;
  /** The service's "credentials rejected" answer: what a refused token renewal gets. */
  readonly unauthenticated: () => Response;
  /** Whether the service's catalog has a token-expired code (platform's has none). */
  readonly expires: boolean;
}

function withRetryAfter(retryAfter: number | Date | undefined): Record<string, string> {
  if (retryAfter === undefined) return {};
  return { 'retry-after': retryAfter instanceof Date ? retryAfter.toUTCString() : String(retryAfter) };
}

export const coral: ServiceFixture<'coral'> = {
  service: 'coral',
  base: 'https://api-lp1.znc.srv.nintendo.net',
  read: { method: 'post', path: 'v3/Friend/List' },
  write: { path: 'v3/FriendRequest/Create' },
  success: (payload) => serviceSuccess('coral', payload),
  unavailable: () => serviceError('coral', 9501),
  rateLimited: (retryAfter) => serviceError('coral', 9437, { retryAfter }),
  maintenanceWindow: (durationMs, retryAfterSeconds, next) => maintenanceWindow({ service: 'coral', durationMs, retryAfterSeconds }, next),
  permanent: () => serviceError('coral', 9400),
  permanentCode: '9400',
  unauthenticated: () => serviceError('coral', 9403),
  expires: true,
};

export const companion: ServiceFixture<'companion'> = {
  service: 'companion',
  base: 'https://companion.finalfantasyxiv.com/sight-v060/sight',
  read: { method: 'get', path: 'market/items/catalog/5' },
  write: { path: 'market/retainers/r-1/rack' },
  success: (payload) => serviceSuccess('companion', payload),
  unavailable: () => unavailablePage(),
  // Companion has no rate-limit code of its own: a bare 429 with Retry-After is what a gateway sends.
  rateLimited: (retryAfter) => new Response(null, { status: 429, headers: withRetryAfter(retryAfter) }),
  maintenanceWindow: (durationMs, retryAfterSeconds, next) => maintenanceWindow({ service: 'companion', durationMs, retryAfterSeconds }, next),
  permanent: () => serviceError('companion', 311006),
  permanentCode: '311006',
  // An expired session answered to the renewal itself: the renewal is refused.
  unauthenticated: () => serviceError('companion', 111001),
  expires: true,
};

export const platform: ServiceFixture<'platform'> = {
  service: 'platform',
  base: 'https://gamesdk-api.kakaogames.com/v3',
  read: { method: 'get', path: 'player/profile' },
  write: { path: 'player/coupon/redeem' },
  success: (payload) => serviceSuccess('platform', payload),
  unavailable: () => serviceError('platform', 500),
  rateLimited: (retryAfter) => serviceError('platform', 429, { retryAfter }),
  maintenanceWindow: (durationMs, retryAfterSeconds, next) => maintenanceWindow({ service: 'platform', durationMs, retryAfterSeconds }, next),
  permanent: () => serviceError('platform', 404),
  permanentCode: '404',
  unauthenticated: () => serviceError('platform', 401),
  expires: false,
};

/** A gateway's maintenance page: Lobby's own 503 (code 3) says "unavailable", not maintenance. */
function lobbyMaintenanceWindow(durationMs: number, retryAfterSeconds: number | undefined, next: Responder): Responder {
  const end = Date.now() + durationMs;
  return (request) =>
    Date.now() >= end
      ? next(request)
      : new Response('Service under maintenance', { status: 503, headers: { 'content-type': 'text/plain', ...withRetryAfter(retryAfterSeconds) } });
}

export const lobby: ServiceFixture<'lobby'> = {
  service: 'lobby',
  base: 'https://lobby.services.api.unity.com/v1',
  read: { method: 'get', path: 'lobbies/lobby-1' },
  write: { path: 'lobbies/quickjoin' },
  success: (payload) => serviceSuccess('lobby', payload),
  unavailable: () => serviceError('lobby', 3),
  rateLimited: (retryAfter) => serviceError('lobby', 50, { retryAfter }),
  maintenanceWindow: lobbyMaintenanceWindow,
  permanent: () => serviceError('lobby', 16001),
  permanentCode: '16001',
  unauthenticated: () => serviceError('lobby', 51),
  expires: true,
};

export const FIXTURES = [coral, companion, platform, lobby] as const;
export const EXPIRING = FIXTURES.filter((fixture) => fixture.expires);

export { badGatewayPage, networkError, rateLimit };

/** What reached the fake service. */
export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  /** Date.now() when it arrived: fake time under fake timers. */
  readonly at: number;
}

/** Wraps a responder to record each request it answers. */
export function recording(responder: Responder): Responder & { readonly seen: Seen[] } {
  const seen: Seen[] = [];
  const wrapped: Responder = (request) => {
    seen.push({ method: request.method, path: new URL(request.url).pathname, headers: new Headers(request.headers), at: Date.now() });
    return responder(request);
  };
  return Object.assign(wrapped, { seen });
}

/**
 * Settles a promise under fake timers: runs the timers one at a time until it settles, so
 * waits pass without real time and in the order they were set.
 */
export async function drive<T>(promise: PromiseLike<T>): Promise<T> {
  const state = { done: false };
  const settled = Promise.resolve(promise).finally(() => {
    state.done = true;
  });
  for (let step = 0; step < 10_000 && !state.done; step += 1) await vi.advanceTimersToNextTimerAsync();
  return settled;
}

/** Lets pending promise callbacks run without moving fake time. */
export async function flush(): Promise<void> {
  for (let step = 0; step < 20; step += 1) await vi.advanceTimersByTimeAsync(0);
}

/** The token a request carried, with the scheme removed. */
export function tokenOf(fixture: ServiceFixture, seen: Seen): string | undefined {
  const value = seen.headers.get(fixture.service === 'companion' ? 'token' : 'authorization');
  if (value === null) return undefined;
  return fixture.service === 'companion' ? value : value.replace(/^Bearer /, '');
}
