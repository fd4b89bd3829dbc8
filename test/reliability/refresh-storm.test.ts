import ky from 'ky';
import type { Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/create-client.ts';
import type { GameServiceError } from '../../src/core/error.ts';
import type { HttpService } from '../../src/core/service.ts';
import type { GiveUpEvent, RefreshEvent } from '../../src/retry/events.ts';
import { serviceSuccess, type Responder } from '../../src/testing/index.ts';
import { answerFor, TOKEN_EXPIRED } from '../../src/testing/scenarios/service-answers.ts';
import { contractProblems } from './contract.ts';
import { loopbackServers } from './serve.ts';

/** The services whose tokens expire and are renewed (Kakao's platform has no such answer). */
const EXPIRING = ['coral', 'companion', 'lobby'] as const satisfies readonly HttpService[];
const STORM = 100;

const ROUTES: Readonly<Record<(typeof EXPIRING)[number], { readonly method: 'get' | 'post'; readonly path: string; readonly header: string }>> = {
  coral: { method: 'post', path: 'v3/Friend/List', header: 'authorization' },
  companion: { method: 'get', path: 'market/items/catalog/5', header: 'token' },
  lobby: { method: 'get', path: 'lobbies/lobby-1', header: 'authorization' },
};

const serve = loopbackServers();

/**
 * The service: answers token-expired for any token but the valid one. The first `hold` requests
 * are held until all of them have arrived, so they are rejected together, as a storm is.
 */
function storm(service: (typeof EXPIRING)[number], valid: string, hold: number): Responder & { readonly seen: string[] } {
  const seen: string[] = [];
  let waiting: (() => void)[] = [];
  const responder: Responder = async (request) => {
    const raw = request.headers.get(ROUTES[service].header) ?? '';
    const token = raw.replace(/^Bearer /, '');
    seen.push(token);
    if (seen.length <= hold) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === hold) {
          for (const release of waiting) release();
          waiting = [];
        }
      });
    }
    return token === valid ? serviceSuccess(service, { ok: true }) : answerFor(service, TOKEN_EXPIRED[service]);
  };
  return Object.assign(responder, { seen });
}

/** A token endpoint on the same server: `/token` answers with `answers` in turn, then the last again. */
function tokenEndpoint(answers: readonly (() => Response)[]): { readonly responder: Responder; readonly calls: () => number } {
  let calls = 0;
  const responder: Responder = () => {
    const answer = answers[Math.min(calls, answers.length - 1)] ?? (() => new Response(null, { status: 500 }));
    calls += 1;
    return answer();
  };
  return { responder, calls: () => calls };
}

/** Routes `/token` to the token endpoint and everything else to the service. */
function route(service: Responder, token: Responder): Responder {
  return (request) => (new URL(request.url).pathname === '/token' ? token(request) : service(request));
}

