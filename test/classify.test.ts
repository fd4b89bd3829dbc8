import { describe, expect, it } from 'vitest';
import { adapters, classify, classifyResponse, httpAdapters } from '../src/classify.ts';
import { isGameServiceError } from '../src/core/error.ts';
import { HTTP_LIMITS } from '../src/core/http/limits.ts';
import { HTTP_SERVICES, SERVICES, type Service } from '../src/core/service.ts';
import * as root from '../src/index.ts';
import { classifyCompanion, companionAdapter } from '../src/services/companion/index.ts';
import { classifyCoral, coralAdapter } from '../src/services/coral/index.ts';
import { classifyLobby, lobbyAdapter } from '../src/services/lobby/index.ts';
import { classifyPlatform, platformAdapter } from '../src/services/platform/index.ts';

describe('the adapter registry', () => {
  it('holds one adapter per service, each for its own service', () => {
    expect(Object.keys(adapters).sort()).toEqual([...SERVICES].sort());
    for (const service of SERVICES) expect(adapters[service].service).toBe(service);
    expect(Object.keys(httpAdapters).sort()).toEqual([...HTTP_SERVICES].sort());
    for (const service of HTTP_SERVICES) expect(httpAdapters[service]).toBe(adapters[service]);
    expect(Object.isFrozen(adapters)).toBe(true);
  });

  it('is what each service entry point exports', () => {
    expect(adapters.coral).toBe(coralAdapter);
    expect(adapters.companion).toBe(companionAdapter);
    expect(adapters.platform).toBe(platformAdapter);
    expect(adapters.lobby).toBe(lobbyAdapter);
    expect(classifyCoral(9404).code).toBe('9404');
    expect(classifyCompanion(111001).code).toBe('111001');
    expect(classifyPlatform(4010).code).toBe('4010');
    expect(classifyLobby(16004).code).toBe('16004');
  });

  it('is exported from the package root with classify and classifyResponse', () => {
    expect(root.classify).toBe(classify);
    expect(root.classifyResponse).toBe(classifyResponse);
    expect(root.adapters).toBe(adapters);
  });
});

describe('classify', () => {
  it('hands each service its own adapter', () => {
    expect(classify('coral', { status: 200, body: { status: 9404 } })).toMatchObject({ service: 'coral', category: 'token-expired' });
    expect(classify('lobby', { status: 429, headers: { 'retry-after': '2' } })).toMatchObject({ service: 'lobby', code: '16429', retryAfterMs: 2000 });
    expect(classify('companion', { status: 503, body: 'Under Maintenance' })).toMatchObject({ service: 'companion', code: '100000' });
    expect(classify('platform', { code: 4010 })).toMatchObject({ service: 'platform', code: '4010' });
    for (const service of SERVICES) {
      const error = classify(service, new DOMException('aborted', 'AbortError'));
      expect(error).toMatchObject({ service, category: 'cancelled' });
    }
  });

  it('passes the context on', () => {
    const error = classify('lobby', { status: 401, body: { code: 52, detail: 'token abcdefgh12345678 expired' } }, { secrets: ['abcdefgh12345678'], request: { method: 'GET', url: 'https://lobby.test/v1/x?token=abcdefgh12345678' } });
    expect(JSON.stringify(error)).not.toContain('abcdefgh12345678');
    expect(error.details).toMatchObject({ request: { method: 'GET' } });
  });

  it.each([
    ['steam', 'steam', 'steam'],
    ['empty', '', ''],
    ['Coral', 'Coral', 'Coral'],
    ['__proto__', '__proto__', '__proto__'],
    ['toString', 'toString', 'toString'],
    ['undefined', undefined, '(undefined)'],
    ['a number', 42, '(number)'],
    ['a symbol', Symbol('coral'), '(symbol)'],
    ['an object whose toString throws', { toString: () => { throw new Error('no'); } }, '(object)'],
  ])('gives an invalid-request error, not a throw, for the service %s', (_label, service, shown) => {
    const error = classify(service as Service, { status: 500 });
    expect(isGameServiceError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'UNKNOWN', category: 'invalid-request', retry: 'never', retryable: false });
    expect(error.service).toBe(shown);
    expect(error.description).toContain('expected one of: nex, coral, msnp, companion, platform, lobby');
    expect(error.details).toMatchObject({ service: shown });
  });

  it('reads a fetch Response from its status and headers when given synchronously', () => {
    const response = new Response('{"code": 16001}', { status: 404, headers: { 'retry-after': '1' } });
    expect(classify('lobby', response)).toMatchObject({ code: '16404', category: 'not-found', retryAfterMs: 1000 });
    expect(response.bodyUsed).toBe(false);
  });
});

function streamThatFails(first: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
      controller.error(new TypeError('terminated'));
    },
  });
}

describe('classifyResponse', () => {
  it('reads the body of a fetch Response', async () => {
    const response = new Response(JSON.stringify({ title: 'Forbidden', status: 403, code: 16004, requestId: 'r-9' }), {
      status: 403,
      headers: { 'content-type': 'application/problem+json' },
    });
    const error = await classifyResponse('lobby', response);
    expect(error).toMatchObject({ service: 'lobby', code: '16004', codeName: 'LobbyFull', category: 'capacity', status: 403, details: { requestId: 'r-9' } });
  });

  it('reads Coral failures in a 200 and proxy pages', async () => {
    const token = await classifyResponse('coral', Response.json({ status: 9404, errorMessage: 'Token expired.', correlationId: 'c-1' }));
    expect(token).toMatchObject({ code: '9404', category: 'token-expired', status: 200 });
    const page = await classifyResponse('coral', new Response('<html>522</html>', { status: 522 }));
    expect(page).toMatchObject({ code: '522', category: 'unavailable' });
  });

  it('classifies from the status when the body fails to read', async () => {
    const error = await classifyResponse('lobby', new Response(streamThatFails('{"code": 1600'), { status: 503 }));
    expect(error).toMatchObject({ code: '16503', category: 'unavailable', status: 503 });
  });

  it('classifies from the status when the body was already read', async () => {
    const response = new Response('{"code": 16001}', { status: 404 });
    await response.text();
    expect(await classifyResponse('lobby', response)).toMatchObject({ code: '16404', category: 'not-found' });
  });

  it('reads only the start of a huge body', async () => {
    const huge = `{"code": 16002, "detail": "${'x'.repeat(HTTP_LIMITS.readBytes * 3)}"}`;
    const error = await classifyResponse('lobby', new Response(huge, { status: 404 }));
    expect(error).toMatchObject({ code: '16002', codeName: 'PlayerNotFound', details: { malformedBody: true } });
  });

  it('reads a failed fetch (status 0) as a network failure', async () => {
    expect(await classifyResponse('coral', Response.error())).toMatchObject({ code: 'NETWORK', category: 'network' });
  });

  it('never rejects, whatever it is given', async () => {
    await expect(classifyResponse('lobby', { status: 418 } as unknown as Response)).resolves.toMatchObject({ code: '16418', category: 'invalid-request' });
    await expect(classifyResponse('lobby', null as unknown as Response)).resolves.toMatchObject({ category: 'unknown' });
    await expect(classifyResponse('nope' as Service, new Response(''))).resolves.toMatchObject({ category: 'invalid-request' });
  });

  it('classifies the body text for the services that do not speak HTTP', async () => {
    for (const service of ['nex', 'msnp'] as const) {
      const error = await classifyResponse(service, new Response('', { status: 500 }));
      expect(error.service).toBe(service);
      expect(isGameServiceError(error)).toBe(true);
    }
  });
});
