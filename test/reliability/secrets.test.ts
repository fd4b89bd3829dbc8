import ky from 'ky';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify.ts';
import { createClient } from '../../src/create-client.ts';
import type { GameServiceError } from '../../src/core/error.ts';
import { HTTP_SERVICES, type HttpService } from '../../src/core/service.ts';
import { networkError, serviceError, serviceSuccess, truncatedResponse } from '../../src/testing/index.ts';
import { answerFor, TOKEN_EXPIRED } from '../../src/testing/scenarios/service-answers.ts';
import { contractProblems } from './contract.ts';
import { loopbackServers } from './serve.ts';
import { everyRendering } from './renderings.ts';

/** A token shaped like a real one (a JWT), and one that looks like nothing in particular. */
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGF5ZXIifQ.Zm9yZ2VkLXNpZ25hdHVyZS03ZjNh';
const PLAIN = 'qv7Lm2Xw9Rt4Kp8Zn3Bc';
const TOKENS = [JWT, PLAIN] as const;

const serve = loopbackServers();

function expectNoToken(error: GameServiceError, service: HttpService, tokens: readonly string[], where: string): void {
  expect(contractProblems(error, service), where).toEqual([]);
  const rendered = everyRendering(error);
  for (const token of tokens) expect(rendered.includes(token), `${where}: ${token.slice(0, 8)}… shown`).toBe(false);
}

/** Headers, body and text of an answer that echoes the token back everywhere it can. */
function echoingAnswer(token: string, status: number): Response {
  const body = JSON.stringify({
    code: 16_001,
    status: 9404,
    token,
    access_token: token,
    errorMessage: `token ${token} rejected; Authorization: Bearer ${token}`,
    detail: `request to /v1/x?token=${token} failed`,
    message: `sent ${token}`,
    nested: { authorization: `Bearer ${token}`, list: [token, { cookie: `sid=${token}` }] },
  });
  return new Response(body, {
    status,
    headers: {
      'content-type': 'application/json',
      'x-echo-token': token,
      'set-cookie': `session=${token}; HttpOnly`,
      'www-authenticate': `Bearer error="invalid_token", token="${token}"`,
      'retry-after': '0',
    },
  });
}

