import type { Result } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../src/create-client.ts';
import type { ClientOptions } from '../src/client/types.ts';
import { GameServiceError } from '../src/core/error.ts';
import type { HttpService } from '../src/core/service.ts';
import type { GiveUpEvent } from '../src/retry/events.ts';
import { expiringToken, sequence, serviceError, type Responder } from '../src/testing/index.ts';
import { toHandler } from '../src/testing/msw.ts';
import { badGatewayPage, coral, drive, lobby, recording, type ServiceFixture } from './client-support.ts';
import { mswServer } from './msw-server.ts';

const server = mswServer();

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function serve(fixture: ServiceFixture, responder: Responder): void {
  server.use(toHandler('all', `${fixture.base}/*`, responder));
}

function errorOf<S extends HttpService>(result: Result<unknown, GameServiceError<S>>): GameServiceError<S> {
  if (result.isOk()) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const lobbyClient = (options: Omit<ClientOptions<'lobby'>, 'service'> = {}) => createClient({ service: 'lobby', prefix: lobby.base, ...options });

describe('createClient: a mistake in the options gives a client whose every call names it, never a throw', () => {
  const refreshToken = () => Promise.resolve('x');
  it.each<[string, unknown]>([
    ['options must be an object', undefined],
    ['service must be one of coral, companion, platform, lobby, got undefined', {}],
    ['service must be one of coral, companion, platform, lobby, got "nex"', { service: 'nex' }],
    ['service must be one of', { service: 'xbox-live' }],
    ['auth.getToken must be a function', { service: 'lobby', auth: { refreshToken } }],
    ['auth.refreshToken must be a function', { service: 'lobby', auth: { getToken: () => 't' } }],
    ['auth.header must be a non-empty string', { service: 'lobby', auth: { getToken: () => 't', refreshToken, header: '' } }],
    ['retry.limit must be a non-negative integer', { service: 'lobby', retry: { limit: -1 } }],
    ['retry.maxRetryAfter must be', { service: 'lobby', retry: { maxRetryAfter: -5 } }],
    ['retry.budget.capacity must be', { service: 'lobby', retry: { budget: { capacity: -1 } } }],
    ['retry.gateSpreadMs must be', { service: 'lobby', retry: { gateSpreadMs: Number.NaN } }],
    ['retry.maxRetries is not a retry option; the options are limit, maxRetryTime', { service: 'lobby', retry: { maxRetries: 5 } }],
    ['retry.budget.cost is not a budget option', { service: 'lobby', retry: { budget: { cost: 1 } } }],
    ['poll.limit must be a non-negative integer', { service: 'companion', poll: { limit: 1.5 } }],
    ['onRetry must be a function', { service: 'lobby', onRetry: 'log' }],
    ['signal must be an AbortSignal', { service: 'lobby', signal: {} }],
  ])('%s', async (message, options) => {
    const client = createClient(options as ClientOptions);
    for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head'] as const) {
      const error = errorOf(await client[method]('lobbies/l-1').json());
      expect(error).toBeInstanceOf(GameServiceError);
      expect(error.category).toBe('invalid-request');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(message);
    }
    expect(errorOf(await client.get('x').text()).message).toContain(message);
  });

  it('names an unknown service as it was given, as classify does', async () => {
    const client = createClient({ service: 'xbox-live' } as unknown as ClientOptions);
    expect(client.service).toBe('xbox-live');
    expect(errorOf(await client.get('x').json()).service).toBe('xbox-live');
  });
});

