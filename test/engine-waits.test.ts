/**
 * The retry engine's promises about waits, renewals and bounds, under fake timers with an
 * in-process fetch: what costs the budget and what does not, what ends a call at once, and that
 * no await outlives the call's signal or deadline.
 */
import type { Result } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../src/create-client.ts';
import type { ClientOptions } from '../src/client/types.ts';
import type { GameServiceError } from '../src/core/error.ts';
import type { HttpService } from '../src/core/service.ts';
import type { GiveUpEvent, RefreshEvent } from '../src/retry/events.ts';
import { createRetryScope } from '../src/retry/scope.ts';
import { RENEWAL_ATTEMPTS } from '../src/retry/tokens.ts';
import { createCoralClient } from '../src/services/coral/client.ts';
import { expiringToken, maintenanceWindow, sequence, serviceError, serviceSuccess, type Responder } from '../src/testing/index.ts';
import { withRetry } from '../src/with-retry.ts';
import { coral, drive, FIXTURES, flush, lobby, type ServiceFixture } from './client-support.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** ky's `fetch` option answered in process by a responder: no socket, so fake time drives everything. */
function fetchFrom(responder: Responder): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  return async (input, init) => responder(input instanceof Request ? input : new Request(input, init));
}

function counted(responder: Responder): Responder & { sent: () => number } {
  let sent = 0;
  const wrapped = (request: Request): Response | Promise<Response> => {
    sent += 1;
    return responder(request);
  };
  return Object.assign(wrapped, { sent: () => sent });
}

function errorOf<S extends HttpService>(result: Result<unknown, GameServiceError<S>>): GameServiceError<S> {
  if (result.isOk()) throw new Error('expected an error');
  return result.error;
}

function read<S extends HttpService>(fixture: ServiceFixture<S>, client: ReturnType<typeof createClient<S>>, signal?: AbortSignal) {
  const options = signal === undefined ? {} : { signal };
  return fixture.read.method === 'get' ? client.get(fixture.read.path, options).json() : client.post(fixture.read.path, { json: {}, ...options }).json();
}

function clientOn<S extends HttpService>(fixture: ServiceFixture<S>, responder: Responder, options: Omit<ClientOptions<S>, 'service'> = {}) {
  const giveUps: GiveUpEvent<S>[] = [];
  const client = createClient<S>({ service: fixture.service, prefix: fixture.base, fetch: fetchFrom(responder), onGiveUp: (event) => giveUps.push(event), ...options });
  return { client, giveUps };
}

describe.each([coral, lobby])('$service: waits the service asks for cost nothing from the retry budget', (fixture) => {
  // 2,000 concurrent calls are measured by scripts/maintenance-window.ts over real sockets.
  it.each([200])('every one of %i concurrent calls waits a 5 s maintenance window out, with default options', async (calls) => {
    const fake = counted(fixture.maintenanceWindow(5_000, undefined, () => fixture.success({ ok: true })));
    const { client, giveUps } = clientOn(fixture, fake);
    const results = await drive(Promise.all(Array.from({ length: calls }, () => read(fixture, client))));
    expect(giveUps.map((event) => event.reason)).toEqual([]);
    expect(results.filter((result) => result.isOk())).toHaveLength(calls);
    // Each call met maintenance once, then one probe reopened the gate: far fewer than two requests a call.
    expect(fake.sent()).toBeLessThanOrEqual(calls + 1 + calls);
  });

  it('every one of 200 concurrent calls waits a rate limit out, however small the budget', async () => {
    const fake = counted(sequence([...Array.from({ length: 200 }, () => fixture.rateLimited(5)), fixture.success({ ok: true })]));
    const { client, giveUps } = clientOn(fixture, fake, { retry: { budget: { capacity: 10 } } });
    const results = await drive(Promise.all(Array.from({ length: 200 }, () => read(fixture, client))));
    expect(giveUps.map((event) => event.reason)).toEqual([]);
    expect(results.every((result) => result.isOk())).toBe(true);
  });
});

