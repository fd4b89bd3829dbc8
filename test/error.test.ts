import { inspect } from 'node:util';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify.ts';
import { GameServiceError, isGameServiceError } from '../src/core/error.ts';
import { REDACTED } from '../src/core/redact.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig-42';

function everyRendering(error: GameServiceError): string {
  return [error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join('\n');
}

describe('GameServiceError', () => {
  it('carries the contract fields, a literal name and a readable message', () => {
    const error = new GameServiceError({
      service: 'lobby',
      code: '16004',
      codeName: 'LobbyFull',
      category: 'capacity',
      retry: 'never',
      description: 'The lobby is full.',
      status: 409,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GameServiceError');
    expect(error.message).toBe('[lobby 16004 LobbyFull] The lobby is full.');
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(409);
    expect(error.retryAfterMs).toBeUndefined();
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ service: 'lobby', code: '16004', codeName: 'LobbyFull', category: 'capacity', retryable: false, status: 409 });
  });

  it('is retryable exactly when the advice is not never', () => {
    for (const retry of ['backoff', 'refresh', 'wait', 'never'] as const) {
      const error = new GameServiceError({ service: 'coral', code: '9404', category: 'token-expired', retry, description: 'Expired.' });
      expect(error.retryable).toBe(retry !== 'never');
    }
  });

  it('is recognised across realms by its brand and fields, and nothing else is', () => {
    const error = new GameServiceError({ service: 'nex', code: 'NETWORK', category: 'network', retry: 'backoff', description: 'Dropped.' });
    const foreign: unknown = runInNewContext('({ ...error, name: "GameServiceError" })', { error });
    const otherRealm: unknown = runInNewContext(
      'Object.defineProperty(Object.assign(new Error("[lobby 16004 LobbyFull] Full."), { service: "lobby", code: "16004", category: "capacity", retry: "backoff", description: "Full." }), Symbol.for("extralife.GameServiceError"), { value: true })',
    );
    const brandOnly: unknown = runInNewContext('Object.defineProperty(new Error("x"), Symbol.for("extralife.GameServiceError"), { value: true })');
    const badCategory: unknown = runInNewContext('Object.defineProperty(Object.assign(new Error("x"), { service: "lobby", code: "1", category: "bogus", retry: "never" }), Symbol.for("extralife.GameServiceError"), { value: true })');
    expect(isGameServiceError(error)).toBe(true);
    expect(isGameServiceError(otherRealm)).toBe(true);
    expect(isGameServiceError(brandOnly)).toBe(false);
    expect(isGameServiceError(badCategory)).toBe(false);
    expect(isGameServiceError(foreign)).toBe(false);
    expect(isGameServiceError(new Error('x'))).toBe(false);
    expect(isGameServiceError(null)).toBe(false);
    expect(isGameServiceError('GameServiceError')).toBe(false);
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } });
    expect(isGameServiceError(hostile)).toBe(false);
  });

  it('is rebuilt as an instance of this copy when classify is given one from another realm', () => {
    const otherRealm: unknown = runInNewContext(
      'Object.defineProperty(Object.assign(new Error("[lobby 16004 LobbyFull] Full."), { service: "lobby", code: "16004", codeName: "LobbyFull", category: "capacity", retry: "backoff", description: "Full.", status: 409 }), Symbol.for("extralife.GameServiceError"), { value: true })',
    );
    const adopted = classify('lobby', otherRealm);
    expect(adopted).toBeInstanceOf(GameServiceError);
    expect(adopted).toMatchObject({ service: 'lobby', code: '16004', codeName: 'LobbyFull', category: 'capacity', retry: 'backoff', status: 409 });
    const own = new GameServiceError({ service: 'lobby', code: 'NETWORK', category: 'network', retry: 'backoff', description: 'Dropped.' });
    expect(classify('lobby', own)).toBe(own);
  });

  it('never renders a planted secret: message, description, details, received, cause chain', () => {
    const inner = Object.assign(new Error(`socket closed while sending Bearer ${TOKEN}`), { code: 'ECONNRESET', request: { headers: { authorization: `Bearer ${TOKEN}` } } });
    const outer = new Error(`request to https://api.example/x?token=${TOKEN} failed`, { cause: inner });
    const error = new GameServiceError({
      service: 'coral',
      code: '9404',
      codeName: 'TOKEN_EXPIRED',
      category: 'token-expired',
      retry: 'refresh',
      description: `Token expired: ${TOKEN}`,
      details: { correlationId: 'abc', echoed: TOKEN, authorization: 'Basic dXNlcjpwYXNz' },
      received: { status: 200, headers: { Authorization: `Bearer ${TOKEN}`, 'Set-Cookie': 'session=1' }, body: { status: 9404, accessToken: TOKEN, nested: [{ password: 'hunter22' }] } },
      cause: outer,
      secrets: [TOKEN],
    });
    const text = everyRendering(error);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('hunter22');
    expect(text).not.toContain('dXNlcjpwYXNz');
    expect(text).not.toContain('session=1');
    expect(text).toContain(REDACTED);
    expect(error.details?.correlationId).toBe('abc');
    // The cause chain survives as redacted copies, not the live objects.
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).cause).toMatchObject({ code: 'ECONNRESET' });
    expect((error.cause as Error & { request?: unknown }).request).toBeUndefined();
  });

  it('masks a secret by its key even when the caller did not name it', () => {
    const error = new GameServiceError({
      service: 'lobby',
      code: '52',
      category: 'token-expired',
      retry: 'refresh',
      description: 'Expired.',
      received: { headers: { authorization: 'Bearer abc.def.ghi' }, body: '{"idToken":"abc.def.ghi","title":"Unauthorized"}' },
    });
    expect(everyRendering(error)).not.toContain('abc.def.ghi');
    expect(everyRendering(error)).toContain('Unauthorized');
  });

  it('keeps a bounded copy of what was received, whatever it is', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const throwing = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('getter'); } });
    const error = new GameServiceError({
      service: 'platform',
      code: 'UNKNOWN',
      category: 'unknown',
      retry: 'never',
      description: 'Unreadable.',
      received: { circular, throwing, big: 'x'.repeat(100_000), n: 10n, s: Symbol('s'), list: Array.from({ length: 1000 }, (_, i) => i) },
    });
    const received = error.received as Record<string, unknown>;
    expect(received.circular).toEqual({ a: 1, self: '[circular]' });
    expect(received.throwing).toEqual({ boom: '[unreadable]' });
    expect((received.big as string).length).toBeLessThan(2200);
    expect(received.n).toBe('10n');
    expect((received.list as unknown[]).length).toBeLessThanOrEqual(33);
    expect(() => JSON.stringify(error)).not.toThrow();
  });

  it('does not let a __proto__ key reach any prototype', () => {
    const raw: unknown = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    const error = new GameServiceError({ service: 'lobby', code: 'UNKNOWN', category: 'unknown', retry: 'never', description: 'x'.repeat(30), received: raw });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(error.received)).toBe(Object.prototype);
    expect(Object.keys(error.received as object)).toEqual(['__proto__', 'constructor']);
  });

  it('copies itself with attempts and elapsed time, keeping everything else', () => {
    const error = new GameServiceError({ service: 'lobby', code: '50', codeName: 'TooManyRequests', category: 'rate-limited', retry: 'wait', description: 'Slow down.', retryAfterMs: 2000, status: 429 });
    const final = error.with({ attempts: 3, elapsedMs: 4500 });
    expect(final).not.toBe(error);
    expect(final).toMatchObject({ code: '50', codeName: 'TooManyRequests', retryAfterMs: 2000, status: 429, attempts: 3, elapsedMs: 4500 });
    expect(final.stack).toBe(error.stack);
    expect(error.attempts).toBeUndefined();
    expect(final).toBeInstanceOf(GameServiceError);
    expect(isGameServiceError(final)).toBe(true);
    expect(final.message).toBe(error.message);
    expect(final.toJSON()).toEqual({ ...error.toJSON(), attempts: 3, elapsedMs: 4500 });
    final.stack = 'replaced';
    expect(final.stack).toBe('replaced');
    expect(error.stack).not.toBe('replaced');
  });

  it('redacts again when a copy is given new secrets', () => {
    const error = new GameServiceError({ service: 'coral', code: '9404', category: 'token-expired', retry: 'refresh', description: 'Token tok_abcdef123456 expired.', received: { echo: 'tok_abcdef123456' } });
    const final = error.with({ attempts: 2, secrets: ['tok_abcdef123456'] });
    expect(JSON.stringify(final)).not.toContain('tok_abcdef123456');
    expect(final.attempts).toBe(2);
  });
});