describe('a call with bad options gives an invalid-request error, never a throw', () => {
  it.each<[string, () => PromiseLike<Result<unknown, GameServiceError<'lobby'>>>]>([
    ['retry.limit', () => lobbyClient().get('lobbies/l-1', { retry: { limit: -2 } }).json()],
    ['retry.gateSpreadMs is not a retry option', () => lobbyClient().get('lobbies/l-1', { retry: { gateSpreadMs: 5 } } as object).json()],
    ['must be an object', () => lobbyClient().get('lobbies/l-1', null as unknown as object).json()],
    ['prefixUrl', () => lobbyClient().get('lobbies/l-1', { prefixUrl: 'https://elsewhere.test' } as object).json()],
    ['input', () => lobbyClient().get(42 as unknown as string).json()],
  ])('%s', async (message, call) => {
    const error = errorOf(await drive(call()));
    expect(error.category).toBe('invalid-request');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(message);
  });
});

describe('reading answers', () => {
  it('gives text as sent, bytes, a blob and the Response itself', async () => {
    serve(lobby, () => lobby.success({ id: 'l-1' }));
    const client = lobbyClient();
    const text = await drive(client.get('lobbies/l-1').text());
    const bytes = await drive(client.get('lobbies/l-1').arrayBuffer());
    const blob = await drive(client.get('lobbies/l-1').blob());
    const response = await drive(client.get('lobbies/l-1').response());
    expect(text._unsafeUnwrap()).toBe('{"id":"l-1"}');
    expect(new TextDecoder().decode(bytes._unsafeUnwrap())).toBe('{"id":"l-1"}');
    expect(await blob._unsafeUnwrap().text()).toBe('{"id":"l-1"}');
    expect(blob._unsafeUnwrap().type).toContain('json');
    const raw = response._unsafeUnwrap();
    expect(raw.bodyUsed).toBe(false);
    expect(await raw.json()).toEqual({ id: 'l-1' });
  });

  it('reads a Coral failure in a 200 whatever form the body is asked in', async () => {
    serve(coral, () => coral.permanent());
    const client = createClient({ service: 'coral', prefix: coral.base });
    for (const result of [await drive(client.post('v3/Friend/List').text()), await drive(client.post('v3/Friend/List').arrayBuffer()), await drive(client.post('v3/Friend/List').response())]) {
      expect(errorOf(result).code).toBe('9400');
    }
  });

  it('gives undefined for an empty body, and a JSON scalar as itself', async () => {
    server.use(
      toHandler('delete', `${lobby.base}/lobbies/l-1`, () => new Response(null, { status: 204 })),
      toHandler('get', `${lobby.base}/lobbies/count`, () => new Response('3', { status: 200, headers: { 'content-type': 'application/json' } })),
    );
    const client = lobbyClient();
    expect((await drive(client.delete('lobbies/l-1').json()))._unsafeUnwrap()).toBeUndefined();
    expect((await drive(client.get('lobbies/count').json()))._unsafeUnwrap()).toBe(3);
  });

  it('reports a success whose body is not the JSON asked for', async () => {
    serve(lobby, () => new Response('<html>ok</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const error = errorOf(await drive(lobbyClient().get('lobbies/l-1').json()));
    expect(error.category).toBe('unknown');
    expect(error.description).toContain('not the JSON');
  });

  it('sends HEAD and reads its empty answer', async () => {
    const fake = recording(() => new Response(null, { status: 200 }));
    serve(lobby, fake);
    expect((await drive(lobbyClient().head('lobbies/l-1').text()))._unsafeUnwrap()).toBe('');
    expect(fake.seen[0]?.method).toBe('HEAD');
  });
});

describe('ky options pass through', () => {
  it('sends searchParams, headers and json, and runs hooks', async () => {
    const fake = recording(() => lobby.success({}));
    serve(lobby, fake);
    const seenByHook: string[] = [];
    const client = lobbyClient({
      headers: { 'x-client': 'game-tool/1.0' },
      hooks: { beforeRequest: [({ request }) => { seenByHook.push(request.url); }] },
    });
    await drive(client.post('lobbies/query', { json: { count: 5 }, searchParams: { page: 2 }, headers: { 'x-call': 'yes' } }).json());
    expect(seenByHook).toEqual([`${lobby.base}/lobbies/query?page=2`]);
    expect(fake.seen[0]?.headers.get('x-client')).toBe('game-tool/1.0');
    expect(fake.seen[0]?.headers.get('x-call')).toBe('yes');
    expect(fake.seen[0]?.headers.get('content-type')).toBe('application/json');
    expect(fake.seen[0]?.headers.get('accept')).toBe('application/json');
  });

  it('sends Accept: application/json with .json(), keeping an Accept the client or the call set, as ky\'s json() does', async () => {
    const fake = recording(() => lobby.success({}));
    serve(lobby, fake);
    await drive(lobbyClient().get('lobbies/l-1').json());
    await drive(lobbyClient({ headers: { accept: 'application/vnd.lobby+json' } }).get('lobbies/l-1').json());
    await drive(lobbyClient().get('lobbies/l-1', { headers: { Accept: 'application/vnd.call+json' } }).json());
    await drive(lobbyClient().get('lobbies/l-1').text());
    expect(fake.seen.map((request) => request.headers.get('accept'))).toEqual(['application/json', 'application/vnd.lobby+json', 'application/vnd.call+json', '*/*']);
  });

  it('masks secret headers set on the client when the service echoes them back', async () => {
    serve(lobby, (request) => new Response(JSON.stringify({ status: 400, code: 16000, title: 'Bad Request', detail: `bad header ${request.headers.get('x-api-key') ?? ''}` }), { status: 400, headers: { 'content-type': 'application/problem+json' } }));
    const error = errorOf(await drive(lobbyClient({ headers: { 'x-api-key': 'k-5f3c9a71e2' } }).get('lobbies/l-1').json()));
    expect(error.code).toBe('16000');
    expect(JSON.stringify(error)).not.toContain('k-5f3c9a71e2');
  });
});

describe('how each call may be retried', () => {
  it('honours idempotent: false on a GET and idempotent: true on a POST', async () => {
    const fake = recording(sequence([badGatewayPage(), lobby.success({})]));
    serve(lobby, fake);
    const client = lobbyClient();
    expect(errorOf(await drive(client.get('lobbies/l-1', { idempotent: false }).json())).attempts).toBe(1);
    const fresh = recording(sequence([badGatewayPage(), lobby.success({ joined: true })]));
    serve(lobby, fresh);
    expect((await drive(client.post('lobbies/quickjoin', { idempotent: true }).json()))._unsafeUnwrap()).toEqual({ joined: true });
  });

  it('treats Lobby\'s query and Coral\'s reads as safe to repeat, unlike quick-join', async () => {
    serve(lobby, sequence([badGatewayPage(), lobby.success({ results: [] })], { then: () => lobby.success({}) }));
    expect((await drive(lobbyClient().post('lobbies/query').json())).isOk()).toBe(true);
    serve(lobby, sequence([badGatewayPage(), lobby.success({})]));
    expect(errorOf(await drive(lobbyClient().post('lobbies/quickjoin').json())).category).toBe('unavailable');
  });

  it('takes a per-call retry limit', async () => {
    const fake = recording(() => badGatewayPage());
    serve(lobby, fake);
    expect(errorOf(await drive(lobbyClient().get('lobbies/l-1', { retry: { limit: 0 } }).json())).attempts).toBe(1);
    expect(fake.seen).toHaveLength(1);
  });

  it('follows Retry-After on a 503 as well', async () => {
    serve(lobby, sequence([serviceError('lobby', 3, { retryAfter: 7 }), lobby.success({})]));
    const delays: number[] = [];
    await drive(lobbyClient({ onRetry: (event) => delays.push(event.delayMs) }).get('lobbies/l-1').json());
    expect(delays).toEqual([7_000]);
  });
});

describe('tokens', () => {
  it('renews once only: a call rejected again after renewing ends with the expired token', async () => {
    serve(lobby, expiringToken({ service: 'lobby', validTokens: [] }));
    const refreshToken = vi.fn(() => Promise.resolve('also-rejected'));
    const giveUps: GiveUpEvent<'lobby'>[] = [];
    const error = errorOf(await drive(lobbyClient({ auth: { getToken: () => 'first-token', refreshToken }, onGiveUp: (event) => giveUps.push(event) }).get('lobbies/l-1').json()));
    expect(error.category).toBe('token-expired');
    expect(error.attempts).toBe(2);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(giveUps[0]?.reason).toBe('refresh');
  });

  it('does not retry an expired token without auth to renew it', async () => {
    const fake = recording(expiringToken({ service: 'lobby', validTokens: [] }));
    serve(lobby, fake);
    const error = errorOf(await drive(lobbyClient({ headers: { authorization: 'Bearer fixed-token-123' } }).get('lobbies/l-1').json()));
    expect(error.category).toBe('token-expired');
    expect(fake.seen).toHaveLength(1);
  });

  it('classifies a getToken that fails, and one that gives no token', async () => {
    serve(lobby, () => lobby.success({}));
    const failing = lobbyClient({ auth: { getToken: () => Promise.reject(new Error('keychain locked')), refreshToken: () => Promise.resolve('x') } });
    const empty = lobbyClient({ auth: { getToken: () => '', refreshToken: () => Promise.resolve('x') } });
    expect(errorOf(await drive(failing.get('lobbies/l-1').json())).category).toBe('unknown');
    const misuse = errorOf(await drive(empty.get('lobbies/l-1').json()));
    expect(misuse.category).toBe('invalid-request');
    expect(misuse.description).toContain('getToken');
  });
});

describe('the call\'s time bounds every part of it', () => {
  it('ends an attempt that never answers at maxRetryTime, even with ky\'s timeout off', async () => {
    serve(lobby, () => new Promise<Response>(() => undefined));
    const error = errorOf(await drive(lobbyClient({ timeout: false, retry: { maxRetryTime: 5_000 } }).get('lobbies/l-1').json()));
    expect(error.category).toBe('timeout');
    expect(error.attempts).toBe(1);
  });

  it('ends at maxRetryTime an attempt held by a ky hook that never settles, which ky\'s own timeout does not cover', async () => {
    const fake = recording(() => lobby.success({}));
    serve(lobby, fake);
    const client = lobbyClient({ retry: { maxRetryTime: 300 }, hooks: { beforeRequest: [() => new Promise<undefined>(() => undefined)] } });
    const error = errorOf(await drive(client.get('lobbies/l-1').json()));
    expect([error.category, error.attempts, fake.seen.length]).toEqual(['timeout', 1, 0]);
  });

  it('reads the whole body of a Response an afterResponse hook made, though it kept a stale Content-Length', async () => {
    serve(lobby, () => lobby.success({ lobby: 'l-1' }));
    const remade = (): Response => new Response(new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"lobby":'));
        controller.enqueue(new TextEncoder().encode('"l-1","players":2}'));
        controller.close();
      },
    }), { status: 200, headers: { 'content-type': 'application/json', 'content-length': '9' } });
    const client = lobbyClient({ hooks: { afterResponse: [() => remade()] } });
    const result = await drive(client.get('lobbies/l-1').json());
    expect(result.isOk() && result.value).toEqual({ lobby: 'l-1', players: 2 });
  });

  it('reads a failure body whose characters are split across chunks', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ code: 16001, title: 'Not Found', detail: 'lobby « café » not found' }));
    const cut = bytes.indexOf(0xc3) + 1;
    serve(lobby, () => new Response(new ReadableStream({
      start(controller) {
        controller.enqueue(bytes.slice(0, cut));
        controller.enqueue(bytes.slice(cut));
        controller.close();
      },
    }), { status: 404, headers: { 'content-type': 'application/problem+json' } }));
    const error = errorOf(await drive(lobbyClient().get('lobbies/l-1').json()));
    expect(error.code).toBe('16001');
    expect(error.details?.detail).toBe('lobby « café » not found');
  });

  it('classifies a failure from the start of a body that never ends', async () => {
    serve(lobby, () => new Response(new ReadableStream({ start(controller) { controller.enqueue(new TextEncoder().encode('{"code": 16001, "title": "Not Found", "detail": "')); } }), { status: 404, headers: { 'content-type': 'application/problem+json' } }));
    const error = errorOf(await drive(lobbyClient({ timeout: 1_000 }).get('lobbies/l-1').json()));
    expect(error.code).toBe('16001');
    expect(error.attempts).toBe(1);
  });

  it('ends calls waiting on a renewal that never answers at their deadline, and lets a later call renew afresh', async () => {
    serve(lobby, expiringToken({ service: 'lobby', validTokens: ['fresh-token'] }, () => lobby.success({ ok: 1 })));
    let asked = 0;
    const client = lobbyClient({
      retry: { maxRetryTime: 2_000 },
      auth: {
        getToken: () => 'stale-token',
        refreshToken: () => (++asked === 1 ? new Promise<string>(() => undefined) : Promise.resolve('fresh-token')),
      },
    });
    const first = await drive(Promise.all(Array.from({ length: 5 }, () => client.get('lobbies/l-1').json())));
    // The renewal ran out of the call's time: that is what each waiting call reports.
    expect(first.map((result) => errorOf(result).category)).toEqual(Array.from({ length: 5 }, () => 'timeout'));
    expect(asked).toBe(1);
    const later = await drive(client.get('lobbies/l-1').json());
    expect(later._unsafeUnwrap()).toEqual({ ok: 1 });
    expect(asked).toBe(2);
  });

  it('keeps URL credentials and the token out of the error for a request that cannot be built', async () => {
    const client = createClient({ service: 'lobby', prefix: 'https://player:pa55-w0rd-x@lobby.test/v1', auth: { getToken: () => 'tok-in-path-123', refreshToken: () => Promise.resolve('x') } });
    const error = errorOf(await drive(client.get('lobbies/tok-in-path-123').json()));
    expect(error.category).toBe('invalid-request');
    const rendered = `${JSON.stringify(error)} ${error.message} ${String(error.stack)} ${String((error.cause as Error | undefined)?.stack)}`;
    expect(rendered).not.toContain('pa55-w0rd-x');
    expect(rendered).not.toContain('tok-in-path-123');
  });
});

