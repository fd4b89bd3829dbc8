import ky, { HTTPError, NetworkError, TimeoutError } from 'ky';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { HttpAdapter } from '../src/core/adapter.ts';
import type { HttpService } from '../src/core/service.ts';
import { companionAdapter } from '../src/services/companion/adapter.ts';
import { coralAdapter } from '../src/services/coral/adapter.ts';
import { lobbyAdapter } from '../src/services/lobby/adapter.ts';
import { platformAdapter } from '../src/services/platform/adapter.ts';
import { mswServer } from './msw-server.ts';

const CORAL = 'https://api-lp1.znc.srv.nintendo.net';
const LOBBY = 'https://lobby.services.api.unity.com/v1';
const COMPANION = 'https://companion.finalfantasyxiv.com/sight-v060/sight';
const PLATFORM = 'https://gameapi.kakaogames.test/v3';

mswServer(
  http.post(`${CORAL}/v3/User/ShowSelf`, () => HttpResponse.json({ status: 9403, errorMessage: 'Invalid token.', correlationId: 'abc-123' }, { status: 401 })),
  http.get(`${CORAL}/v3/Friend/List`, () => new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } })),
  http.post(`${LOBBY}/lobbies/quickjoin`, () =>
    HttpResponse.json(
      { title: 'Too Many Requests', status: 429, code: 50, detail: 'Rate limit exceeded', requestId: 'req-1' },
      { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '10' } },
    )),
  http.get(`${LOBBY}/lobbies/abc`, () => new HttpResponse(null, { status: 503 })),
  http.get(`${COMPANION}/market/items/catalog/5`, () => new HttpResponse('Under Maintenance', { status: 503, headers: { 'content-type': 'text/plain' } })),
  http.post(`${PLATFORM}/login`, () => HttpResponse.json({ code: 4010, desc: 'IdpAuthFailure', message: 'idp rejected' }, { status: 400 })),
  http.get(`${LOBBY}/down`, () => HttpResponse.error()),
);


async function thrown(request: Promise<unknown>): Promise<unknown> {
  try {
    await request;
  } catch (error) {
    return error;
  }
  throw new Error('the request did not fail');
}

describe("ky's HTTPError, with the body already read into data", () => {
  it('reads a Coral JSON body from a non-2xx answer', async () => {
    const error = await thrown(ky.post(`${CORAL}/v3/User/ShowSelf`, { retry: 0, json: {} }).json());
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).data).toEqual({ status: 9403, errorMessage: 'Invalid token.', correlationId: 'abc-123' });
    const classified = coralAdapter.classify(error);
    expect(classified).toMatchObject({ code: '9403', codeName: 'INVALID_TOKEN', category: 'unauthenticated', status: 401 });
    expect(classified.details).toMatchObject({ correlationId: 'abc-123', request: { method: 'POST', url: `${CORAL}/v3/User/ShowSelf` } });
    expect(classified.cause).toBeInstanceOf(Error);
  });

  it("reads a proxy's HTML page", async () => {
    const error = await thrown(ky.get(`${CORAL}/v3/Friend/List`, { retry: 0 }).json());
    expect(coralAdapter.classify(error)).toMatchObject({ code: '502', category: 'unavailable', retry: 'backoff' });
  });

  it('reads a Lobby 429 with its Retry-After', async () => {
    const error = await thrown(ky.post(`${LOBBY}/lobbies/quickjoin`, { retry: 0, json: {} }).json());
    expect(lobbyAdapter.classify(error)).toMatchObject({ code: '16429', category: 'rate-limited', retryAfterMs: 10_000, status: 429, details: { commonCode: 50, requestId: 'req-1' } });
  });

  it('reads a Lobby 503 with no body as 16503', async () => {
    const error = await thrown(ky.get(`${LOBBY}/lobbies/abc`, { retry: 0 }).json());
    expect(lobbyAdapter.classify(error)).toMatchObject({ code: '16503', category: 'unavailable', status: 503 });
  });

  it('reads Companion maintenance', async () => {
    const error = await thrown(ky.get(`${COMPANION}/market/items/catalog/5`, { retry: 0 }).json());
    expect(companionAdapter.classify(error)).toMatchObject({ code: '100000', category: 'maintenance', status: 503 });
  });

  it('reads a platform KGResult body', async () => {
    const error = await thrown(ky.post(`${PLATFORM}/login`, { retry: 0, json: {} }).json());
    expect(platformAdapter.classify(error)).toMatchObject({ code: '4010', codeName: 'IdpAuthFailure', status: 400, details: { desc: 'IdpAuthFailure' } });
  });

  it('reads a constructed HTTPError, whatever its data', () => {
    const request = new Request(`${LOBBY}/lobbies/xyz/join`, { method: 'POST' });
    const error = new HTTPError(new Response(null, { status: 404 }), request, {} as never);
    error.data = { code: 16001, title: 'Not Found', status: 404 };
    expect(lobbyAdapter.classify(error)).toMatchObject({ code: '16001', codeName: 'LobbyNotFound', details: { request: { method: 'POST' } } });
    error.data = undefined;
    expect(lobbyAdapter.classify(error)).toMatchObject({ code: '16404', category: 'not-found' });
    error.data = '{"code": 16004, "title": "Forbidden"';
    expect(lobbyAdapter.classify(error)).toMatchObject({ code: '16004', codeName: 'LobbyFull' });
  });

  it('does not read the spent response body again', () => {
    const response = new Response('{"code": 16002}', { status: 404 });
    const error = new HTTPError(response, new Request(`${LOBBY}/x`), {} as never);
    error.data = { code: 16001 };
    expect(lobbyAdapter.classify(error).code).toBe('16001');
    expect(response.bodyUsed).toBe(false);
  });

  it('takes the HTTP request from the context over the one on the error', () => {
    const error = new HTTPError(new Response(null, { status: 500 }), new Request(`${LOBBY}/a`), {} as never);
    const classified = lobbyAdapter.classify(error, { request: { method: 'GET', url: `${LOBBY}/b` } });
    expect(classified.details).toMatchObject({ request: { method: 'GET', url: `${LOBBY}/b` } });
  });
});

