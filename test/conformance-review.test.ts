/**
 * Cut-off Coral bodies: a body that looked like JSON but did not parse is salvaged, as Lobby's and
 * the Kakao platform's are, so its status still decides (a wrapped 9404 still renews).
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../src/index.ts';
import { lookupCoral } from '../src/services/coral/index.ts';

describe('Coral: a body cut off mid-way is salvaged', () => {
  it.each([
    ['a plain status body, HTTP 200', 200, '{"status":9404,"errorMessage":"Tok'],
    ['nxapi proxy, HTTP 500', 500, '{"error":"invalid_token","error_message":"Token expired","data":{"status":9404,"errorMe'],
  ])('%s keeps its 9404', (_form, status, body) => {
    const error = classify('coral', { status, body });
    const entry = lookupCoral(9404);
    expect(error).toMatchObject({ code: '9404', category: entry?.category, retry: entry?.retry, status });
  });

  it('a cut-off 9427 is outdated-client, never retried', () => {
    expect(classify('coral', { status: 200, body: '{"status":9427,"errorMessage":"Upgr' })).toMatchObject({ code: '9427', retry: 'never' });
  });

  it('a cut-off proxy page with no status field is still read by its HTTP status', () => {
    expect(classify('coral', { status: 502, body: '{"oops' })).toMatchObject({ code: '502', category: 'unavailable' });
  });
});

/** nxapi's ErrorResponse (src/api/util.ts): an Error with the spent `response`, the `body` text and the parsed `data`. */
class NxapiErrorResponse extends Error {
  readonly response: Response;
  readonly body: string | undefined;
  readonly data: unknown;

  constructor(message: string, response: Response, body: string) {
    super(message);
    this.name = 'CoralErrorResponse';
    this.response = response;
    this.body = body;
    try {
      this.data = JSON.parse(body);
    } catch {
      this.data = undefined;
    }
  }
}

describe('errors of other clients that carry their answer', () => {
  it("nxapi's CoralErrorResponse is read by its data: a 9404 renews", () => {
    const body = '{"status":9404,"errorMessage":"Token expired.","correlationId":"c-1"}';
    const thrown = new NxapiErrorResponse('[znc] Token expired.', new Response(null, { status: 200 }), body);
    const error = classify('coral', thrown);
    expect(error).toMatchObject({ code: '9404', category: 'token-expired', retry: 'refresh', status: 200 });
    expect(error.cause).toMatchObject({ name: 'CoralErrorResponse', message: '[znc] Token expired.' });
  });

  it("nxapi's error from its own proxy (HTTP 500, the Coral status in data.status) is read like the answer", () => {
    const body = '{"error":"unknown_error","error_message":"Upgrade required","data":{"status":9427}}';
    const thrown = new NxapiErrorResponse('Unknown error', new Response(null, { status: 500 }), body);
    expect(classify('coral', thrown)).toMatchObject({ code: '9427', category: 'outdated-client', retry: 'never', status: 500 });
  });

  it('a body that did not parse is read from its text (nxapi keeps it in body)', () => {
    const thrown = new NxapiErrorResponse('Bad Gateway', new Response(null, { status: 502 }), '<html><body>502 Bad Gateway</body></html>');
    expect(classify('coral', thrown)).toMatchObject({ code: '502', category: 'unavailable', retry: 'backoff' });
  });

  it("axios's error is read by response.data, with its headers", () => {
    const thrown = Object.assign(new Error('Request failed with status code 429'), {
      isAxiosError: true,
      response: { status: 429, headers: { 'x-retry-after': '3' }, data: { status: 429, title: 'Too Many Requests', code: 50, detail: 'Rate limit exceeded' } },
    });
    expect(classify('lobby', thrown)).toMatchObject({ code: '16429', category: 'rate-limited', retryAfterMs: 3000, status: 429 });
  });

  it('an error with a response that is not an HTTP answer stays a thrown value', () => {
    expect(classify('coral', Object.assign(new Error('x'), { response: { status: 'bad' } }))).toMatchObject({ category: 'unknown' });
    expect(classify('lobby', { response: { status: 409 } })).toMatchObject({ category: 'unknown' });
  });
});
