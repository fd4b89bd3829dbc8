import type { Result } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../src/create-client.ts';
import type { Client, ClientOptions, PollEvent, RequestOptions } from '../src/client/types.ts';
import type { GameServiceError } from '../src/core/error.ts';
import type { HttpService } from '../src/core/service.ts';
import type { GiveUpEvent, RefreshEvent, RetryEvent } from '../src/retry/events.ts';
import { companionQueue, expiringToken, sequence, toHandler, type Responder } from '../src/testing/index.ts';
import { mswServer } from './msw-server.ts';
import {
  badGatewayPage,
  coral,
  companion,
  drive,
  EXPIRING,
  FIXTURES,
  flush,
  lobby,
  networkError,
  platform,
  rateLimit,
  recording,
  tokenOf,
  type ServiceFixture,
} from './client-support.ts';

const server = mswServer();

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

function serve(fixture: ServiceFixture, responder: Responder): void {
  server.use(toHandler('all', `${fixture.base}/*`, responder));
}

interface Observed<S extends HttpService> {
  readonly retries: RetryEvent<S>[];
  readonly giveUps: GiveUpEvent<S>[];
  readonly refreshes: RefreshEvent<S>[];
}

function clientFor<S extends HttpService>(fixture: ServiceFixture<S>, options: Omit<ClientOptions<S>, 'service'> = {}): { client: Client<S>; observed: Observed<S> } {
  const observed: Observed<S> = { retries: [], giveUps: [], refreshes: [] };
  const client = createClient<S>({
    service: fixture.service,
    prefix: fixture.base,
    onRetry: (event) => observed.retries.push(event),
    onGiveUp: (event) => observed.giveUps.push(event),
    onRefresh: (event) => observed.refreshes.push(event),
    ...options,
  });
  return { client, observed };
}

/** The fixture's repeatable call. */
function read<S extends HttpService>(fixture: ServiceFixture<S>, client: Client<S>, options: RequestOptions = {}) {
  return fixture.read.method === 'get' ? client.get(fixture.read.path, options).json() : client.post(fixture.read.path, { json: {}, ...options }).json();
}

/** A token renewal that goes through a client of its own (no retries: the renewal's retries are the engine's). */
function renewalVia<S extends HttpService>(fixture: ServiceFixture<S>): (rejected: string) => Promise<string> {
  const auth = createClient<S>({ service: fixture.service, prefix: fixture.base, retry: { limit: 0 } });
  return async () => {
    const result = await auth.post('auth/refresh', { json: {} }).json<{ token: string }>();
    if (result.isErr()) throw result.error;
    return result.value.token;
  };
}

