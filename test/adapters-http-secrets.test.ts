import { inspect } from 'node:util';
import { HTTPError } from 'ky';
import { describe, expect, it } from 'vitest';
import type { HttpAdapter } from '../src/core/adapter.ts';
import type { GameServiceError } from '../src/core/error.ts';
import { KEEP_LIMITS } from '../src/core/redact.ts';
import type { HttpService } from '../src/core/service.ts';
import { companionAdapter } from '../src/services/companion/adapter.ts';
import { coralAdapter } from '../src/services/coral/adapter.ts';
import { lobbyAdapter } from '../src/services/lobby/adapter.ts';
import { platformAdapter } from '../src/services/platform/adapter.ts';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl';
const COOKIE = 'sessid=Zx81Kq0pLmNo';
const PASSWORD = 'hunter2-Correct-Horse';
const PLANTED = [TOKEN, COOKIE, 'Zx81Kq0pLmNo', PASSWORD];

/** Every way an error can be shown or sent on: none may carry a planted secret. */
function renderings(error: GameServiceError): string[] {
  return [
    error.message,
    error.description,
    JSON.stringify(error),
    JSON.stringify(error.received ?? null),
    JSON.stringify(error.details ?? null),
    inspect(error, { depth: 20, showHidden: true }),
    String(error.stack),
  ];
}

function expectNoSecret(error: GameServiceError): void {
  for (const text of renderings(error)) for (const secret of PLANTED) expect(text).not.toContain(secret);
}

const headers = {
  Authorization: `Bearer ${TOKEN}`,
  Cookie: COOKIE,
  'Set-Cookie': `${COOKIE}; Path=/; HttpOnly`,
  token: TOKEN,
  'content-type': 'application/json',
  'x-request-echo': `token=${TOKEN}`,
};

const echoingBody = {
  status: 9404,
  code: 16001,
  errorMessage: `Token ${TOKEN} expired.`,
  detail: `rejected Authorization: Bearer ${TOKEN}`,
  accessToken: TOKEN,
  password: PASSWORD,
  nested: { session: { refresh_token: TOKEN, note: `cookie ${COOKIE}` } },
  message: `error 111001 for token ${TOKEN}`,
};

const adapters: readonly (readonly [HttpService, HttpAdapter<HttpService>])[] = [
  ['coral', coralAdapter],
  ['companion', companionAdapter],
  ['platform', platformAdapter],
  ['lobby', lobbyAdapter],
];

describe.each(adapters)('%s: planted secrets never come back out', (_service, adapter) => {
  const context = { secrets: [TOKEN, PASSWORD, COOKIE] };

  it('from a snapshot with secret headers and a body echoing them', () => {
    const error = adapter.classify({ status: 401, headers, body: echoingBody }, context);
    expectNoSecret(error);
    expect(JSON.stringify(error.received)).toContain('[redacted]');
  });

  it('from the same body as text', () => {
    expectNoSecret(adapter.classify({ status: 401, headers: new Headers(headers), body: JSON.stringify(echoingBody) }, context));
  });

  it('by key even when the caller names no secrets', () => {
    const error = adapter.classify({ status: 401, headers, body: { accessToken: TOKEN, password: PASSWORD, code: 16001, status: 9404 } });
    for (const text of renderings(error)) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(PASSWORD);
    }
  });

  it("from ky's HTTPError, its request and its URL", () => {
    const request = new Request(`https://example.test/v1/resource?token=${TOKEN}&page=2`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const response = new Response(null, { status: 403, headers });
    Object.defineProperty(response, 'url', { value: `https://user:${PASSWORD}@example.test/v1/resource?sig=${TOKEN}&access_token=${TOKEN}` });
    const error = new HTTPError(response, request, {} as never);
    error.data = echoingBody;
    const classified = adapter.classify(error, context);
    expectNoSecret(classified);
    expect(classified.details).toMatchObject({ request: { url: expect.stringContaining('page=2') as unknown } });
  });

  it('from a thrown error whose message and cause carry the token', () => {
    const cause = Object.assign(new Error(`socket hang up while sending Bearer ${TOKEN}`), { code: 'ECONNRESET' });
    expectNoSecret(adapter.classify(new TypeError(`fetch failed for ${TOKEN}`, { cause }), context));
  });

  it('masks a secret that straddles the cut of a long body', () => {
    for (const offset of [KEEP_LIMITS.stringChars - 30, KEEP_LIMITS.stringChars - 5, KEEP_LIMITS.stringChars + 3]) {
      const body = `${'x'.repeat(offset)}${TOKEN} ${'y'.repeat(100_000)}`;
      const error = adapter.classify({ status: 500, body }, context);
      for (const text of renderings(error)) for (const part of [TOKEN, TOKEN.slice(0, 12)]) expect(text).not.toContain(part);
    }
  });

  it('keeps only a bounded copy of a huge body', () => {
    const body = `${'x'.repeat(500_000)} ${TOKEN}`;
    const error = adapter.classify({ status: 500, body }, context);
    const kept = (error.received as { body: string }).body;
    expect(kept.length).toBeLessThan(KEEP_LIMITS.stringChars + 100);
    expectNoSecret(error);
  });
});
