import { describe, expect, it } from 'vitest';
import { companionAdapter } from '../src/services/companion/adapter.ts';
import { coralAdapter } from '../src/services/coral/adapter.ts';
import { lobbyAdapter } from '../src/services/lobby/adapter.ts';
import { platformAdapter } from '../src/services/platform/adapter.ts';

const CORRELATION_ID = '2f5c6a0e-3f1c-4b5b-9a57-3c1f0e7d9b21';

describe('coral', () => {
  it('reads 9404 in an HTTP 200 as an expired token to refresh', () => {
    const error = coralAdapter.classify({
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: { status: 9404, errorMessage: 'Token expired.', correlationId: CORRELATION_ID },
    });
    expect(error).toMatchObject({ code: '9404', codeName: 'TOKEN_EXPIRED', category: 'token-expired', retry: 'refresh', retryable: true, status: 200 });
    expect(error.details).toEqual({ correlationId: CORRELATION_ID, errorMessage: 'Token expired.' });
  });

  it('reads a success body as the result, and does not call status 0 a failure', () => {
    const body = { status: 0, result: { friends: [{ id: 1, name: 'Mario' }] }, correlationId: CORRELATION_ID };
    expect(coralAdapter.readSuccess({ status: 200, body })).toEqual({ kind: 'value', value: body.result });
    expect(coralAdapter.readSuccess({ status: 200, body: JSON.stringify(body) })).toEqual({ kind: 'value', value: body.result });
    const error = coralAdapter.classify({ status: 200, body });
    expect(error).toMatchObject({ code: '0', category: 'unknown', retry: 'never' });
    expect(error.codeName).toBeUndefined();
    expect(coralAdapter.classify(0).code).toBe('0');
  });

  it.each([502, 503, 504, 521, 522, 523, 524, 530])('reads a proxy HTML page with HTTP %i as unavailable', (status) => {
    const error = coralAdapter.classify({ status, headers: { 'content-type': 'text/html' }, body: `<html><head><title>${status}</title></head><body><center><h1>${status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>` });
    expect(error).toMatchObject({ code: String(status), category: 'unavailable', retry: 'backoff', status });
    expect(error.codeName).toBeUndefined();
  });

  it('reads a 503 page that speaks of maintenance as maintenance', () => {
    const error = coralAdapter.classify({ status: 503, body: '<html><body>The server is temporarily down for maintenance.</body></html>' });
    expect(error).toMatchObject({ code: '503', category: 'maintenance', retry: 'wait' });
  });

  it('reads an empty or foreign 200 body as unknown, and as a failure of readSuccess', () => {
    expect(coralAdapter.classify({ status: 200, body: '' })).toMatchObject({ code: '200', category: 'unknown', status: 200 });
    expect(coralAdapter.classify({ status: 200 })).toMatchObject({ code: '200', category: 'unknown' });
    const reading = coralAdapter.readSuccess({ status: 200, body: '<html>captive portal</html>' });
    expect(reading.kind).toBe('failure');
  });

  it('reads non-2xx JSON without a Coral status from the HTTP status', () => {
    expect(coralAdapter.classify({ status: 401, body: { error: 'invalid_token', error_description: 'The token is invalid' } })).toMatchObject({ code: '401', category: 'unauthenticated' });
    expect(coralAdapter.classify({ status: 429, body: {} })).toMatchObject({ code: '429', category: 'rate-limited', retry: 'wait' });
    expect(coralAdapter.classify({ status: 404, body: 'Not Found' })).toMatchObject({ code: '404', category: 'not-found' });
  });

  it('gives uncatalogued statuses a category from their hundred or from the HTTP status, keeping the code', () => {
    const refused = coralAdapter.classify({ status: 200, body: { status: 9413, errorMessage: 'Something new.' } });
    expect(refused).toMatchObject({ code: '9413', category: 'invalid-request', retry: 'never' });
    expect(refused.codeName).toBeUndefined();
    expect(coralAdapter.classify({ status: 200, body: { status: 9555 } })).toMatchObject({ code: '9555', category: 'server-error', retry: 'backoff' });
    expect(coralAdapter.classify({ status: 429, body: { status: 9438 } })).toMatchObject({ code: '9438', category: 'rate-limited' });
    expect(coralAdapter.classify({ status: 200, body: { status: 12345 } })).toMatchObject({ code: '12345', category: 'unknown' });
    expect(coralAdapter.classify(9413)).toMatchObject({ code: '9413', category: 'invalid-request' });
  });

  it('reads a status given as digits', () => {
    expect(coralAdapter.classify({ status: 200, body: { status: '9404' } })).toMatchObject({ code: '9404', category: 'token-expired' });
  });

  it('prefers a catalogued 2815 display code over an uncatalogued status, and keeps both', () => {
    const error = coralAdapter.classify({ status: 200, body: { status: 9999, errorMessage: 'Voice chat failed (2815-2114).' } });
    expect(error).toMatchObject({ code: '2815-2114', category: 'maintenance' });
    expect(error.details).toMatchObject({ coralStatus: 9999, displayCode: '2815-2114' });
    const both = coralAdapter.classify({ status: 200, body: { status: 9404, errorMessage: 'Error 2815-2104' } });
    expect(both).toMatchObject({ code: '9404', details: { displayCode: '2815-2104' } });
  });

  it('does not take longer digit runs for display codes', () => {
    expect(coralAdapter.classify({ status: 200, body: { errorMessage: 'ref 12815-21045' } })).toMatchObject({ code: '200', category: 'unknown' });
  });

  it('classifies an uncatalogued 2815 display code and result code of the voice-chat module', () => {
    expect(coralAdapter.classify('2815-2199')).toMatchObject({ code: '2815-2199', category: 'unknown' });
    expect(coralAdapter.classify(0x80720063)).toMatchObject({ code: '2815-2199' });
  });
});