function expectErr<S extends HttpService>(result: Result<unknown, GameServiceError<S>>): GameServiceError<S> {
  if (result.isOk()) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe.each(EXPIRING)('$service: an expired token', (fixture) => {
  it('renews it once and retries the call once with the new token', async () => {
    const fake = expiringToken({ service: fixture.service, validTokens: ['fresh-token'] }, () => fixture.success({ ok: 1 }));
    serve(fixture, fake);
    const refreshToken = vi.fn(() => Promise.resolve('fresh-token'));
    const { client, observed } = clientFor(fixture, { auth: { getToken: () => 'stale-token', refreshToken } });

    const result = await drive(read(fixture, client));

    expect(result.isOk() && result.value).toEqual({ ok: 1 });
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(refreshToken).toHaveBeenCalledWith('stale-token');
    expect(fake.presented).toEqual(['stale-token', 'fresh-token']);
    expect(observed.refreshes).toEqual([{ outcome: 'refreshed', elapsedMs: expect.any(Number) as number }]);
  });

  it('renews it once for 20 calls rejected with it, and retries each once', async () => {
    const fake = expiringToken({ service: fixture.service, validTokens: ['fresh-token'] }, () => fixture.success({ ok: 1 }));
    serve(fixture, fake);
    const refreshToken = vi.fn(() => Promise.resolve('fresh-token'));
    const { client } = clientFor(fixture, { auth: { getToken: () => 'stale-token', refreshToken } });

    const results = await drive(Promise.all(Array.from({ length: 20 }, () => read(fixture, client))));

    expect(results.every((result) => result.isOk())).toBe(true);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(fake.presented.filter((token) => token === 'stale-token')).toHaveLength(20);
    expect(fake.presented.filter((token) => token === 'fresh-token')).toHaveLength(20);
  });

  it('retries a call that carried an older token with the newer one, without renewing again', async () => {
    const fake = expiringToken({ service: fixture.service, validTokens: ['fresh-token'] }, () => fixture.success({}));
    serve(fixture, fake);
    let stored = 'stale-token';
    const refreshToken = vi.fn(() => Promise.resolve((stored = 'fresh-token')));
    const { client } = clientFor(fixture, { auth: { getToken: () => stored, refreshToken } });

    expect((await drive(read(fixture, client))).isOk()).toBe(true);
    // The caller still holds a request sent with the old token: renewed already, so it just retries.
    stored = 'stale-token';
    expect((await drive(read(fixture, client))).isOk()).toBe(true);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(fake.presented).toEqual(['stale-token', 'fresh-token', 'fresh-token']);
  });

  it('waits out a rate-limited renewal and renews, for all 20 waiting calls', async () => {
    const refreshEndpoint = recording(sequence([fixture.rateLimited(2), fixture.success({ token: 'fresh-token' })]));
    const fake = expiringToken({ service: fixture.service, validTokens: ['fresh-token'] }, () => fixture.success({}));
    serve(fixture, fake);
    // Registered last, so it is matched first.
    server.use(toHandler('post', `${fixture.base}/auth/refresh`, refreshEndpoint));
    const { client, observed } = clientFor(fixture, { auth: { getToken: () => 'stale-token', refreshToken: renewalVia(fixture) } });

    const results = await drive(Promise.all(Array.from({ length: 20 }, () => read(fixture, client))));

    expect(results.every((result) => result.isOk())).toBe(true);
    expect(refreshEndpoint.seen).toHaveLength(2);
    expect(refreshEndpoint.seen[1]?.at).toBeGreaterThanOrEqual((refreshEndpoint.seen[0]?.at ?? 0) + 2_000);
    expect(observed.refreshes.map((event) => event.outcome)).toEqual(['refreshed']);
  });

  it('ends every waiting call once as unauthenticated when the renewal is refused, and never asks again for that token', async () => {
    const refreshEndpoint = recording(() => fixture.unauthenticated());
    const fake = recording(expiringToken({ service: fixture.service, validTokens: ['fresh-token'] }, () => fixture.success({})));
    serve(fixture, fake);
    // Registered last, so it is matched first.
    server.use(toHandler('post', `${fixture.base}/auth/refresh`, refreshEndpoint));
    const { client, observed } = clientFor(fixture, { auth: { getToken: () => 'stale-token', refreshToken: renewalVia(fixture) } });

    const results = await drive(Promise.all(Array.from({ length: 20 }, () => read(fixture, client))));

    expect(results.map((result) => result.isErr() && result.error.category)).toEqual(Array.from({ length: 20 }, () => 'unauthenticated'));
    expect(refreshEndpoint.seen).toHaveLength(1);
    expect(fake.seen).toHaveLength(20);
    expect(observed.giveUps).toHaveLength(20);
    expect(observed.giveUps.every((event) => event.reason === 'refresh' && event.attempts === 1)).toBe(true);
    expect(observed.refreshes.map((event) => event.outcome)).toEqual(['failed']);

    const later = await drive(read(fixture, client));
    expect(later.isErr() && later.error.category).toBe('unauthenticated');
    expect(refreshEndpoint.seen).toHaveLength(1);
  });

  it('never puts the token in an error', async () => {
    serve(fixture, () => fixture.permanent());
    const { client } = clientFor(fixture, { auth: { getToken: () => 'secret-token-value', refreshToken: () => Promise.resolve('other-secret-value') } });
    const error = expectErr(await drive(read(fixture, client)));
    expect(JSON.stringify(error)).not.toContain('secret-token-value');
    expect(error.stack).not.toContain('secret-token-value');
  });
});

describe('platform: 401 AuthFailure', () => {
  it('is not renewed: the platform has no expired-token code, and the SDK signs out on 401', async () => {
    serve(platform, () => platform.unauthenticated());
    const refreshToken = vi.fn(() => Promise.resolve('fresh-token'));
    const { client, observed } = clientFor(platform, { auth: { getToken: () => 'stale-token', refreshToken } });
    const error = expectErr(await drive(read(platform, client)));
    expect(error.category).toBe('unauthenticated');
    expect(refreshToken).not.toHaveBeenCalled();
    expect(observed.giveUps[0]?.reason).toBe('final');
  });
});

describe.each(FIXTURES)('$service: maintenance', (fixture) => {
  it('closes the gate for Retry-After: later calls wait on it, one probe reopens it, then they resume', async () => {
    const fake = recording(fixture.maintenanceWindow(8_000, 5, () => fixture.success({ ok: true })));
    serve(fixture, fake);
    const { client, observed } = clientFor(fixture, { retry: { gateSpreadMs: 1_000 } });

    const first = read(fixture, client);
    await flush();
    expect(fake.seen).toHaveLength(1);
    const later = Array.from({ length: 4 }, () => read(fixture, client));
    await flush();
    // The gate is closed: the four later calls have not reached the service.
    expect(fake.seen).toHaveLength(1);

    const results = await drive(Promise.all([first, ...later]));

    expect(results.every((result) => result.isOk())).toBe(true);
    const times = fake.seen.map((seen) => seen.at - (fake.seen[0]?.at ?? 0));
    // One probe at 5 s (still maintenance, Retry-After 5 s), one at 10 s (over), then the four waiting calls.
    expect(times.slice(0, 3)).toEqual([0, 5_000, 10_000]);
    expect(times.slice(3)).toHaveLength(4);
    expect(times.slice(3).every((time) => time >= 10_000 && time < 11_000)).toBe(true);
    expect(observed.retries[0]?.delayMs).toBe(5_000);
  });

  it('without Retry-After, waits the service default before the one probe', async () => {
    const fake = recording(fixture.maintenanceWindow(20_000, undefined, () => fixture.success({})));
    serve(fixture, fake);
    const { client, observed } = clientFor(fixture);

    const first = read(fixture, client);
    await flush();
    const later = Array.from({ length: 3 }, () => read(fixture, client));
    const results = await drive(Promise.all([first, ...later]));

    expect(results.every((result) => result.isOk())).toBe(true);
    expect(fake.seen.map((seen) => seen.at - (fake.seen[0]?.at ?? 0)).slice(0, 2)).toEqual([0, 30_000]);
    expect(fake.seen).toHaveLength(5);
    expect(observed.retries[0]?.delayMs).toBe(30_000);
  });

  it('reports maintenance at once when the wait would outlast maxRetryTime', async () => {
    const fake = recording(fixture.maintenanceWindow(60 * 60_000, 600, () => fixture.success({})));
    serve(fixture, fake);
    const { client, observed } = clientFor(fixture, { retry: { maxRetryAfter: 3_600_000 } });
    const error = expectErr(await drive(read(fixture, client)));
    expect(error.category).toBe('maintenance');
    expect(error.attempts).toBe(1);
    expect(fake.seen).toHaveLength(1);
    expect(observed.giveUps[0]?.reason).toBe('time');
  });
});

describe.each(FIXTURES)('$service: rate limits', (fixture) => {
  it('waits Retry-After given in seconds', async () => {
    const fake = recording(sequence([fixture.rateLimited(3), fixture.success({ ok: true })]));
    serve(fixture, fake);
    const { client, observed } = clientFor(fixture);
    const result = await drive(read(fixture, client));
    expect(result.isOk()).toBe(true);
    expect(observed.retries.map((event) => [event.error.category, event.delayMs])).toEqual([['rate-limited', 3_000]]);
    expect((fake.seen[1]?.at ?? 0) - (fake.seen[0]?.at ?? 0)).toBe(3_000);
  });

  it('waits Retry-After given as an HTTP date', async () => {
    const fake = recording(sequence([fixture.rateLimited(new Date(Date.now() + 4_000)), fixture.success({ ok: true })]));
    serve(fixture, fake);
    const { client, observed } = clientFor(fixture);
    const result = await drive(read(fixture, client));
    expect(result.isOk()).toBe(true);
    expect(observed.retries[0]?.delayMs).toBe(4_000);
  });

  it('ends the call at once on a Retry-After beyond maxRetryAfter, with the hint, and sends nothing before it', async () => {
    const fake = recording(sequence([fixture.rateLimited(3_600), fixture.success({})]));
    serve(fixture, fake);
    const { client, observed } = clientFor(fixture, { retry: { maxRetryAfter: 2_000 } });
    const error = expectErr(await drive(read(fixture, client)));
    expect(error).toMatchObject({ category: 'rate-limited', retryAfterMs: 3_600_000, attempts: 1 });
    expect(observed.retries).toEqual([]);
    expect(observed.giveUps.map((event) => event.reason)).toEqual(['retry-after']);
    // A second call to the same bucket is not sent either: the service named a moment, and it has not come.
    const again = expectErr(await drive(read(fixture, client)));
    expect(again).toMatchObject({ category: 'rate-limited', attempts: 0 });
    expect(again.retryAfterMs).toBeGreaterThan(3_590_000);
    expect(fake.seen).toHaveLength(1);
  });

  it('retries a POST that is not safe to repeat: a rate limit proves it was not processed', async () => {
    const fake = recording(sequence([fixture.rateLimited(1), fixture.success({ joined: true })]));
    serve(fixture, fake);
    const { client } = clientFor(fixture);
    const result = await drive(client.post(fixture.write.path, { json: {} }).json());
    expect(result.isOk() && result.value).toEqual({ joined: true });
    expect(fake.seen).toHaveLength(2);
  });
});

describe.each(FIXTURES)('$service: transient failures', (fixture) => {
  it('retries 502, 503 and a dropped connection, then succeeds', async () => {
    const fake = recording(sequence([badGatewayPage(), fixture.unavailable(), networkError(), fixture.success({ ok: true })]));
    serve(fixture, fake);
    const { client, observed } = clientFor(fixture, { retry: { limit: 3 } });
    const result = await drive(read(fixture, client));
    expect(result.isOk() && result.value).toEqual({ ok: true });
    expect(fake.seen).toHaveLength(4);
    expect(observed.retries.map((event) => event.error.category)).toEqual(['unavailable', expect.any(String), 'network']);
    expect(observed.retries.every((event) => event.delayMs >= 0)).toBe(true);
  });

  it('gives up after the retry limit with attempts and elapsed time on the error', async () => {
    serve(fixture, () => badGatewayPage());
    const { client, observed } = clientFor(fixture, { retry: { limit: 2 } });
    const error = expectErr(await drive(read(fixture, client)));
    expect(error.attempts).toBe(3);
    expect(error.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(observed.giveUps).toEqual([{ error, attempts: 3, elapsedMs: error.elapsedMs, reason: 'limit' }]);
  });

  it('does not retry a permanent error', async () => {
    const fake = recording(() => fixture.permanent());
    serve(fixture, fake);
    const { client, observed } = clientFor(fixture);
    const error = expectErr(await drive(read(fixture, client)));
    expect(String(error.code)).toBe(fixture.permanentCode);
    expect(error.retryable).toBe(false);
    expect(error.attempts).toBe(1);
    expect(fake.seen).toHaveLength(1);
    expect(observed.retries).toEqual([]);
    expect(observed.giveUps[0]?.reason).toBe('final');
  });

  it('does not retry a POST that timed out: it may have been processed', async () => {
    const fake = recording(() => new Promise<Response>((resolve) => setTimeout(() => { resolve(fixture.success({})); }, 60_000)));
    serve(fixture, fake);
    const { client, observed } = clientFor(fixture, { timeout: 1_000 });
    const error = expectErr(await drive(client.post(fixture.write.path, { json: {} }).json()));
    expect(error.category).toBe('timeout');
    expect(error.attempts).toBe(1);
    expect(fake.seen).toHaveLength(1);
    expect(observed.giveUps[0]?.reason).toBe('not-idempotent');
  });

  it('retries a call that timed out when it is safe to repeat', async () => {
    let calls = 0;
    serve(fixture, () => (calls++ === 0 ? new Promise<Response>((resolve) => setTimeout(() => { resolve(fixture.success({})); }, 60_000)) : fixture.success({ late: false })));
    const { client } = clientFor(fixture, { timeout: 1_000 });
    const result = await drive(read(fixture, client));
    expect(result.isOk() && result.value).toEqual({ late: false });
  });

  it('retries a POST given an idempotency key, and sends the key', async () => {
    const fake = recording(sequence([badGatewayPage(), fixture.success({})]));
    serve(fixture, fake);
    const { client } = clientFor(fixture);
    const result = await drive(client.post(fixture.write.path, { json: {}, idempotencyKey: 'key-1' }).json());
    expect(result.isOk()).toBe(true);
    expect(fake.seen.map((seen) => seen.headers.get('idempotency-key'))).toEqual(['key-1', 'key-1']);
  });
});

describe.each(FIXTURES)('$service: cancellation and budget', (fixture) => {
  it('ends a call at once as cancelled when its signal aborts during a wait', async () => {
    const fake = recording(sequence([fixture.rateLimited(20), fixture.success({})]));
    serve(fixture, fake);
    const { client, observed } = clientFor(fixture);
    const controller = new AbortController();
    const pending = read(fixture, client, { signal: controller.signal });
    for (let step = 0; step < 50 && observed.retries.length === 0; step += 1) await vi.advanceTimersByTimeAsync(0);
    expect(observed.retries).toHaveLength(1);
    controller.abort();
    const error = expectErr(await pending);
    expect(error.category).toBe('cancelled');
    expect(error.attempts).toBe(1);
    expect((error.cause as GameServiceError).category).toBe('rate-limited');
    expect(fake.seen).toHaveLength(1);
    expect(observed.giveUps[0]?.reason).toBe('cancelled');
  });

  it('returns errors at once when the retry budget is empty', async () => {
    const fake = recording(() => badGatewayPage());
    serve(fixture, fake);
    const { client, observed } = clientFor(fixture, { retry: { limit: 5, budget: { capacity: 10, retryCost: 5 } } });
    const first = expectErr(await drive(read(fixture, client)));
    expect(first.attempts).toBe(3);
    const second = expectErr(await drive(read(fixture, client)));
    expect(second.attempts).toBe(1);
    expect(fake.seen).toHaveLength(4);
    expect(observed.giveUps.map((event) => event.reason)).toEqual(['budget', 'budget']);
  });

  it('refills the budget with successes', async () => {
    let failing = true;
    serve(fixture, () => (failing ? badGatewayPage() : fixture.success({})));
    const { client } = clientFor(fixture, { retry: { limit: 5, budget: { capacity: 10, retryCost: 5 } } });
    await drive(read(fixture, client));
    failing = false;
    for (let index = 0; index < 5; index += 1) await drive(read(fixture, client));
    failing = true;
    const error = expectErr(await drive(read(fixture, client)));
    expect(error.attempts).toBe(2);
  });
});

describe('companion: 202 queued answers', () => {
  it('polls with the same request-id until the result is ready', async () => {
    const fake = recording(companionQueue({ pollsBeforeReady: 2 }, () => companion.success({ entries: [1] })));
    serve(companion, fake);
    const polls: PollEvent[] = [];
    const { client } = clientFor(companion, { onPoll: (event) => polls.push(event) });
    const result = await drive(client.get('market/items/catalog/5').json());
    expect(result.isOk() && result.value).toEqual({ entries: [1] });
    const ids = fake.seen.map((seen) => seen.headers.get('request-id'));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[\da-f-]{36}$/);
    expect(polls).toEqual([{ poll: 1, delayMs: 800, requestId: ids[0] }, { poll: 2, delayMs: 800, requestId: ids[0] }]);
    expect(fake.seen.map((seen) => seen.at - (fake.seen[0]?.at ?? 0))).toEqual([0, 800, 1_600]);
  });

  it('gives up as a timeout after the poll limit, without retrying the polls', async () => {
    const fake = recording(companionQueue({ pollsBeforeReady: 100 }));
    serve(companion, fake);
    const { client } = clientFor(companion, { poll: { limit: 3, intervalMs: 800 } });
    const error = expectErr(await drive(client.get('market/items/catalog/5').json()));
    expect(error.code).toBe('TIMEOUT');
    expect(error.category).toBe('timeout');
    expect(error.details).toMatchObject({ polls: 3 });
    expect(fake.seen).toHaveLength(4);
  });

  it('keeps the caller\'s own request-id', async () => {
    const fake = recording(companionQueue({ pollsBeforeReady: 1 }));
    serve(companion, fake);
    const polls: PollEvent[] = [];
    const { client } = clientFor(companion, { onPoll: (event) => polls.push(event) });
    await drive(client.get('market/items/catalog/5', { headers: { 'request-id': 'mine' } }).json());
    expect(fake.seen.map((seen) => seen.headers.get('request-id'))).toEqual(['mine', 'mine']);
    expect(polls.map((event) => event.requestId)).toEqual(['mine']);
  });

  it('tells onPoll the request-id that was sent when the caller gave it twice', async () => {
    const fake = recording(companionQueue({ pollsBeforeReady: 1 }));
    serve(companion, fake);
    const polls: PollEvent[] = [];
    const { client } = clientFor(companion, { onPoll: (event) => polls.push(event) });
    await drive(client.get('market/items/catalog/5', { headers: { 'request-id': 'lower', 'Request-Id': 'upper' } }).json());
    const sent = fake.seen.map((seen) => seen.headers.get('request-id'));
    expect(new Set(sent).size).toBe(1);
    expect(polls.map((event) => event.requestId)).toEqual([sent[0]]);
  });

  it('sends the bare token in a token header', async () => {
    const fake = recording(() => companion.success({}));
    serve(companion, fake);
    const { client } = clientFor(companion, { auth: { getToken: () => 'abc-token', refreshToken: () => Promise.resolve('x') } });
    await drive(client.get('market/items/catalog/5').json());
    expect(fake.seen[0]?.headers.get('token')).toBe('abc-token');
    expect(fake.seen[0]?.headers.get('authorization')).toBeNull();
    expect(tokenOf(companion, fake.seen[0] ?? { method: '', path: '', headers: new Headers(), at: 0 })).toBe('abc-token');
  });
});

describe('coral: answers in the body', () => {
  it('gives the result of a status 0 answer', async () => {
    serve(coral, () => coral.success({ friends: [{ id: 'f-1' }] }));
    const { client } = clientFor(coral);
    const result = await drive(client.post('v3/Friend/List', { json: { parameter: {} } }).json<{ friends: { id: string }[] }>());
    expect(result.isOk() && result.value).toEqual({ friends: [{ id: 'f-1' }] });
  });

  it('reads a 200 whose body says failure as that failure', async () => {
    serve(coral, () => coral.permanent());
    const { client } = clientFor(coral);
    const error = expectErr(await drive(client.post('v3/Friend/List', { json: {} }).json()));
    expect(error.code).toBe('9400');
    expect(error.status).toBe(200);
    expect(error.category).toBe('invalid-request');
  });

  it('sends the token as Authorization: Bearer, or as the auth options say', async () => {
    const fake = recording(() => coral.success({}));
    serve(coral, fake);
    const bearer = clientFor(coral, { auth: { getToken: () => 'tok-1', refreshToken: () => Promise.resolve('x') } }).client;
    const custom = clientFor(coral, { auth: { getToken: () => 'tok-2', refreshToken: () => Promise.resolve('x'), header: 'X-Session', scheme: 'Token' } }).client;
    await drive(bearer.post('v3/Friend/List').json());
    await drive(custom.post('v3/Friend/List').json());
    expect(fake.seen[0]?.headers.get('authorization')).toBe('Bearer tok-1');
    expect(fake.seen[1]?.headers.get('x-session')).toBe('Token tok-2');
  });
});

describe('lobby: a window of rate limits', () => {
  it('spaces concurrent calls by the Retry-After of each refusal, without a storm', async () => {
    const granted: number[] = [];
    const start = Date.now();
    const fake = recording(rateLimit({ service: 'lobby', limit: 1, windowMs: 2_000 }, () => {
      granted.push(Date.now() - start);
      return lobby.success({});
    }));
    serve(lobby, fake);
    const { client } = clientFor(lobby);
    const results = await drive(Promise.all(Array.from({ length: 3 }, () => client.get('lobbies/lobby-1').json())));
    expect(results.every((result) => result.isOk())).toBe(true);
    expect(granted).toEqual([0, 2_000, 4_000]);
    // Two refusals at 0 s, one at 2 s: each refused call waited for the window instead of hammering it.
    expect(fake.seen).toHaveLength(6);
  });
});
