import { describe, expect, it } from 'vitest';
import { catalog, lookup } from '../src/catalog/index.ts';
import type { CatalogEntry } from '../src/core/catalog-entry.ts';
import { COMPANION_HTTP_STATUS, CORAL_STATUS_FOR_DISPLAY_CODE, LOBBY_HTTP_STATUS, platformHttpStatus, serviceError, serviceSuccess } from '../src/testing/index.ts';

async function readJson(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

const rows = (service: 'coral' | 'companion' | 'platform' | 'lobby'): [string, CatalogEntry][] =>
  catalog(service).filter((entry) => service !== 'coral' || entry.success !== true).map((entry) => [`${entry.code} ${entry.name}`, entry]);

describe('serviceError: coral', () => {
  it.each(rows('coral'))('%s: HTTP 200 with {status, errorMessage, correlationId}', async (_label, entry) => {
    const response = serviceError('coral', entry.code);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await readJson(response);
    expect(Object.keys(body).sort()).toEqual(['correlationId', 'errorMessage', 'status']);
    const expected = entry.code.startsWith('2815-') ? (CORAL_STATUS_FOR_DISPLAY_CODE[entry.code] ?? 9599) : Number(entry.code);
    expect(body.status).toBe(expected);
    expect(body.status).not.toBe(0);
    expect(typeof body.errorMessage).toBe('string');
    expect(String(body.errorMessage).length).toBeGreaterThan(0);
    expect(body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps each 2815 code it lists to an API status the catalog holds', () => {
    for (const status of Object.values(CORAL_STATUS_FOR_DISPLAY_CODE)) {
      expect(catalog('coral').some((entry) => entry.code === String(status))).toBe(true);
    }
  });

  it('finds a code by its name and sends an uncatalogued status as given', async () => {
    expect((await readJson(serviceError('coral', 'TOKEN_EXPIRED'))).status).toBe(9404);
    expect((await readJson(serviceError('coral', 9999))).status).toBe(9999);
  });
});

describe('serviceError: companion', () => {
  it('holds an HTTP status for every catalogued code', () => {
    for (const entry of catalog('companion')) expect(COMPANION_HTTP_STATUS[entry.code], entry.code).toBeDefined();
  });

  it.each(rows('companion'))('%s: the code in the body, with its status', async (_label, entry) => {
    const response = serviceError('companion', entry.code);
    const text = await response.text();
    if (entry.code === '100000') {
      expect(response.status).toBe(503);
      expect(text).toBe('Under Maintenance');
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      return;
    }
    expect(response.status).toBe(COMPANION_HTTP_STATUS[entry.code]);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(text).toMatch(new RegExp(`\\b${entry.code}\\b`));
    expect(JSON.parse(text)).toMatchObject({ code: entry.code });
  });

  it('sends 202 queued through companionQueue only, and a 200 success otherwise', async () => {
    const response = serviceSuccess('companion', { entries: [1] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ entries: [1] });
  });
});

describe('serviceError: platform', () => {
  it.each(rows('platform'))('%s: a KGResult body {code, desc, message?}', async (_label, entry) => {
    // A name two codes carry (Punishment: 461 in the SDKs, 464 on the v4 page) names the lower one.
    const byName = lookup('platform', entry.name) === entry;
    const response = serviceError('platform', byName ? entry.name : entry.code);
    const body = await readJson(response);
    expect(body.code).toBe(Number(entry.code));
    if (byName) expect(body.desc).toBe(entry.name);
    expect(Object.keys(body).every((key) => ['code', 'desc', 'message'].includes(key))).toBe(true);
    expect(response.status).toBe(platformHttpStatus(Number(entry.code)));
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await readJson(serviceError('platform', entry.code))).code).toBe(Number(entry.code));
  });

  it('uses a code that is an HTTP status as the status, and HTTP 200 for SDK-side codes', () => {
    expect(serviceError('platform', 473).status).toBe(473);
    expect(serviceError('platform', 401).status).toBe(401);
    expect(serviceError('platform', 2001).status).toBe(200);
  });
});