describe('platform secrets', () => {
  it('masks the Zinny access and refresh tokens of a KGResult content', () => {
    const error = platformAdapter.classify({ code: 4010, desc: 'IdpAuthFailure', content: { zat: 'ZINNY-ACCESS-123456', zrt: 'ZINNY-REFRESH-123456', playerId: 'p-1' } });
    const json = JSON.stringify(error);
    expect(json).not.toContain('ZINNY-ACCESS-123456');
    expect(json).not.toContain('ZINNY-REFRESH-123456');
    expect(json).toContain('p-1');
  });
});

describe('companion', () => {
  it('reads 503 "Under Maintenance" as 100000 maintenance', () => {
    const error = companionAdapter.classify({ status: 503, headers: { 'content-type': 'text/plain' }, body: 'Under Maintenance' });
    expect(error).toMatchObject({ code: '100000', codeName: 'UnderMaintenance', category: 'maintenance', retry: 'wait', status: 503 });
    expect(companionAdapter.classify('Under Maintenance')).toMatchObject({ code: '100000' });
  });

  it('reads a 503 without maintenance text from the status', () => {
    expect(companionAdapter.classify({ status: 503, body: '' })).toMatchObject({ code: '503', category: 'unavailable', retry: 'backoff' });
  });

  it('takes 202 as pending, never as an error', () => {
    expect(companionAdapter.readSuccess({ status: 202, headers: { 'request-id': 'abc' }, body: '' })).toEqual({ kind: 'pending' });
    const error = companionAdapter.classify({ status: 202 });
    expect(error).toMatchObject({ code: '202', category: 'unknown', retry: 'never' });
    expect(error.description).toMatch(/queued/);
  });

  it('does not read six-digit numbers in a success as codes', () => {
    const market = { entries: [{ sellPrice: 111001, stack: 1 }, { sellPrice: 340000, stack: 99 }], itemCatalogId: 319201 };
    expect(companionAdapter.readSuccess({ status: 200, body: market })).toEqual({ kind: 'value', value: market });
    expect(companionAdapter.classify({ status: 200, body: market })).toMatchObject({ code: '200', category: 'unknown' });
  });

  it('prefers a catalogued code to an earlier uncatalogued one', () => {
    expect(companionAdapter.classify({ status: 400, body: { traceId: 250000, error: { code: 111001 } } })).toMatchObject({ code: '111001', category: 'token-expired' });
    expect(companionAdapter.classify({ status: 400, body: 'trace 250000 then 210010' })).toMatchObject({ code: '210010' });
  });

  it('keeps an uncatalogued code in 100000-399999, with the category of the HTTP status', () => {
    const error = companionAdapter.classify({ status: 401, body: 'ref 999999: error 311010' });
    expect(error).toMatchObject({ code: '311010', category: 'unauthenticated', status: 401 });
    expect(error.codeName).toBeUndefined();
    expect(companionAdapter.classify({ status: 400, body: { code: 400123 } })).toMatchObject({ code: '400', category: 'invalid-request' });
  });

  it('ignores digit runs longer than six', () => {
    expect(companionAdapter.classify({ status: 500, body: 'request 1110012 failed' })).toMatchObject({ code: '500', category: 'server-error' });
  });

  it('describes a code the catalog lacks with what the service said about it, bounded', () => {
    expect(companionAdapter.classify({ status: 400, body: { code: '123456', message: 'odd thing' } }).description).toMatch(/The service said: "odd thing"$/);
    expect(lobbyAdapter.classify({ status: 400, body: { code: 16997, title: 'Weird', detail: 'something odd' } }).description).toMatch(/The service said: "something odd"$/);
    expect(coralAdapter.classify({ status: 200, body: { status: 9999, errorMessage: 'Odd.' } }).description).toMatch(/The service said: "Odd\."$/);
    expect(platformAdapter.classify({ code: 8123, desc: 'SomethingNew' }).description).toMatch(/The service said: "SomethingNew"$/);
    const long = companionAdapter.classify({ status: 400, body: { code: '123456', message: 'x'.repeat(5_000) } }).description;
    expect(long.length).toBeLessThan(500);
    // A catalogued code keeps the catalog's own words.
    expect(companionAdapter.classify({ status: 401, body: { code: '111001', message: 'odd thing' } }).description).not.toContain('odd thing');
  });

  it('reads a generic code sent with HTTP 429 as a rate limit, keeping the code, and a specific code as itself', () => {
    const flooded = companionAdapter.classify({ status: 429, headers: { 'retry-after': '3' }, body: { code: '340000', message: 'error' } });
    expect(flooded).toMatchObject({ code: '340000', codeName: 'GenericServerError', category: 'rate-limited', retry: 'wait', retryAfterMs: 3000, status: 429 });
    expect(companionAdapter.classify({ status: 500, body: { code: '340000' } })).toMatchObject({ code: '340000', category: 'server-error', retry: 'backoff' });
    expect(companionAdapter.classify({ status: 429, body: { code: '111001' } })).toMatchObject({ code: '111001', category: 'token-expired' });
  });

  it('keeps the message fields of a JSON error', () => {
    expect(companionAdapter.classify({ status: 401, body: { code: '111001', message: 'Session expired' } }).details).toEqual({ message: 'Session expired' });
  });

  it('reads nothing from a bare body without a code', () => {
    expect(companionAdapter.classify({ hello: 'world' })).toMatchObject({ code: 'UNKNOWN', category: 'unknown' });
  });
});