describe('a rate-limit pause holds the bucket', () => {
  it('a 429 to one call pauses the other calls of the scope to the same bucket until the hint, and no other bucket', async () => {
    const seen: { path: string; at: number }[] = [];
    let limited = true;
    const responder: Responder = (request) => {
      const { pathname } = new URL(request.url);
      seen.push({ path: pathname, at: Date.now() });
      if (pathname.endsWith('Friend/List') && limited) {
        limited = false;
        return serviceError('coral', 9437, { retryAfter: 4 });
      }
      return serviceSuccess('coral', {});
    };
    const start = Date.now();
    const client = createCoralClient({ prefix: coral.base, fetch: fetchFrom(responder) });
    const first = client.post('v3/Friend/List').json();
    await flush();
    const [again, other] = [client.post('v3/Friend/List').json(), client.post('v3/User/ShowSelf').json()];
    const results = await drive(Promise.all([first, again, other]));
    expect(results.every((result) => result.isOk())).toBe(true);
    const list = seen.filter((entry) => entry.path.endsWith('Friend/List'));
    expect(list).toHaveLength(3);
    // Nothing reached the paused bucket before the moment the service named.
    expect(list.slice(1).every((entry) => entry.at - start >= 4_000)).toBe(true);
    expect(seen.find((entry) => entry.path.endsWith('ShowSelf'))?.at).toBe(start);
  });

  it('calls given the same rateLimitKey share a bucket across paths', async () => {
    const responder = counted(sequence([serviceError('coral', 9437, { retryAfter: 3_600 }), serviceSuccess('coral', {})]));
    const client = createCoralClient({ prefix: coral.base, fetch: fetchFrom(responder) });
    const first = errorOf(await client.post('v3/Friend/List', { rateLimitKey: 'friends' }).json());
    expect(first).toMatchObject({ category: 'rate-limited', retryAfterMs: 3_600_000 });
    const other = errorOf(await client.post('v3/Friend/Show', { rateLimitKey: 'friends' }).json());
    expect(other).toMatchObject({ category: 'rate-limited', attempts: 0 });
    expect(responder.sent()).toBe(1);
    expect((await drive(client.post('v3/Friend/Show').json())).isOk()).toBe(true);
  });
});

describe('a hint longer than maxRetryAfter', () => {
  it('ends a maintenance call at once with the hint, and holds the gate closed for the whole of it', async () => {
    const fake = counted(maintenanceWindow({ service: 'coral', durationMs: 3_600_000, retryAfterSeconds: 600 }));
    const { client, giveUps } = clientOn(coral, fake);
    // Awaited without moving fake time: the call waits for nothing.
    const error = errorOf(await read(coral, client));
    expect(error).toMatchObject({ category: 'maintenance', retryAfterMs: 600_000, attempts: 1 });
    expect(giveUps.map((event) => event.reason)).toEqual(['retry-after']);
    const later = errorOf(await read(coral, client));
    expect(later).toMatchObject({ category: 'maintenance', attempts: 0 });
    expect(later.retryAfterMs).toBeGreaterThan(590_000);
    expect(fake.sent()).toBe(1);
  });
});

