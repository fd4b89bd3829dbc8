import { describe, expect, it, vi } from 'vitest';
import { mswServer } from './msw-server.ts';
import { http } from 'msw';
import { companionQueue, expiringToken, networkError, sequence, serviceError, serviceSuccess, toResolver, truncatedResponse } from '../src/testing/index.ts';
import { toHandler } from '../src/testing/msw.ts';

const LOBBY = 'https://lobby.services.api.unity.com/v1';
const CORAL = 'https://api-lp1.znc.srv.nintendo.net';
const COMPANION = 'https://companion.finalfantasyxiv.com/sight-v060/sight';

const server = mswServer();


describe('toResolver with msw\'s own http', () => {
  it('answers through the handler msw built, with the fake\'s status, headers and body', async () => {
    server.use(http.post(`${LOBBY}/lobbies/:id/join`, toResolver(() => serviceError('lobby', 'LobbyFull'))));
    const response = await fetch(`${LOBBY}/lobbies/l-1/join`, { method: 'POST' });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 16004 });
  });

  it('hands the fake the real request, and answers 500 when the fake throws', async () => {
    const fake = expiringToken({ service: 'coral', validTokens: ['fresh'] }, () => serviceSuccess('coral', { friends: [] }));
    server.use(
      http.post(`${CORAL}/v3/Friend/List`, toResolver(fake)),
      http.get(
        `${LOBBY}/broken`,
        toResolver(() => {
          throw new Error('bug in a fake');
        }),
      ),
    );
    await fetch(`${CORAL}/v3/Friend/List`, { method: 'POST', headers: { authorization: 'Bearer stale' } });
    const renewed = await fetch(`${CORAL}/v3/Friend/List`, { method: 'POST', headers: { authorization: 'Bearer fresh' } });
    expect(await renewed.json()).toMatchObject({ status: 0, result: { friends: [] } });
    expect(fake.presented).toEqual(['stale', 'fresh']);
    const broken = await fetch(`${LOBBY}/broken`);
    expect(broken.status).toBe(500);
    expect(await broken.text()).toContain('bug in a fake');
  });

  it('turns networkError() into a fetch rejection', async () => {
    server.use(http.get(`${LOBBY}/lobbies`, toResolver(() => networkError())));
    await expect(fetch(`${LOBBY}/lobbies`)).rejects.toThrow(TypeError);
  });
});

describe('toHandler under msw setupServer', () => {
  it('answers a matching request with the responder, params and all', async () => {
    server.use(toHandler('post', `${LOBBY}/lobbies/:id/join`, () => serviceError('lobby', 16004)));
    const response = await fetch(`${LOBBY}/lobbies/abc/join`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 16004, status: 403, title: 'Forbidden' });
  });

  it('accepts the method in either case, and all', async () => {
    server.use(toHandler('GET', `${CORAL}/v3/User/ShowSelf`, () => serviceSuccess('coral', { id: 1 })), toHandler('all', `${CORAL}/any`, () => serviceSuccess('coral', {})));
    expect(await (await fetch(`${CORAL}/v3/User/ShowSelf`)).json()).toMatchObject({ status: 0, result: { id: 1 } });
    expect((await fetch(`${CORAL}/any`, { method: 'DELETE' })).status).toBe(200);
  });

  it('matches a method msw has no shortcut for', async () => {
    server.use(toHandler('PROPFIND' as 'get', `${LOBBY}/dav`, () => serviceSuccess('lobby', { dav: true })));
    expect(await (await fetch(`${LOBBY}/dav`, { method: 'PROPFIND' })).json()).toEqual({ dav: true });
  });

  it('turns networkError() into a fetch rejection, never a thrown resolver', async () => {
    server.use(toHandler('get', `${LOBBY}/lobbies`, () => networkError()));
    await expect(fetch(`${LOBBY}/lobbies`)).rejects.toThrow(TypeError);
  });

  it('delivers a truncated body that fails while being read', async () => {
    server.use(toHandler('get', `${CORAL}/v3/Friend/List`, () => truncatedResponse('{"status":0,"result":{"friends":[1,2,3]}}', { status: 200, headers: { 'content-type': 'application/json' } })));
    const response = await fetch(`${CORAL}/v3/Friend/List`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('answers 500 when a responder throws, instead of throwing inside msw', async () => {
    server.use(
      toHandler('get', `${LOBBY}/broken`, () => {
        throw new Error('bug in a fake');
      }),
    );
    const response = await fetch(`${LOBBY}/broken`);
    expect(response.status).toBe(500);
    expect(response.headers.get('x-extralife-testing')).toBe('responder-threw');
    expect(await response.text()).toContain('bug in a fake');
  });

  it('sees the real request headers: token refresh through a scenario', async () => {
    const fake = expiringToken({ service: 'companion', validTokens: ['fresh'] }, () => serviceSuccess('companion', { ok: true }));
    server.use(toHandler('get', `${COMPANION}/market/items/:id`, fake));
    const stale = await fetch(`${COMPANION}/market/items/5`, { headers: { token: 'stale' } });
    expect(stale.status).toBe(401);
    expect(await stale.text()).toContain('111001');
    expect((await fetch(`${COMPANION}/market/items/5`, { headers: { token: 'fresh' } })).status).toBe(200);
    expect(fake.presented).toEqual(['stale', 'fresh']);
  });

  it('queues Companion requests by request-id', async () => {
    server.use(toHandler('get', `${COMPANION}/character/worlds`, companionQueue({ pollsBeforeReady: 1 }, () => serviceSuccess('companion', { worlds: [] }))));
    const poll = (): Promise<Response> => fetch(`${COMPANION}/character/worlds`, { headers: { 'request-id': 'r-1' } });
    expect((await poll()).status).toBe(202);
    expect(await (await poll()).json()).toEqual({ worlds: [] });
  });

  it('scripts answers across requests with sequence', async () => {
    server.use(toHandler('post', `${LOBBY}/lobbies/quickjoin`, sequence([serviceError('lobby', 50, { retryAfter: 2 }), serviceSuccess('lobby', { id: 'l-1' })])));
    const first = await fetch(`${LOBBY}/lobbies/quickjoin`, { method: 'POST' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(await (await fetch(`${LOBBY}/lobbies/quickjoin`, { method: 'POST' })).json()).toEqual({ id: 'l-1' });
  });

  it('leaves other requests unhandled, which onUnhandledFrame error turns into a failure', async () => {
    const report = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    server.use(toHandler('get', `${LOBBY}/only-this`, () => serviceSuccess('lobby', {})));
    await expect(fetch(`${LOBBY}/something-else`)).rejects.toThrow();
    expect(String(report.mock.calls[0]?.[0])).toContain('without a matching request handler');
  });
});
