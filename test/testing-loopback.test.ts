import { afterEach, describe, expect, it } from 'vitest';
import {
  flaky,
  networkError,
  sequence,
  serviceError,
  serviceSuccess,
  startLoopbackServer,
  truncatedResponse,
  type LoopbackServer,
  type Responder,
} from '../src/testing/index.ts';

const open: LoopbackServer[] = [];

async function serve(responder: Responder): Promise<LoopbackServer> {
  const server = await startLoopbackServer(responder);
  open.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

function causeCode(error: unknown): unknown {
  return (error as { cause?: { code?: unknown } }).cause?.code;
}

describe('startLoopbackServer', () => {
  it('listens on 127.0.0.1 and answers with the responder', async () => {
    const server = await serve(() => serviceError('lobby', 16001, { requestId: 'r-1' }));
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBeGreaterThan(0);
    expect(server.url.endsWith('/')).toBe(false);
    const response = await fetch(`${server.url}/v1/lobbies/x`);
    expect(response.status).toBe(404);
    expect(response.statusText).toBe('Not Found');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 16001, requestId: 'r-1' });
  });

  it('hands the responder the real request: method, path, query, headers and body', async () => {
    const server = await serve(async (request) => {
      const url = new URL(request.url);
      return serviceSuccess('lobby', { method: request.method, path: url.pathname, query: url.search, token: request.headers.get('authorization'), body: await request.text() });
    });
    const response = await fetch(`${server.url}/v1/lobbies/query?x=1`, { method: 'POST', headers: { authorization: 'Bearer abc' }, body: '{"count":5}' });
    expect(await response.json()).toEqual({ method: 'POST', path: '/v1/lobbies/query', query: '?x=1', token: 'Bearer abc', body: '{"count":5}' });
  });

  it("sends Kakao's own statuses and Retry-After as they are", async () => {
    const server = await serve(() => serviceError('platform', 473, { retryAfter: 120 }));
    const response = await fetch(server.url);
    expect(response.status).toBe(473);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(await response.json()).toMatchObject({ code: 473, desc: 'ServiceUnavailable' });
  });

  it('resets the socket for networkError()', async () => {
    const server = await serve(() => networkError());
    const failure = await fetch(server.url).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(causeCode(failure)).toBe('ECONNRESET');
  });

  it('sends a truncated body short of its content-length, then closes', async () => {
    const body = '{"status":0,"result":{"friends":[1,2,3,4,5,6,7,8]}}';
    const server = await serve(() => truncatedResponse(body, { status: 200, headers: { 'content-type': 'application/json' } }, 12));
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(body.length));
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('answers 304 and HEAD without a body', async () => {
    const server = await serve(sequence([serviceError('lobby', 16008), serviceSuccess('lobby', { big: 'x'.repeat(100) })]));
    const notModified = await fetch(server.url);
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    const head = await fetch(server.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 500 when the responder throws', async () => {
    const server = await serve(() => {
      throw new Error('bug in a fake');
    });
    const response = await fetch(server.url);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('bug in a fake');
  });

  it('serves the same flaky script as msw does, fault by fault', async () => {
    const outcomes = async (fetchOne: () => Promise<Response>): Promise<string[]> => {
      const seen: string[] = [];
      for (let index = 0; index < 24; index += 1) {
        try {
          const response = await fetchOne();
          seen.push(`${String(response.status)}:${await response.text().then((text) => text.slice(0, 20), () => 'truncated')}`);
        } catch {
          seen.push('network');
        }
      }
      return seen;
    };
    const make = (): Responder => flaky({ service: 'coral', probability: 0.5, seed: 99 }, () => serviceSuccess('coral', { n: 1 }, { correlationId: 'c' }));
    const server = await serve(make());
    const direct = make();
    const overSocket = await outcomes(() => fetch(server.url));
    const inProcess = await outcomes(async () => {
      const response = await direct(new Request('http://fake.test/'));
      if (response.type === 'error') throw new TypeError('fetch failed');
      return response;
    });
    expect(overSocket).toEqual(inProcess);
    expect(overSocket).toContain('network');
    expect(overSocket).toContain('200:truncated');
  });

  it('closes cleanly, with keep-alive connections open, and then refuses connections', async () => {
    const server = await startLoopbackServer(() => serviceSuccess('lobby', {}));
    await (await fetch(server.url)).text();
    await server.close();
    const failure = await fetch(server.url).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(causeCode(failure)).toBe('ECONNREFUSED');
  });

  it('rejects when the port is taken', async () => {
    const first = await serve(() => serviceSuccess('lobby', {}));
    await expect(startLoopbackServer(() => serviceSuccess('lobby', {}), { port: Number(new URL(first.url).port) })).rejects.toThrow(/EADDRINUSE/);
  });
});
