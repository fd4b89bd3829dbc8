import { types, inspect } from 'node:util';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify.ts';
import { GameServiceError } from '../src/core/error.ts';
import { redactValue } from '../src/core/redact.ts';

const TOKEN = 'Zq9xLm3PvT7rKw2Yb8NcHd4Fg6Js1Ae5';
const BRANDED_CODE = 'Object.defineProperty(Object.assign(new Error("x"), fields), Symbol.for("extralife.GameServiceError"), { value: true })';

describe('copies made by with()', () => {
  const error = new GameServiceError({ service: 'lobby', code: '16001', codeName: 'LobbyNotFound', category: 'not-found', retry: 'never', description: 'Gone.', status: 404, retryAfterMs: 5_000 });

  it('are native errors that survive structuredClone with their message', () => {
    const copy = error.with({ attempts: 2 });
    expect(types.isNativeError(copy)).toBe(true);
    expect(Object.prototype.toString.call(copy)).toBe('[object Error]');
    expect((structuredClone(copy) as Error).message).toBe(error.message);
    expect(inspect(copy)).toContain('GameServiceError: [lobby 16001 LobbyNotFound] Gone.');
  });

  it('treat a context field given as undefined the same with or without new secrets', () => {
    expect(error.with({ retryAfterMs: undefined }).retryAfterMs).toBe(5_000);
    expect(error.with({ retryAfterMs: undefined, secrets: ['abcd1234'] }).retryAfterMs).toBe(5_000);
  });
});

describe('an error from another realm or copy of extralife', () => {
  it('is rebuilt with the call\'s secrets masked and its cause kept', () => {
    const fields = { service: 'coral', code: '9404', category: 'token-expired', retry: 'refresh', description: `rejected ${TOKEN}`, received: { echoed: TOKEN }, cause: new Error('inner') };
    const foreign: unknown = runInNewContext(BRANDED_CODE, { fields });
    const adopted = classify('coral', foreign, { secrets: [TOKEN] });
    expect(adopted).toBeInstanceOf(GameServiceError);
    expect(JSON.stringify(adopted)).not.toContain(TOKEN);
    expect(adopted.message).not.toContain(TOKEN);
    expect((adopted.cause as Error).message).toBe('inner');
  });

  it('with a code no real error has is not taken for one', () => {
    const fields = { service: 'lobby', code: 'x'.repeat(10_000), category: 'unknown', retry: 'never', message: 'm' };
    const adopted = classify('lobby', runInNewContext(BRANDED_CODE, { fields }));
    expect(adopted.code).not.toBe(fields.code);
  });
});

describe('the head of a message', () => {
  it('is bounded and redacted, whatever codeName it is given', () => {
    const error = new GameServiceError({ service: 'lobby', code: '1', codeName: `Bearer ${TOKEN}${'A'.repeat(1_000_000)}`, category: 'unknown', retry: 'never', description: 'd'.repeat(30) });
    expect(error.message.length).toBeLessThan(2_048);
    expect(error.message).not.toContain(TOKEN);
    expect(error.codeName?.length).toBeLessThan(512);
  });
});

describe('what the service said about a code the catalog lacks', () => {
  it('is redacted before it is cut, so no part of a secret survives the cut', () => {
    const detail = `${'x'.repeat(290)} ${TOKEN} was rejected`;
    const error = classify('lobby', { status: 400, body: { status: 400, code: 16777, title: 'Bad', detail } }, { secrets: [TOKEN] });
    expect(JSON.stringify(error)).not.toContain(TOKEN.slice(0, 9));
    expect(error.message).not.toContain(TOKEN.slice(0, 9));
  });
});

describe('classify given a context of the wrong shape', () => {
  it.each([5, 'token', [5, null, { toString: () => { throw new Error('no'); } }]])('ignores secrets %s and never throws', (secrets) => {
    for (const service of ['lobby', 'nex', 'msnp'] as const) {
      // Checked as unknown: JavaScript callers reach classify with anything.
      const context = { secrets } as unknown as { secrets: string[] };
      expect(() => classify(service, { status: 500, body: { code: 16999 } }, context)).not.toThrow();
    }
  });

  it('ignores a request URL that is not a string', () => {
    const context = { request: { method: 'GET', url: 42 } } as unknown as { request: { method: string; url: string } };
    expect(classify('lobby', { status: 404 }, context).details).toMatchObject({ request: { url: '[not a URL]' } });
  });
});

describe('a headers record read by classify', () => {
  it('is read afresh each time, so a header added between two classifications is seen', () => {
    const headers: Record<string, string> = { 'X-Other': '1' };
    expect(classify('lobby', { status: 429, headers, body: { code: 50 } }).retryAfterMs).toBeUndefined();
    headers['Retry-After'] = '7';
    expect(classify('lobby', { status: 429, headers, body: { code: 50 } }).retryAfterMs).toBe(7_000);
  });
});

describe('the copy an error keeps of what it received', () => {
  it('counts object keys against its budget, so shared objects with long keys stay small', () => {
    const leaf: Record<string, number> = {};
    for (let index = 0; index < 64; index += 1) leaf[String(index).padStart(256, 'k')] = index;
    const shared = Array.from({ length: 32 }, () => Array.from({ length: 32 }, () => leaf));
    expect(JSON.stringify(redactValue(shared)).length).toBeLessThan(256 * 1024);
  });

  it('keeps keys named like Object.prototype members as its own', () => {
    const copy = redactValue(JSON.parse('{"constructor": 1, "toString": "x", "__proto__": {"a": 1}}')) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['constructor', 'toString', '__proto__']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });
});