describe.each(HTTP_SERVICES)('%s: a planted token never comes back out of classify', (service) => {
  it('from a real ky HTTPError: request headers and URL, response headers and body, when the caller names the token', async () => {
    for (const token of TOKENS) {
      const origin = await serve(() => echoingAnswer(token, 401));
      const thrown = await ky
        .get(`${origin}/v1/players/${token}`, { searchParams: { token, x: '1' }, headers: { authorization: `Bearer ${token}`, 'x-api-key': token }, retry: 0 })
        .then(() => undefined, (error: unknown) => error);
      expect(thrown).toBeInstanceOf(Error);
      expectNoToken(classify(service, thrown, { secrets: [token] }), service, [token], 'ky HTTPError with secrets');
    }
  });

  it('from a real ky HTTPError, unnamed: wherever a key, header, scheme or parameter marks it secret', async () => {
    const origin = await serve(() => new Response(JSON.stringify({ code: 16_001, status: 9404, token: JWT, nested: { authorization: `Bearer ${JWT}` }, detail: `Bearer ${JWT}`, note: `access_token=${JWT}` }), {
      status: 401,
      headers: { 'content-type': 'application/json', 'set-cookie': `session=${JWT}`, authorization: `Bearer ${JWT}` },
    }));
    const thrown = await ky.get(`${origin}/v1/x`, { searchParams: { access_token: JWT }, headers: { authorization: `Bearer ${JWT}` }, retry: 0 }).then(() => undefined, (error: unknown) => error);
    expectNoToken(classify(service, thrown), service, [JWT], 'ky HTTPError without secrets');
  });

  it.each(TOKENS)('from a response snapshot, its request URL and a cause chain (%s)', (token) => {
    const snapshot = {
      status: 503,
      headers: { 'x-echo-token': token, 'set-cookie': `session=${token}`, authorization: `Bearer ${token}`, cookie: `a=${token}` },
      body: JSON.parse(echoingBody(token)) as unknown,
    };
    const context = { secrets: [token], request: { method: 'POST', url: `https://api.example.test/v1/players/${token}?token=${token}&x=1` } };
    expectNoToken(classify(service, snapshot, context), service, [token], 'snapshot');
    expectNoToken(classify(service, { ...snapshot, body: echoingBody(token) }, context), service, [token], 'snapshot with text body');
    expectNoToken(classify(service, { ...snapshot, body: `${echoingBody(token).slice(0, -5)} "broken` }, context), service, [token], 'snapshot with malformed body');
    const inner = Object.assign(new Error(`connect to https://api.example.test/?access_token=${token} failed, sent Bearer ${token}`), {
      code: 'ECONNRESET',
      request: { headers: { authorization: `Bearer ${token}` }, url: `https://api.example.test/${token}` },
    });
    const chain = new TypeError('fetch failed', { cause: new AggregateError([inner, new Error(`token=${token}`)], `all failed for ${token}`, { cause: inner }) });
    expectNoToken(classify(service, chain, context), service, [token], 'cause chain');
    expectNoToken(classify(service, `plain text that says ${token}`, context), service, [token], 'plain text');
  });

  it('from a cause chain, unnamed: wherever a scheme or parameter marks it secret', () => {
    const inner = Object.assign(new Error(`connect to https://api.example.test/?access_token=${JWT} failed, sent Bearer ${JWT}`), { code: 'ECONNRESET' });
    const chain = new TypeError('fetch failed', { cause: new Error(`retry with Authorization: Bearer ${JWT}`, { cause: inner }) });
    expectNoToken(classify(service, chain), service, [JWT], 'cause chain without secrets');
    expectNoToken(classify(service, { status: 401, headers: { authorization: `Bearer ${JWT}`, cookie: `sid=${JWT}` }, body: { token: JWT, detail: `token=${JWT}` } }), service, [JWT], 'snapshot without secrets');
  });

  it('from a thrown message quoting a URL with credentials in it, unnamed', () => {
    // What fetch throws for such a URL: the user info is a password, whatever it looks like.
    const thrown = new TypeError(`Request cannot be constructed from a URL that includes credentials: https://player:${PLAIN}@api.example.test/v1/x`);
    expectNoToken(classify(service, thrown), service, [PLAIN], 'URL credentials in a message');
    expectNoToken(classify(service, `GET https://player:${PLAIN}@api.example.test/v1/x failed`), service, [PLAIN], 'URL credentials in text');
  });
});

function echoingBody(token: string): string {
  return JSON.stringify({ code: 16_001, status: 9404, token, errorMessage: `token ${token} rejected`, detail: `Bearer ${token}`, message: `sent ${token}`, nested: { list: [token] } });
}

/** Where each service's calls go, and the header its token travels in. */
const ROUTES: Readonly<Record<HttpService, { readonly method: 'get' | 'post'; readonly path: (token: string) => string }>> = {
  coral: { method: 'post', path: () => 'v3/Friend/List' },
  companion: { method: 'get', path: (token) => `market/items/${token}` },
  platform: { method: 'get', path: (token) => `player/${token}/profile` },
  lobby: { method: 'get', path: (token) => `lobbies/${token}` },
};