describe('serviceError: lobby', () => {
  it('holds an HTTP status for every catalogued code', () => {
    for (const entry of catalog('lobby')) expect(LOBBY_HTTP_STATUS[Number(entry.code)], entry.code).toBeDefined();
  });

  it.each(rows('lobby'))('%s: RFC 7807 problem details with the UGS status', async (_label, entry) => {
    const code = Number(entry.code);
    const response = serviceError('lobby', entry.code);
    expect(response.status).toBe(LOBBY_HTTP_STATUS[code]);
    if (response.status === 304) {
      expect(await response.text()).toBe('');
      return;
    }
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = await readJson(response);
    expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'details', 'requestId', 'status', 'title', 'type']);
    expect(body).toMatchObject({ status: response.status, code });
    expect(typeof body.title).toBe('string');
    expect(typeof body.detail).toBe('string');
    expect(typeof body.type).toBe('string');
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.details).toEqual([{ errorType: expect.any(String) as unknown, message: body.detail }]);
  });

  it('uses the statuses UGS documents for the common codes', () => {
    const statuses = Object.fromEntries([0, 2, 3, 50, 51, 52, 16000, 16001, 16003, 16004].map((code) => [code, serviceError('lobby', code).status]));
    expect(statuses).toEqual({ 0: 500, 2: 504, 3: 503, 50: 429, 51: 401, 52: 401, 16000: 400, 16001: 404, 16003: 409, 16004: 403 });
  });

  it('sends Retry-After with TooManyRequests, and follows the SDK convention for 16000 + status', async () => {
    expect(serviceError('lobby', 50).headers.get('retry-after')).toBe('1');
    expect(serviceError('lobby', 16001).headers.get('retry-after')).toBeNull();
    const unknown = serviceError('lobby', 16503);
    expect(unknown.status).toBe(503);
    expect((await readJson(unknown)).code).toBe(16503);
    expect(serviceError('lobby', 'LobbyFull').status).toBe(403);
  });
});

describe('serviceError options', () => {
  it('sends Retry-After in seconds, rounded up', () => {
    expect(serviceError('coral', 9437, { retryAfter: 2.2 }).headers.get('retry-after')).toBe('3');
    expect(serviceError('lobby', 50, { retryAfter: 30 }).headers.get('retry-after')).toBe('30');
  });

  it('sends a Date as an HTTP-date', () => {
    const at = new Date(Date.UTC(2030, 0, 2, 3, 4, 5));
    const value = serviceError('platform', 473, { retryAfter: at }).headers.get('retry-after');
    expect(value).toBe('Wed, 02 Jan 2030 03:04:05 GMT');
    expect(Date.parse(value ?? '')).toBe(at.getTime());
  });

  it('adds headers last, overrides the status, and uses the given ids and message', async () => {
    const response = serviceError('coral', 9404, { status: 401, headers: { 'x-trace': 'abc', 'content-type': 'application/json' }, correlationId: 'corr-1', message: 'Token expired.' });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-trace')).toBe('abc');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ status: 9404, errorMessage: 'Token expired.', correlationId: 'corr-1' });
    const lobby = await readJson(serviceError('lobby', 16001, { requestId: 'req-1', message: 'lobby not found' }));
    expect(lobby).toMatchObject({ requestId: 'req-1', detail: 'lobby not found' });
  });

  it('sends a status fetch cannot represent as 500, without throwing', () => {
    expect(serviceError('lobby', 16001, { status: 99 }).status).toBe(500);
    expect(serviceError('lobby', 16001, { status: 600 }).status).toBe(500);
  });

  it('builds a fresh response every call, so each request can read one', async () => {
    const first = serviceError('lobby', 16001);
    const second = serviceError('lobby', 16001);
    await first.text();
    expect(second.bodyUsed).toBe(false);
    expect(((await readJson(second)).requestId)).not.toBe(((await readJson(serviceError('lobby', 16001))).requestId));
  });

  it('answers 500 for a service it has no fake for, rather than throwing', () => {
    expect(serviceError('nex' as 'lobby', 1).status).toBe(500);
    expect(serviceSuccess('msnp' as 'lobby', {}).status).toBe(500);
  });
});

describe('serviceSuccess', () => {
  it('wraps Coral payloads as {status: 0, result, correlationId}', async () => {
    const body = await readJson(serviceSuccess('coral', { friends: [] }, { correlationId: 'c-1' }));
    expect(body).toEqual({ status: 0, result: { friends: [] }, correlationId: 'c-1' });
  });

  it.each(['companion', 'platform', 'lobby'] as const)('sends %s payloads as plain JSON', async (service) => {
    const response = serviceSuccess(service, { id: 'x' }, { status: 201, headers: { etag: '"1"' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ id: 'x' });
  });
});
