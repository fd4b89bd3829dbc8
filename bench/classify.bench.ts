import { HTTPError } from 'ky';
import { test } from 'vitest';
import { adapters } from '../src/classify.ts';
import type { Adapter } from '../src/core/adapter.ts';
import { SERVICES, type Service } from '../src/core/service.ts';
import { msnpErrorLine, msnpOut, passportFault, rmcErrorFrame } from '../src/testing/index.ts';

/*
 * Classifications per second, per adapter, on raw answers as they arrive in practice
 * (`npm run bench`). Each benchmarked call classifies one answer, so the reported hz is
 * classifications per second. The "mixed" benchmark of each service cycles through all of that
 * service's answers.
 */

const CORRELATION_ID = '7c1a5a0e-24b4-4f0c-9e0b-0d7e0a1f2b3c';

function httpError(status: number, data: unknown, headers: Record<string, string> = {}): HTTPError {
  const error = new HTTPError(new Response(null, { status, headers }), new Request('https://api.example.test/v1/resource', { method: 'POST' }), {} as never);
  error.data = data;
  return error;
}

const fetchFailed = new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
const aborted = new DOMException('This operation was aborted', 'AbortError');

const SEED_004 = `{
  "title": "Bad Request",
  "status": 400,
  "code": 16000,
  "detail": "request failed validation",
  "details": [
    { "errorType": "validation", "message": "count in body should be less than or equal to 100" }
    { "errorType": "validation", "message": "skip in body should be greater than or equal to 0" }
  ],
  "type": "http://unity3d/lobby/errors/validation-error"
}`;

const answers: { readonly [S in Service]: readonly (readonly [string, unknown])[] } = {
  coral: [
    ['9404 in an HTTP 200 snapshot', { status: 200, headers: { 'content-type': 'application/json' }, body: { status: 9404, errorMessage: 'Token expired.', correlationId: CORRELATION_ID } }],
    ['9404 as JSON text', { status: 200, body: JSON.stringify({ status: 9404, errorMessage: 'Token expired.', correlationId: CORRELATION_ID }) }],
    ['502 proxy page', { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>' }],
    ['ky HTTPError 401', httpError(401, { status: 9403, errorMessage: 'Invalid token.', correlationId: CORRELATION_ID })],
    ['fetch TypeError', fetchFailed],
  ],
  companion: [
    ['503 Under Maintenance', { status: 503, headers: { 'content-type': 'text/plain' }, body: 'Under Maintenance' }],
    ['JSON 111001', { status: 401, body: { code: '111001', message: 'Session has expired.' } }],
    ['text 319201', { status: 503, body: 'An error has occurred. (319201)' }],
    ['ky HTTPError 500', httpError(500, { error: { code: 340000, message: 'Server error.' } })],
    ['AbortError', aborted],
  ],
  platform: [
    ['KGResult 4010', { code: 4010, desc: 'IdpAuthFailure', message: 'The IDP rejected the token.' }],
    ['KGResult 406 named', { code: 406, desc: 'AlreadyUsedIdpAccount' }],
    ['HTTP 401 body', { status: 401, body: { code: 401, desc: 'AuthFailure' } }],
    ['HTTP 503 without code', { status: 503, body: '' }],
    ['fetch TypeError', fetchFailed],
  ],
  lobby: [
    ['429 problem with Retry-After', { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '1', ratelimit: 'limit=1, remaining=0, reset=1' }, body: { title: 'Too Many Requests', status: 429, code: 50, detail: 'Rate limit exceeded', requestId: CORRELATION_ID } }],
    ['404 LobbyNotFound as text', { status: 404, body: JSON.stringify({ title: 'Not Found', status: 404, code: 16001, detail: 'lobby not found', requestId: CORRELATION_ID }) }],
    ['seed 004 malformed body', { status: 400, body: SEED_004 }],
    ['ky HTTPError 403 LobbyFull', httpError(403, { title: 'Forbidden', status: 403, code: 16004, detail: 'lobby is full' })],
    ['503 without body', { status: 503 }],
  ],
  nex: [
    ['result code number', 0x80680006],
    ['display code', '2306-0806'],
    ['name', 'Authentication::TokenExpired'],
    ['RMC error frame', rmcErrorFrame({ protocolId: 10, callId: 1, resultCode: 0x80680006 })],
    ['fetch TypeError', fetchFailed],
  ],
  msnp: [
    ['error line', msnpErrorLine(911, 20)],
    ['OUT SSD', msnpOut('SSD')],
    ['HRESULT', '0x80048821'],
    ['Passport SOAP fault', passportFault(0x80048821)],
    ['AbortError', aborted],
  ],
};

for (const service of SERVICES) {
  const adapter = adapters[service] as Adapter<Service>;
  const list = answers[service];
  test(`${service}: classifications per second`, async ({ bench }) => {
    let next = 0;
    await bench.compare(
      ...list.map(([name, raw]) =>
        bench(`${service} ${name}`, () => {
          adapter.classify(raw);
        }),
      ),
      bench(`${service} mixed`, () => {
        adapter.classify(list[next % list.length]?.[1]);
        next += 1;
      }),
    );
  });
}
