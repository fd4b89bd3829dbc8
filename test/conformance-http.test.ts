/**
 * The HTTP services as their official SDKs and most used clients define them: every code of the
 * tables extracted from them (catalog/sources), and the answers those clients read specially,
 * over a real socket on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRow, readSourceTables } from '../catalog/check-sources.ts';
import { catalog, lookup } from '../src/catalog/index.ts';
import { classify, classifyResponse } from '../src/classify.ts';
import { createClient } from '../src/create-client.ts';
import { startLoopbackServer, type LoopbackServer, type Responder } from '../src/testing/index.ts';

const tables = readSourceTables();
const rows = tables.flatMap(({ file, table }) => table.codes.map((row) => [file, table.service, row.code, row.name ?? ''] as const));

describe('every code of the extracted tables', () => {
  it('reads every table the sources name', () => {
    expect(tables.map(({ file }) => file)).toEqual(expect.arrayContaining(['lobby-exception-reason.json', 'ugs-common-error-codes.json', 'kakao-kgresult-kotlin.json', 'kakao-kgresult-android-smali.json', 'kakao-error-codes-v4.json', 'nxapi-coral-status.json', 'companion-php-known-errors.json', 'xivapi-companion-errors.json']));
    for (const { table } of tables) expect(table.repo ?? table.page).toBeTruthy();
  });

  it.each(rows)('%s: %s %s %s is catalogued under that name', (_file, service, code, name) => {
    expect(checkRow(service, code, name === '' ? undefined : name)).toBeUndefined();
    const entry = lookup(service, code);
    expect(entry?.code).toBe(code);
    if (name !== '') {
      const named = lookup(service, name);
      expect([named?.name, ...(named?.otherNames ?? [])]).toContain(name);
    }
    // Classifying the code alone never fails to find it (Lobby reports folded common codes as the SDK's reasons).
    const error = classify(service, service === 'platform' ? { code: Number(code), desc: name } : code);
    expect(error.category).toBeTruthy();
    if (service !== 'lobby') expect(String(error.code)).toBe(code);
  });

  it('finds a name the check would miss: a wrong name is a mismatch, a missing code is missing', () => {
    expect(checkRow('lobby', '16429', 'TooManyRequests')).toMatch(/the source says "TooManyRequests"/);
    expect(checkRow('platform', '99999', 'NOT_A_CODE')).toBe('not in the catalog');
  });
});

describe('Lobby as the SDK reads it', () => {
  it('finds reasons by the SDK name, and reads the SDK\'s client-side reasons', () => {
    expect(lookup('lobby', 'RateLimited')?.code).toBe('16429');
    expect(lookup('lobby', 'InvalidArgument')?.code).toBe('16400');
    expect(lookup('lobby', 'ServiceUnavailable')?.code).toBe('16503');
    expect(classify('lobby', 16998)).toMatchObject({ code: '16998', codeName: 'NetworkError', category: 'network', retry: 'backoff' });
    expect(classify('lobby', 16603)).toMatchObject({ codeName: 'SubscriptionToLobbyLostWhileBusy', category: 'network' });
  });

  it('gives one condition one code: a 429 is 16429 whether the body says 50 or nothing', () => {
    const withBody = classify('lobby', { status: 429, body: { status: 429, code: 50, title: 'Too Many Requests' } });
    const without = classify('lobby', { status: 429 });
    expect(withBody).toMatchObject({ code: '16429', codeName: 'RateLimited', details: { commonCode: 50 } });
    expect(without).toMatchObject({ code: '16429', codeName: 'RateLimited' });
    expect(lookup('lobby', 50)?.name).toBe('TooManyRequests');
  });

  it('renews 51 InvalidToken once, as UGS advises', () => {
    expect(classify('lobby', { status: 401, body: { code: 51, title: 'Unauthorized' } })).toMatchObject({ code: '51', category: 'token-expired', retry: 'refresh' });
    expect(classify('lobby', { status: 401 })).toMatchObject({ code: '16401', category: 'token-expired' });
  });

  it('reads X-Retry-After like Retry-After, and Retry-After first', async () => {
    const response = new Response(JSON.stringify({ status: 429, code: 50 }), { status: 429, headers: { 'content-type': 'application/problem+json', 'X-Retry-After': '4' } });
    expect((await classifyResponse('lobby', response)).retryAfterMs).toBe(4_000);
    expect(classify('lobby', { status: 429, headers: { 'retry-after': '2', 'x-retry-after': '9' } }).retryAfterMs).toBe(2_000);
  });
});

describe('the Kakao platform as its SDK defines it', () => {
  it('reads every constant name in desc, and by lookup', () => {
    for (const entry of catalog('platform')) {
      for (const constant of entry.otherNames ?? []) {
        expect(classify('platform', { code: Number(entry.code), desc: constant }).codeName, constant).toBe(entry.name);
      }
    }
    expect(classify('platform', { code: 406, desc: 'ALREADY_USED_IDP_ACCOUNT' })).toMatchObject({ codeName: 'AlreadyUsedIdpAccount', category: 'conflict' });
    expect(lookup('platform', 'NOT_MATCHED_PASSWORD')?.code).toBe('563');
    expect(lookup('platform', -3103)?.name).toBe('GameshopPaymentServerUnstable');
  });

  it('reads a defined code in 100-599 as that code, never as an HTTP status', () => {
    expect(classify('platform', { status: 200, body: { code: 563 } })).toMatchObject({ codeName: 'NotMatchedPassword', category: 'unauthenticated', retry: 'never' });
    expect(classify('platform', { status: 565 })).toMatchObject({ codeName: 'BlockedUserAccess', category: 'account-restricted', retry: 'never' });
    expect(classify('platform', { code: 502 })).toMatchObject({ category: 'unavailable', retry: 'backoff' });
  });

  it('files account blocks and restrictions as account-restricted', () => {
    for (const code of [462, 463, 494, 4013, 4060, 4070, 4080, 7203]) expect(classify('platform', { code }).category, String(code)).toBe('account-restricted');
  });

  it('keeps serverErrorCode, and salvages a cut-off body', () => {
    expect(classify('platform', { status: 200, body: { code: 4000, desc: 'INVALID_PARAMETER', serverErrorCode: 40021 } }).details).toMatchObject({ serverErrorCode: 40021, desc: 'INVALID_PARAMETER' });
    const cut = classify('platform', { status: 500, headers: { 'content-type': 'application/json' }, body: '{"code": 565, "desc": "BLOCKED_USER_ACCESS", "message": "blocked", "content": {"until": "20' });
    expect(cut).toMatchObject({ code: '565', codeName: 'BlockedUserAccess', category: 'account-restricted', details: { malformedBody: true, desc: 'BLOCKED_USER_ACCESS' } });
  });
});

describe('Coral as nxapi meets it', () => {
  const wrapped = (status: number): object => ({ error: 'unknown_error', error_message: 'Token expired.', data: { status, errorMessage: 'Token expired.', correlationId: 'c-1' } });

  it('reads the Coral status inside nxapi\'s proxy answer', () => {
    expect(classify('coral', { status: 500, body: wrapped(9404) })).toMatchObject({ code: '9404', category: 'token-expired', status: 500, details: { proxyError: 'unknown_error', correlationId: 'c-1' } });
    expect(classify('coral', { status: 500, body: wrapped(9427) })).toMatchObject({ code: '9427', category: 'outdated-client', retry: 'never' });
    // An error body without a Coral status inside stays a proxy failure.
    expect(classify('coral', { status: 500, body: { error: 'unknown_error', error_message: 'boom' } })).toMatchObject({ code: '500', category: 'server-error' });
  });
});

describe('Companion codes only where the service puts them', () => {
  it('does not take six digits inside a reference number, an id or a proxy page', () => {
    const akamai = '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>Reference&#32;&#35;18&#46;8111001&#46;1700000000&#46;111001f</BODY></HTML>';
    expect(classify('companion', { status: 403, headers: { 'content-type': 'text/html' }, body: akamai })).toMatchObject({ code: '403', category: 'forbidden' });
    expect(classify('companion', { status: 502, body: 'upstream 10.111001.2 failed, request id req-111001' })).toMatchObject({ code: '502', category: 'unavailable' });
    expect(classify('companion', { status: 500, body: { requestId: 111001, itemId: 311006, message: 'failed' } })).toMatchObject({ code: '500', category: 'server-error' });
    expect(classify('companion', { status: 400, body: { error: { code: 111001 } } })).toMatchObject({ code: '111001', category: 'token-expired' });
    expect(classify('companion', { status: 400, body: 'Error 111001.' })).toMatchObject({ code: '111001', category: 'token-expired' });
    expect(classify('companion', { status: 400, body: { status: 'error', message: 'Session expired (111001)' } })).toMatchObject({ code: '111001' });
  });

  it('reads an id given as a string as data too, and prefers a code field to words of text', () => {
    const cases: [object, string, string][] = [
      [{ requestId: '111001', error: '340000' }, '340000', 'server-error'],
      [{ requestId: '319201', code: 340000 }, '340000', 'server-error'],
      [{ id: '319201', code: 340000 }, '340000', 'server-error'],
      [{ itemId: '210010', code: 340000 }, '340000', 'server-error'],
      [{ request_id: '111001' }, '500', 'server-error'],
      [{ requestId: '319201' }, '500', 'server-error'],
      [{ reference: 'ref 111001' }, '500', 'server-error'],
      // Free text earlier in the body loses to the code field after it.
      [{ message: 'after 319201 ended', code: '111001' }, '111001', 'token-expired'],
      [{ message: 'Session expired (111001)' }, '111001', 'token-expired'],
      [{ code: '111001' }, '111001', 'token-expired'],
    ];
    for (const [body, code, category] of cases) {
      expect(classify('companion', { status: 500, body }), JSON.stringify(body)).toMatchObject({ code, category });
      expect(classify('companion', { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), JSON.stringify(body)).toMatchObject({ code, category });
    }
  });

  it('judges 210010 from both readings: a session ended, never retried at once', () => {
    const entry = lookup('companion', 210010);
    expect(entry).toMatchObject({ category: 'unauthenticated', retry: 'never' });
    expect(entry?.reason).toMatch(/companion-php/);
    expect(entry?.reason).toMatch(/xivapi\.com/);
  });
});

describe('over the wire', () => {
  let server: LoopbackServer;
  let current: Responder = () => new Response('no responder', { status: 500 });
  const seen: Request[] = [];
  const WAITS = { maxRetryAfter: 20, backoff: { baseMs: 1, capMs: 5 }, gateSpreadMs: 5, maintenanceWaitMs: 20 } as const;

  beforeAll(async () => {
    server = await startLoopbackServer((request) => {
      seen.push(request.clone());
      return current(request);
    });
  });
  afterAll(async () => {
    await server.close();
  });
  const answer = (responder: Responder): void => {
    seen.length = 0;
    current = responder;
  };

  it('Lobby: a 304 to a conditional GET is a success the caller sees', async () => {
    answer((request) => (request.headers.get('if-none-match') === '"v7"' ? new Response(null, { status: 304, headers: { etag: '"v7"' } }) : Response.json({ id: 'l-1' }, { headers: { etag: '"v7"' } })));
    const lobby = createClient({ service: 'lobby', prefix: `${server.url}/v1`, retry: WAITS });
    const response = await lobby.get('lobbies/l-1', { headers: { 'If-None-Match': '"v7"' } }).response();
    expect(response.isOk() && response.value.status).toBe(304);
    const body = await lobby.get('lobbies/l-1', { headers: { 'If-None-Match': '"v7"' } }).json();
    expect(body.isOk() && body.value).toBeUndefined();
    expect(seen).toHaveLength(2);
    const fresh = await lobby.get('lobbies/l-1').json();
    expect(fresh.isOk() && fresh.value).toEqual({ id: 'l-1' });
  });

  it('Lobby: X-Retry-After is read off the wire like Retry-After', async () => {
    let calls = 0;
    answer(() => {
      calls += 1;
      return calls === 1 ? new Response(JSON.stringify({ status: 429, code: 50 }), { status: 429, headers: { 'content-type': 'application/problem+json', 'x-retry-after': '0' } }) : Response.json({ id: 'l-2' });
    });
    const lobby = createClient({ service: 'lobby', prefix: `${server.url}/v1`, retry: WAITS });
    const joined = await lobby.post('lobbies/quickjoin', { json: {} }).json();
    expect(joined.isOk() && joined.value).toEqual({ id: 'l-2' });
    expect(seen).toHaveLength(2);

    answer(() => new Response(JSON.stringify({ status: 429, code: 50 }), { status: 429, headers: { 'content-type': 'application/problem+json', 'x-retry-after': '7' } }));
    const limited = await lobby.post('lobbies/quickjoin', { json: {} }).response();
    expect(limited.isErr() && limited.error).toMatchObject({ code: '16429', category: 'rate-limited', retryAfterMs: 7_000, status: 429 });
  });

  it('Coral: a proxy-wrapped 9404 renews the token once, then the request succeeds', async () => {
    answer((request) =>
      request.headers.get('authorization') === 'Bearer fresh'
        ? Response.json({ status: 0, result: { friends: [] }, correlationId: 'c-2' })
        : Response.json({ error: 'unknown_error', error_message: 'Token expired.', data: { status: 9404, errorMessage: 'Token expired.', correlationId: 'c-1' } }, { status: 500 }),
    );
    const renewals: string[] = [];
    const coral = createClient({
      service: 'coral',
      prefix: server.url,
      retry: WAITS,
      auth: { getToken: () => 'stale', refreshToken: (rejected) => { renewals.push(rejected); return Promise.resolve('fresh'); } },
    });
    const friends = await coral.post('v3/Friend/List', { json: {} }).json();
    expect(friends.isOk() && friends.value).toEqual({ friends: [] });
    expect(renewals).toEqual(['stale']);
    expect(seen.map((request) => request.headers.get('authorization'))).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('Coral: a proxy-wrapped 9427 is an outdated client, not retried', async () => {
    answer(() => Response.json({ error: 'unknown_error', error_message: 'Upgrade required.', data: { status: 9427, errorMessage: 'Upgrade required.', correlationId: 'c-3' } }, { status: 500 }));
    const coral = createClient({ service: 'coral', prefix: server.url, retry: WAITS });
    const result = await coral.post('v3/Friend/List', { json: {} }).json();
    expect(result.isErr() && result.error).toMatchObject({ code: '9427', category: 'outdated-client' });
    expect(seen).toHaveLength(1);
  });

  it('platform: 563 and 565 are platform codes, not 5xx statuses: never retried', async () => {
    const platform = createClient({ service: 'platform', prefix: server.url, retry: WAITS });
    answer(() => Response.json({ code: 563, desc: 'NOT_MATCHED_PASSWORD' }));
    const wrong = await platform.get('player/profile').json();
    expect(wrong.isErr() && wrong.error).toMatchObject({ code: '563', codeName: 'NotMatchedPassword', retryable: false });
    expect(seen).toHaveLength(1);
    answer(() => new Response(null, { status: 565 }));
    const blocked = await platform.get('player/profile').json();
    expect(blocked.isErr() && blocked.error).toMatchObject({ code: '565', codeName: 'BlockedUserAccess', category: 'account-restricted', status: 565 });
    expect(seen).toHaveLength(1);
  });
});