describe('token renewal', () => {
  it('renews once even with limit 0', async () => {
    const fake = expiringToken({ service: 'coral', validTokens: ['fresh'] }, () => serviceSuccess('coral', { ok: 1 }));
    const refreshToken = vi.fn(() => Promise.resolve('fresh'));
    const client = createCoralClient({ prefix: coral.base, fetch: fetchFrom(fake), retry: { limit: 0 }, auth: { getToken: () => 'stale', refreshToken } });
    const result = await drive(client.post('v3/Friend/List').json());
    expect(result.isOk() && result.value).toEqual({ ok: 1 });
    expect(refreshToken).toHaveBeenCalledTimes(1);
  });

  it('renews once after the retries used the limit (502, 502, 9404)', async () => {
    let token = 'stale';
    const answers = [
      () => new Response('<html>Bad Gateway</html>', { status: 502 }),
      () => new Response('<html>Bad Gateway</html>', { status: 502 }),
      () => serviceError('coral', 9404),
    ];
    let sent = 0;
    const responder: Responder = (request) => {
      sent += 1;
      const next = answers.shift();
      if (next !== undefined) return next();
      return request.headers.get('authorization') === 'Bearer fresh' ? serviceSuccess('coral', { ok: 2 }) : serviceError('coral', 9404);
    };
    const client = createCoralClient({
      prefix: coral.base,
      fetch: fetchFrom(responder),
      retry: { limit: 2 },
      auth: { getToken: () => token, refreshToken: () => Promise.resolve((token = 'fresh')) },
    });
    const result = await drive(client.post('v3/Friend/List').json());
    expect(result.isOk() && result.value).toEqual({ ok: 2 });
    expect(sent).toBe(4);
  });

  it('after a renewal that did not help, the error says renewing again will not', async () => {
    const fake = expiringToken({ service: 'coral', validTokens: [] });
    const refreshes: RefreshEvent[] = [];
    const giveUps: GiveUpEvent[] = [];
    let issued = 0;
    const client = createCoralClient({
      prefix: coral.base,
      fetch: fetchFrom(fake),
      auth: { getToken: () => 'stale', refreshToken: () => Promise.resolve(`renewed-${String(++issued)}`) },
      onRefresh: (event) => refreshes.push(event),
      onGiveUp: (event) => giveUps.push(event),
    });
    const error = errorOf(await drive(client.post('v3/Friend/List').json()));
    expect(error).toMatchObject({ category: 'token-expired', retry: 'never', retryable: false, attempts: 2 });
    expect(error.details?.['renewal']).toBe('did-not-help');
    expect(error.description).toContain('renewing again will not help');
    expect(giveUps.map((event) => event.reason)).toEqual(['refresh']);
    expect(issued).toBe(1);
  });

  it(`calls a transiently failing refreshToken ${String(RENEWAL_ATTEMPTS)} times for one rejected token, shared by every waiting call`, async () => {
    const fake = expiringToken({ service: 'lobby', validTokens: ['fresh'] });
    const refreshToken = vi.fn(() => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })));
    const client = createClient({ service: 'lobby', prefix: lobby.base, fetch: fetchFrom(fake), auth: { getToken: () => 'stale', refreshToken } });
    const results = await drive(Promise.all(Array.from({ length: 10 }, () => client.get('lobbies/l-1').json())));
    expect(results.map((result) => errorOf(result).category)).toEqual(Array.from({ length: 10 }, () => 'network'));
    expect(refreshToken).toHaveBeenCalledTimes(RENEWAL_ATTEMPTS);
    expect(RENEWAL_ATTEMPTS).toBe(2);
  });
});