describe.each(HTTP_SERVICES)('%s: a token the client sends never comes back out of its errors', (service) => {
  it.each(TOKENS)('in any failure the service or the network answers with (%s)', async (token) => {
    const failures: (() => Response)[] = [
      () => echoingAnswer(token, 400),
      () => echoingAnswer(token, 401),
      () => echoingAnswer(token, 403),
      () => echoingAnswer(token, 429),
      () => echoingAnswer(token, 500),
      () => echoingAnswer(token, 503),
      () => echoingAnswer(token, 200),
      () => new Response(`<html>bad gateway for ${token}</html>`, { status: 502, headers: { 'content-type': 'text/html', 'x-echo-token': token } }),
      () => truncatedResponse(echoingBody(token), { status: 200, headers: { 'content-type': 'application/json', 'x-echo-token': token } }),
      () => truncatedResponse(echoingBody(token), { status: 500, headers: { 'content-type': 'application/json' } }),
      () => new Response(`{"token": "${token}", "broken`, { status: 200, headers: { 'content-type': 'application/json', 'x-echo-token': token } }),
      () => networkError(),
    ];
    let index = 0;
    const origin = await serve(() => {
      const make = failures[index % failures.length] ?? networkError;
      index += 1;
      return make();
    });
    const seen: GameServiceError[] = [];
    const client = createClient<HttpService>({
      service,
      prefix: `${origin}/`,
      headers: { 'x-api-key': token },
      retry: { limit: 0 },
      auth: { getToken: () => token, refreshToken: () => Promise.resolve(`${token}-renewed`) },
      onRetry: (event) => {
        seen.push(event.error);
      },
      onGiveUp: (event) => {
        seen.push(event.error);
      },
    });
    for (let call = 0; call < failures.length; call += 1) {
      const result = await client[ROUTES[service].method](ROUTES[service].path(token), { searchParams: { token, page: 1 } }).json();
      if (result.isErr()) expectNoToken(result.error, service, [token], `failure ${String(call)}`);
    }
    for (const error of seen) expectNoToken(error, service, [token, `${token}-renewed`], 'observed error');
    expect(seen.length).toBeGreaterThan(failures.length / 2);
  });

  it('in the error of a refused renewal whose own error repeats the old and new tokens', async () => {
    const origin = await serve((request) => (request.headers.get(service === 'companion' ? 'token' : 'authorization')?.includes('fresh') === true ? serviceSuccess(service, {}) : answerFor(service, TOKEN_EXPIRED[service])));
    const errors: GameServiceError[] = [];
    const client = createClient<HttpService>({
      service,
      prefix: `${origin}/`,
      auth: {
        getToken: () => JWT,
        refreshToken: (rejected) => Promise.reject(Object.assign(new Error(`refresh of Bearer ${rejected} refused (token=${rejected})`), { status: 401, body: { token: rejected } })),
      },
      onGiveUp: (event) => {
        errors.push(event.error);
      },
      onRefresh: (event) => {
        if (event.outcome === 'failed') errors.push(event.error);
      },
    });
    const result = await client[ROUTES[service].method](ROUTES[service].path('x')).json();
    expect(result.isErr()).toBe(true);
    if (result.isErr()) errors.push(result.error);
    for (const error of errors) expectNoToken(error, service, [JWT], 'renewal');
    expect(errors.length).toBeGreaterThan(0);
  });

  it('in the error for a request that cannot be built: credentials in the URL, the token in its path', async () => {
    // fetch refuses a URL with user info, and its message quotes the whole URL back.
    const client = createClient<HttpService>({
      service,
      prefix: `http://player:${PLAIN}@127.0.0.1:9/`,
      retry: { limit: 0 },
      auth: { getToken: () => JWT, refreshToken: () => Promise.resolve(JWT) },
    });
    const result = await client[ROUTES[service].method](`${ROUTES[service].path(JWT)}/${JWT}`).json();
    expect(result.isErr()).toBe(true);
    if (result.isErr()) expectNoToken(result.error, service, [PLAIN, JWT], 'request not built');
  });

  it('in a server error that quotes the request it was sent, headers and all', async () => {
    const origin = await serve(async (request) =>
      serviceError(service, 500, { message: `echo: ${JSON.stringify(Object.fromEntries(request.headers))} ${request.url} ${await request.text()}` }),
    );
    const client = createClient<HttpService>({ service, prefix: `${origin}/`, retry: { limit: 0 }, auth: { getToken: () => PLAIN, refreshToken: () => Promise.resolve(PLAIN) } });
    const result = await client.post(ROUTES[service].path(PLAIN), { json: { password: PLAIN, note: PLAIN }, searchParams: { sig: PLAIN } }).json();
    expect(result.isErr()).toBe(true);
    if (result.isErr()) expectNoToken(result.error, service, [PLAIN], 'echoed request');
  });
});