describe('platform', () => {
  it('gives the 200 entry for a success code, and readSuccess the value', () => {
    const error = platformAdapter.classify({ code: 200, desc: 'Success', content: { player: 'p1' } });
    expect(error).toMatchObject({ code: '200', codeName: 'Success' });
    const body = { code: 200, desc: 'Success', content: { playerId: '123' } };
    expect(platformAdapter.readSuccess({ status: 200, body })).toEqual({ kind: 'value', value: body });
    expect(platformAdapter.readSuccess({ status: 200, body: { playerId: '123' } })).toEqual({ kind: 'value', value: { playerId: '123' } });
  });

  it('keeps both names of 406, and picks the one the result names', () => {
    const first = platformAdapter.classify({ code: 406, desc: 'The requested data does not exist' });
    expect(first).toMatchObject({ code: '406', codeName: 'NotExistData', category: 'not-found' });
    expect(first.details).toMatchObject({ names: ['NotExistData', 'AlreadyUsedIdpAccount', 'AlreadyUserGotReward'] });
    expect(platformAdapter.classify({ code: 406, message: 'alreadyUsedIdpAccount' })).toMatchObject({ codeName: 'AlreadyUsedIdpAccount', category: 'conflict' });
    // getDescription() falls back to the constant's name.
    expect(platformAdapter.classify({ code: 406, desc: 'ALREADY_USED_IDP_ACCOUNT' })).toMatchObject({ codeName: 'AlreadyUsedIdpAccount', category: 'conflict' });
    expect(platformAdapter.classify({ code: 406, desc: 'ALREADY_USER_GOT_REWARD' })).toMatchObject({ codeName: 'AlreadyUserGotReward', category: 'conflict' });
    expect(platformAdapter.classify({ code: 406, desc: 'NOT_EXIST_DATA' })).toMatchObject({ codeName: 'NotExistData', category: 'not-found' });
  });

  it('reads AuthFailure and IdpAuthFailure as a sign-in problem', () => {
    expect(platformAdapter.classify({ status: 401, body: { code: 401, desc: 'AuthFailure' } })).toMatchObject({ category: 'unauthenticated', retry: 'never' });
    expect(platformAdapter.classify({ code: 4010, desc: 'IdpAuthFailure' })).toMatchObject({ category: 'unauthenticated' });
  });

  it('reads the v4 codes, and classifies uncatalogued codes by range', () => {
    expect(platformAdapter.classify({ code: 464, desc: 'Punishment' })).toMatchObject({ code: '464', codeName: 'Punishment', category: 'account-restricted', retry: 'never' });
    expect(platformAdapter.classify({ code: 465 })).toMatchObject({ code: '465', codeName: 'AlreadyUsedIDPAccount', category: 'conflict', retry: 'never' });
    expect(platformAdapter.classify({ code: 466 })).toMatchObject({ code: '466', category: 'invalid-request' });
    expect(platformAdapter.classify({ code: 503 })).toMatchObject({ code: '503', category: 'unavailable', retry: 'backoff' });
    expect(platformAdapter.classify({ code: 1002 })).toMatchObject({ code: '1002', category: 'network' });
    expect(platformAdapter.classify({ code: 2005 })).toMatchObject({ code: '2005', category: 'server-error' });
    expect(platformAdapter.classify({ code: 7005 })).toMatchObject({ code: '7005', category: 'capacity' });
    expect(platformAdapter.classify({ code: 8000 })).toMatchObject({ code: '8000', category: 'unknown' });
    expect(platformAdapter.classify({ status: 503, body: { code: 8000 } })).toMatchObject({ code: '8000', category: 'unavailable', status: 503 });
    expect(platformAdapter.classify({ code: 8000 }).codeName).toBeUndefined();
  });

  it('uses the HTTP status as the code when the body has none', () => {
    expect(platformAdapter.classify({ status: 502, body: '<html>Bad Gateway</html>' })).toMatchObject({ code: '502', category: 'unavailable' });
    expect(platformAdapter.classify({ status: 500, body: { code: 'oops' } })).toMatchObject({ code: '500', codeName: 'InternalError' });
  });
});