describe.each(EXPIRING)('%s: a refresh storm', (service) => {
  it(`${String(STORM)} calls rejected together with one expired token: one refresh, all succeed`, async () => {
    let current = 'expired-token-0001';
    let refreshes = 0;
    const fake = storm(service, 'renewed-token-0002', STORM);
    const origin = await serve(fake);
    const refreshEvents: RefreshEvent[] = [];
    const client = createClient<HttpService>({
      service,
      prefix: `${origin}/`,
      auth: {
        getToken: () => current,
        refreshToken: async () => {
          refreshes += 1;
          await new Promise((resolve) => setTimeout(resolve, 20));
          current = 'renewed-token-0002';
          return current;
        },
      },
      onRefresh: (event) => {
        refreshEvents.push(event);
      },
    });
    const results = await Promise.all(Array.from({ length: STORM }, () => client[ROUTES[service].method](ROUTES[service].path).json()));
    expect(results.filter((result) => result.isOk())).toHaveLength(STORM);
    expect(refreshes).toBe(1);
    expect(refreshEvents.map((event) => event.outcome)).toEqual(['refreshed']);
    expect(fake.seen.filter((token) => token === 'expired-token-0001')).toHaveLength(STORM);
    expect(fake.seen.filter((token) => token === 'renewed-token-0002')).toHaveLength(STORM);
  });

  it('a rate-limited refresh waits for the Retry-After, then succeeds, still once for all', async () => {
    let current = 'expired-token-0001';
    const endpoint = tokenEndpoint([
      () => new Response(JSON.stringify({ error: 'slow down' }), { status: 429, headers: { 'retry-after': '1', 'content-type': 'application/json' } }),
      () => Response.json({ token: 'renewed-token-0002' }),
    ]);
    const fake = storm(service, 'renewed-token-0002', STORM);
    const origin = await serve(route(fake, endpoint.responder));
    const refreshEvents: RefreshEvent[] = [];
    let firstAskAt = 0;
    let renewedAt = 0;
    const client = createClient<HttpService>({
      service,
      prefix: `${origin}/`,
      // The service asks for a second: within maxRetryAfter, so the renewal waits it out.
      retry: { maxRetryAfter: 1_000 },
      auth: {
        getToken: () => current,
        refreshToken: async () => {
          firstAskAt ||= performance.now();
          // ky throws its HTTPError for the 429: the renewal is classified like any answer.
          const { token } = await ky.post(`${origin}/token`, { retry: 0 }).json<{ token: string }>();
          renewedAt = performance.now();
          current = token;
          return token;
        },
      },
      onRefresh: (event) => {
        refreshEvents.push(event);
      },
    });
    const results = await Promise.all(Array.from({ length: STORM }, () => client[ROUTES[service].method](ROUTES[service].path).json()));
    expect(results.filter((result) => result.isOk())).toHaveLength(STORM);
    expect(endpoint.calls()).toBe(2);
    expect(refreshEvents.map((event) => event.outcome)).toEqual(['refreshed']);
    // It waited the hint between the two asks, not less.
    expect(renewedAt - firstAskAt).toBeGreaterThanOrEqual(990);
  });

  it('a rejected refresh gives every waiting call unauthenticated, once, and is not asked again', async () => {
    const endpoint = tokenEndpoint([() => Response.json({ error: 'invalid_grant' }, { status: 401 })]);
    const fake = storm(service, 'never-valid', STORM);
    const origin = await serve(route(fake, endpoint.responder));
    const giveUps: GiveUpEvent[] = [];
    const refreshEvents: RefreshEvent[] = [];
    const client = createClient<HttpService>({
      service,
      prefix: `${origin}/`,
      auth: {
        getToken: () => 'dead-token-0001',
        refreshToken: async () => {
          const { token } = await ky.post(`${origin}/token`, { retry: 0 }).json<{ token: string }>();
          return token;
        },
      },
      onGiveUp: (event) => {
        giveUps.push(event);
      },
      onRefresh: (event) => {
        refreshEvents.push(event);
      },
    });
    const call = async (): Promise<Result<unknown, GameServiceError>> => client[ROUTES[service].method](ROUTES[service].path).json();
    const settledTimes = new Map<number, number>();
    const results = await Promise.all(
      Array.from({ length: STORM }, async (_, index) => {
        const result = await call();
        settledTimes.set(index, (settledTimes.get(index) ?? 0) + 1);
        return result;
      }),
    );
    expect(endpoint.calls()).toBe(1);
    expect(refreshEvents.map((event) => event.outcome)).toEqual(['failed']);
    expect([...settledTimes.values()].every((count) => count === 1)).toBe(true);
    for (const result of results) {
      expect(result.isErr()).toBe(true);
      if (result.isErr()) {
        expect(result.error.category).toBe('unauthenticated');
        expect(result.error.retryable).toBe(false);
        expect(contractProblems(result.error, service)).toEqual([]);
      }
    }
    expect(giveUps).toHaveLength(STORM);
    expect(giveUps.every((event) => event.reason === 'refresh')).toBe(true);
    // Each call was sent once: nobody retried with the dead token.
    expect(fake.seen).toHaveLength(STORM);
    // A later call rejected with the same dead token ends at once, without asking for a renewal again.
    await call();
    expect(endpoint.calls()).toBe(1);
  });

  it('a renewal that never answers ends each waiting call at its deadline, and does not block later renewals', async () => {
    const fake = storm(service, 'renewed-token-0002', 10);
    const origin = await serve(fake);
    let asked = 0;
    const client = createClient<HttpService>({
      service,
      prefix: `${origin}/`,
      auth: {
        getToken: () => 'expired-token-0001',
        refreshToken: () => {
          asked += 1;
          // The first renewal hangs (a token service that never answers); a later one works.
          return asked === 1 ? new Promise<string>(() => undefined) : Promise.resolve('renewed-token-0002');
        },
      },
    });
    // A call still waiting on the hung renewal past its deadline would keep this pending until the test's limit.
    // Only these calls have a deadline short enough to meet (long enough for their first answer
    // to arrive on a busy machine); the later one has the default minute.
    const first = await Promise.all(Array.from({ length: 10 }, () => client[ROUTES[service].method](ROUTES[service].path, { retry: { maxRetryTime: 5_000 } }).json()));
    expect(first.every((result) => result.isErr())).toBe(true);
    expect(asked).toBe(1);
    // Long after every call that waited on it has given up, the hung renewal must not still be
    // the one each new call joins: that would fail every call for this token from now on.
    const later = await client[ROUTES[service].method](ROUTES[service].path).json();
    expect(asked).toBe(2);
    expect(later.isOk()).toBe(true);
  });
});