describe('every await is bounded by the call\'s signal and deadline', () => {
  const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

  it.each(FIXTURES.filter((fixture) => fixture.expires))('$service: a getToken that never resolves ends at the call\'s abort, the client\'s abort and maxRetryTime', async (fixture) => {
    const fake = counted(() => fixture.success({}));
    const auth = { getToken: never<string>, refreshToken: () => Promise.resolve('x') };
    const call = new AbortController();
    const { client } = clientOn(fixture, fake, { auth });
    const pending = read(fixture, client, call.signal);
    await flush();
    call.abort();
    expect(errorOf(await drive(pending)).category).toBe('cancelled');

    const whole = new AbortController();
    const aborted = clientOn(fixture, fake, { auth, signal: whole.signal }).client;
    const second = read(fixture, aborted);
    await flush();
    whole.abort();
    expect(errorOf(await drive(second)).category).toBe('cancelled');

    const timed = clientOn(fixture, fake, { auth, retry: { maxRetryTime: 5_000 } }).client;
    const third = errorOf(await drive(read(fixture, timed)));
    expect(third.category).toBe('timeout');
    expect(third.elapsedMs).toBe(5_000);
    expect(fake.sent()).toBe(0);
  });

  it('withRetry: a getToken that never resolves ends at abort and at maxRetryTime', async () => {
    const operation = vi.fn(() => Promise.resolve('done'));
    const auth = { getToken: never<string>, refreshToken: () => Promise.resolve('x') };
    const controller = new AbortController();
    const pending = withRetry(operation, { service: 'nex', auth, signal: controller.signal });
    await flush();
    controller.abort();
    const cancelled = await drive(pending);
    expect(cancelled.isErr() && cancelled.error.category).toBe('cancelled');
    const timed = await drive(withRetry(operation, { service: 'nex', auth, retry: { maxRetryTime: 3_000 } }));
    expect(timed.isErr() && timed.error.category).toBe('timeout');
    expect(operation).not.toHaveBeenCalled();
  });

  it('a refreshToken that never resolves ends every waiting call at abort and at its deadline', async () => {
    const fake = expiringToken({ service: 'coral', validTokens: ['fresh'] });
    const auth = { getToken: () => 'stale', refreshToken: never<string> };
    const controller = new AbortController();
    const client = createCoralClient({ prefix: coral.base, fetch: fetchFrom(fake), auth, retry: { maxRetryTime: 4_000 } });
    const aborted = client.post('v3/Friend/List', { signal: controller.signal }).json();
    const timed = client.post('v3/Friend/List').json();
    await flush();
    controller.abort();
    expect(errorOf(await drive(aborted)).category).toBe('cancelled');
    const error = errorOf(await drive(timed));
    expect(error.category).toBe('timeout');
    expect(error.elapsedMs).toBe(4_000);
  });

  it('a withRetry attempt that ignores its signal ends at abort and at maxRetryTime, its late result dropped', async () => {
    let finish: (value: string) => void = () => undefined;
    const deaf = (): Promise<string> => new Promise<string>((resolve) => { finish = resolve; });
    const controller = new AbortController();
    const pending = withRetry(deaf, { service: 'msnp', signal: controller.signal });
    await flush();
    controller.abort();
    const result = await drive(pending);
    finish('too late');
    await flush();
    expect(result.isErr() && result.error.category).toBe('cancelled');
    const timed = await drive(withRetry(deaf, { service: 'msnp', retry: { maxRetryTime: 2_000 } }));
    expect(timed.isErr() && [timed.error.category, timed.error.elapsedMs]).toEqual(['timeout', 2_000]);
  });

  it('a custom fetch that ignores its signal ends at the abort, and its late answer is dropped', async () => {
    let answer: (response: Response) => void = () => undefined;
    const deaf = (): Promise<Response> => new Promise<Response>((resolve) => { answer = resolve; });
    const controller = new AbortController();
    const client = createClient({ service: 'lobby', prefix: lobby.base, fetch: deaf, timeout: false });
    const pending = client.get('lobbies/l-1', { signal: controller.signal }).json();
    await flush();
    controller.abort();
    const result = await drive(pending);
    answer(serviceSuccess('lobby', { late: true }));
    await flush();
    expect(errorOf(result).category).toBe('cancelled');
    const timed = createClient({ service: 'lobby', prefix: lobby.base, fetch: deaf, timeout: false, retry: { maxRetryTime: 3_000 } });
    const error = errorOf(await drive(timed.get('lobbies/l-1').json()));
    expect([error.category, error.elapsedMs]).toEqual(['timeout', 3_000]);
  });

  it('a call released from the gate ends at the abort during its spread delay', async () => {
    const scope = createRetryScope({ gateSpreadMs: 60_000 });
    const fake = maintenanceWindow({ service: 'coral', durationMs: 1_000, retryAfterSeconds: 1 }, () => serviceSuccess('coral', {}));
    const client = createCoralClient({ prefix: coral.base, fetch: fetchFrom(fake), scope, retry: { maxRetryTime: 120_000 } });
    const controllers = Array.from({ length: 20 }, () => new AbortController());
    const calls = controllers.map((controller) => client.post('v3/Friend/List', { signal: controller.signal }).json());
    await vi.advanceTimersByTimeAsync(1_100);
    // The probe answered; the others sit in their spread delay, up to a minute long.
    controllers.forEach((controller) => { controller.abort(); });
    const results = await Promise.all(calls);
    const categories = results.map((result) => (result.isOk() ? 'ok' : result.error.category));
    expect(categories.filter((category) => category === 'cancelled').length).toBeGreaterThanOrEqual(15);
    expect(categories.every((category) => category === 'cancelled' || category === 'ok')).toBe(true);
  });
});