describe('observers and signals', () => {
  it('goes on when an observer throws or rejects', async () => {
    serve(lobby, sequence([badGatewayPage(), lobby.success({ ok: 1 })]));
    const client = lobbyClient({
      onRetry: () => {
        throw new Error('logger down');
      },
      onGiveUp: () => Promise.reject(new Error('metrics down')),
    });
    expect((await drive(client.get('lobbies/l-1').json()))._unsafeUnwrap()).toEqual({ ok: 1 });
  });

  it('ends every call of a client when the client\'s signal aborts', async () => {
    serve(lobby, () => serviceError('lobby', 50, { retryAfter: 30 }));
    const controller = new AbortController();
    const client = lobbyClient({ signal: controller.signal });
    const pending = client.get('lobbies/l-1').json();
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(errorOf(await pending).category).toBe('cancelled');
    expect(errorOf(await client.get('lobbies/l-1').json()).category).toBe('cancelled');
  });

  it('reads an abort by AbortSignal.timeout as a timeout', async () => {
    // AbortSignal.timeout runs on Node's own clock, not on fake timers.
    vi.useRealTimers();
    serve(lobby, () => serviceError('lobby', 50, { retryAfter: 30 }));
    const error = errorOf(await lobbyClient().get('lobbies/l-1', { signal: AbortSignal.timeout(50) }).json());
    expect(error.category).toBe('timeout');
    expect(error.code).toBe('TIMEOUT');
  });
});