const adapters: readonly (readonly [HttpService, HttpAdapter<HttpService>])[] = [
  ['coral', coralAdapter],
  ['companion', companionAdapter],
  ['platform', platformAdapter],
  ['lobby', lobbyAdapter],
];

describe.each(adapters)('%s: thrown values', (service, adapter) => {
  it("reads ky's NetworkError from a failed fetch as network", async () => {
    const error = await thrown(ky.get(`${LOBBY}/down`, { retry: 0 }).json());
    expect(error).toBeInstanceOf(NetworkError);
    expect(adapter.classify(error)).toMatchObject({ service, code: 'NETWORK', category: 'network', retry: 'backoff' });
  });

  it("reads ky's TimeoutError as timeout", () => {
    const error = new TimeoutError(new Request(`${LOBBY}/slow`));
    expect(adapter.classify(error)).toMatchObject({ code: 'TIMEOUT', category: 'timeout', retry: 'backoff' });
  });

  it.each([
    ['ECONNREFUSED', 'network', true],
    ['ECONNRESET', 'network', false],
    ['ENOTFOUND', 'network', true],
    ['UND_ERR_SOCKET', 'network', false],
    ['ETIMEDOUT', 'timeout', false],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', true],
  ] as const)('reads a fetch TypeError caused by %s as %s', (errno, category, notSent) => {
    const cause = Object.assign(new Error(`connect ${errno} 127.0.0.1:443`), { code: errno });
    const error = adapter.classify(new TypeError('fetch failed', { cause }));
    expect(error).toMatchObject({ category, details: { errno, notSent } });
  });

  it('reads AbortError as cancelled and a timeout abort as timeout', () => {
    expect(adapter.classify(new DOMException('This operation was aborted', 'AbortError'))).toMatchObject({ code: 'CANCELLED', category: 'cancelled', retry: 'never' });
    expect(adapter.classify(new DOMException('The operation timed out.', 'TimeoutError'))).toMatchObject({ code: 'TIMEOUT', category: 'timeout' });
    const controller = new AbortController();
    controller.abort();
    expect(adapter.classify(controller.signal.reason)).toMatchObject({ category: 'cancelled' });
  });

  it('reads what carries nothing as unknown, keeping it', () => {
    for (const raw of [undefined, null, true, Symbol('x'), 10n, new Error('boom'), [], () => 1, 'no code in this text']) {
      const error = adapter.classify(raw);
      expect(error).toMatchObject({ service, code: 'UNKNOWN', category: 'unknown', retry: 'never', retryable: false });
    }
    expect(adapter.classify(new Error('boom')).cause).toMatchObject({ message: 'boom' });
  });
});