describe('lobby', () => {
  it('lets a failure status decide for a code whose meaning is unknown', () => {
    // The SDK reports the common code 0 Unknown as its own 16999 Unknown; 0 stays in details.
    expect(lobbyAdapter.classify({ status: 503, body: { status: 503, code: 0, title: 'Unknown' } })).toMatchObject({ code: '16999', codeName: 'Unknown', category: 'unavailable', retry: 'backoff', details: { commonCode: 0 } });
    expect(lobbyAdapter.classify({ status: 400, body: { code: 0 } })).toMatchObject({ code: '16999', category: 'invalid-request', retry: 'never' });
    expect(lobbyAdapter.classify({ code: 0, status: 500 })).toMatchObject({ code: '16999', category: 'server-error' });
    expect(lobbyAdapter.classify(0)).toMatchObject({ code: '16999', category: 'unknown', retry: 'never' });
  });

  it('reads a 429 with Retry-After as rate limited, with the wait', () => {
    const error = lobbyAdapter.classify({
      status: 429,
      headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '5', RateLimit: 'limit=2, remaining=0, reset=5' },
      body: { title: 'Too Many Requests', status: 429, code: 50, detail: 'Rate limit has been exceeded', requestId: 'f7a1c3e2-8b5d-4c6a-9e0f-1a2b3c4d5e6f' },
    });
    // One condition, one code: the body's common 50 is reported as the SDK's 16429 RateLimited.
    expect(error).toMatchObject({ code: '16429', codeName: 'RateLimited', category: 'rate-limited', retry: 'wait', retryAfterMs: 5000, status: 429 });
    expect(error.details).toMatchObject({ commonCode: 50, requestId: 'f7a1c3e2-8b5d-4c6a-9e0f-1a2b3c4d5e6f', title: 'Too Many Requests' });
  });

  it('gives 16000 + status for an answer without a code, as the SDK does', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const limited = lobbyAdapter.classify({ status: 429, headers: { 'retry-after': new Date(now + 30_000).toUTCString() } }, { now });
    expect(limited).toMatchObject({ code: '16429', codeName: 'RateLimited', category: 'rate-limited', retryAfterMs: 30_000 });
    expect(lobbyAdapter.classify({ status: 503, body: '' })).toMatchObject({ code: '16503', category: 'unavailable' });
    expect(lobbyAdapter.classify({ status: 503, body: 'Scheduled maintenance in progress' })).toMatchObject({ code: '16503', category: 'maintenance' });
    expect(lobbyAdapter.classify({ status: 404, body: { message: 'no route' } })).toMatchObject({ code: '16404', category: 'not-found' });
    expect(lobbyAdapter.classify(16429)).toMatchObject({ code: '16429', category: 'rate-limited' });
  });

  it('salvages the seed 004 example, which is not valid JSON', () => {
    const seedExample = `{
  "title": "Bad Request",
  "status": 400,
  "code": 16000,
  "detail": "request failed validation",
  "details": [
    {
      "errorType": "validation",
      "message": "count in body should be less than or equal to 100"
    }
    {
      "errorType": "validation",
      "message": "skip in body should be greater than or equal to 0"
    }
  ],
  "type": "http://unity3d/lobby/errors/validation-error"
}`;
    expect(() => JSON.parse(seedExample) as unknown).toThrow();
    const error = lobbyAdapter.classify({ status: 400, headers: { 'content-type': 'application/problem+json' }, body: seedExample });
    expect(error).toMatchObject({ code: '16000', codeName: 'ValidationError', category: 'invalid-request', status: 400 });
    expect(error.details).toEqual({
      title: 'Bad Request',
      detail: 'request failed validation',
      details: [
        { errorType: 'validation', message: 'count in body should be less than or equal to 100' },
        { errorType: 'validation', message: 'skip in body should be greater than or equal to 0' },
      ],
      type: 'http://unity3d/lobby/errors/validation-error',
      malformedBody: true,
    });
    // Without the HTTP status, the body's own status stands in for it.
    expect(lobbyAdapter.classify(seedExample)).toMatchObject({ code: '16000', status: 400 });
  });

  it('salvages a body cut off mid-way', () => {
    const cut = '{"title":"Not Found","status":404,"code":16001,"detail":"lobby not fo';
    expect(lobbyAdapter.classify({ status: 404, body: cut })).toMatchObject({ code: '16001', codeName: 'LobbyNotFound', details: { title: 'Not Found' } });
  });

  it('reads 304 Not Modified as LobbyNotModified', () => {
    expect(lobbyAdapter.classify({ status: 304 })).toMatchObject({ code: '16008', codeName: 'LobbyNotModified' });
  });

  it('gives uncatalogued body codes the category of their status', () => {
    expect(lobbyAdapter.classify({ status: 409, body: { code: 16011, title: 'Conflict' } })).toMatchObject({ code: '16011', category: 'conflict' });
    expect(lobbyAdapter.classify({ status: 403, body: { code: 57, title: 'Forbidden' } })).toMatchObject({ code: '57', category: 'forbidden' });
    expect(lobbyAdapter.classify({ code: 16011 })).toMatchObject({ code: '16011', category: 'unknown' });
    expect(lobbyAdapter.classify({ status: 404, body: { code: '16001' } })).toMatchObject({ code: '16001', codeName: 'LobbyNotFound' });
  });

  it('reads a 2xx as a value', () => {
    const lobby = { id: 'lobby-1', players: [] };
    expect(lobbyAdapter.readSuccess({ status: 200, body: JSON.stringify(lobby) })).toEqual({ kind: 'value', value: lobby });
    expect(lobbyAdapter.readSuccess({ status: 204 })).toEqual({ kind: 'value', value: undefined });
  });

  it('keeps only the first details items of a long list', () => {
    const details = Array.from({ length: 100 }, (_, index) => ({ errorType: 'validation', message: `m${index}` }));
    const error = lobbyAdapter.classify({ status: 400, body: { code: 16000, details } });
    expect((error.details?.details as unknown[]).length).toBe(16);
  });
});
