import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../src/core/category.ts';
import { looksLikeJson, readBody } from '../src/core/http/body.ts';
import { readHeader } from '../src/core/http/headers.ts';
import { HTTP_LIMITS } from '../src/core/http/limits.ts';
import { parseRateLimit, parseRetryAfter, RETRY_AFTER_MAX_MS, retryAfterFromHeaders } from '../src/core/http/retry-after.ts';
import { salvageFields } from '../src/core/http/salvage.ts';
import { describeStatus, HTTP_STATUS_MEANINGS } from '../src/core/http/status.ts';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

describe('Retry-After', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 7 ', 7000],
    ['1.5', 1500],
    ['99999999999', DAY],
    // However many digits, a wait is a wait: read as the longest, never ignored.
    ['100000000000000000000', DAY],
    ['9'.repeat(64), DAY],
    [new Date(NOW + 90_000).toUTCString(), 90_000],
    [new Date(NOW - 90_000).toUTCString(), 0],
    [new Date(NOW + 30 * DAY).toUTCString(), DAY],
  ] as const)('reads %j as %i ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each(['', ' ', 'soon', '-5', '1e9', 'NaN', 'Infinity', 'Mon, 99 Foo 2026 99:99:99 GMT', '5 seconds'])('ignores "%s"', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it('ignores a value far too long to be one', () => {
    expect(parseRetryAfter('9'.repeat(10_000), NOW)).toBeUndefined();
  });
});

describe('RateLimit headers', () => {
  it('reads the draft form with nothing remaining', () => {
    expect(parseRateLimit('limit=20, remaining=0, reset=7', NOW)).toBe(7000);
    expect(parseRateLimit('limit=20, remaining=5, reset=7', NOW)).toBeUndefined();
  });

  it('reads the longest exhausted window of Unity-RateLimit', () => {
    expect(parseRateLimit('limit=20, remaining=19, reset=1; limit=4000, remaining=0, reset=1579', NOW)).toBe(1_579_000);
    expect(parseRateLimit('limit=20, remaining=0, reset=1; limit=4000, remaining=0, reset=30', NOW)).toBe(30_000);
  });

  it('reads the structured-field form', () => {
    expect(parseRateLimit('"default";r=0;t=50', NOW)).toBe(50_000);
    expect(parseRateLimit('"burst";r=3;t=1, "daily";r=0;t=3600', NOW)).toBe(3_600_000);
  });

  it('ignores garbage', () => {
    expect(parseRateLimit('garbage', NOW)).toBeUndefined();
    expect(parseRateLimit('reset=abc', NOW)).toBeUndefined();
    expect(parseRateLimit(',;,;==,', NOW)).toBeUndefined();
  });

  it('prefers Retry-After, then RateLimit, then the reset headers', () => {
    expect(retryAfterFromHeaders({ 'Retry-After': '2', RateLimit: 'limit=1, remaining=0, reset=9' }, NOW)).toBe(2000);
    expect(retryAfterFromHeaders({ 'retry-after': 'bogus', ratelimit: 'limit=1, remaining=0, reset=9' }, NOW)).toBe(9000);
    expect(retryAfterFromHeaders(new Headers({ 'RateLimit-Reset': '4', 'RateLimit-Remaining': '0' }), NOW)).toBe(4000);
    expect(retryAfterFromHeaders({ 'X-RateLimit-Reset': String(NOW / 1000 + 60), 'X-RateLimit-Remaining': '0' }, NOW)).toBe(60_000);
    expect(retryAfterFromHeaders({ 'X-RateLimit-Reset': String(NOW / 1000 + 60), 'X-RateLimit-Remaining': '10' }, NOW)).toBeUndefined();
    expect(retryAfterFromHeaders({ 'x-ratelimit-reset': String(NOW + 5000) }, NOW)).toBe(5000);
    expect(retryAfterFromHeaders({ 'x-ratelimit-reset': '12' }, NOW)).toBe(12_000);
    expect(retryAfterFromHeaders({ 'x-ratelimit-reset': String(NOW / 1000 - 60) }, NOW)).toBe(0);
    expect(retryAfterFromHeaders({}, NOW)).toBeUndefined();
    expect(retryAfterFromHeaders(undefined, NOW)).toBeUndefined();
  });

  it('never asks for more than a day', () => {
    expect(RETRY_AFTER_MAX_MS).toBe(DAY);
    expect(retryAfterFromHeaders({ 'x-ratelimit-reset': '999999999999999' }, NOW)).toBe(DAY);
  });
});

describe('headers', () => {
  it('reads a header whatever its case, from Headers or a record with arrays', () => {
    expect(readHeader(new Headers({ 'Retry-After': '3' }), 'retry-after')).toBe('3');
    expect(readHeader({ 'RETRY-AFTER': '3' }, 'retry-after')).toBe('3');
    expect(readHeader({ 'retry-after': ['4', '5'] }, 'retry-after')).toBe('4');
    expect(readHeader({ 'retry-after': 4 } as unknown as Record<string, string>, 'retry-after')).toBeUndefined();
  });

  it('survives a record whose keys cannot be listed', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no keys'); }, get: () => undefined });
    expect(readHeader(hostile, 'retry-after')).toBeUndefined();
  });
});

describe('the HTTP status table', () => {
  it('gives every listed status a real category and a description naming it', () => {
    for (const [status, meaning] of Object.entries(HTTP_STATUS_MEANINGS)) {
      expect(CATEGORIES).toContain(meaning.category);
      expect(meaning.description).toContain(status);
    }
  });

  it.each([
    [400, 'invalid-request'], [401, 'unauthenticated'], [403, 'forbidden'], [404, 'not-found'], [408, 'timeout'],
    [409, 'conflict'], [410, 'not-found'], [418, 'invalid-request'], [426, 'outdated-client'], [429, 'rate-limited'],
    [500, 'server-error'], [501, 'unsupported'], [502, 'unavailable'], [503, 'unavailable'], [504, 'unavailable'],
    [521, 'unavailable'], [522, 'unavailable'], [523, 'unavailable'], [524, 'unavailable'], [530, 'unavailable'],
    [555, 'server-error'], [200, 'unknown'], [302, 'unknown'],
  ] as const)('reads %i as %s', (status, category) => {
    expect(describeStatus(status).category).toBe(category);
  });

  it('reads a 503 that speaks of maintenance as maintenance, and only a 503', () => {
    expect(describeStatus(503, { maintenance: true }).category).toBe('maintenance');
    expect(describeStatus(500, { maintenance: true }).category).toBe('server-error');
  });
});

describe('bodies', () => {
  it('parses text that looks like JSON, once', () => {
    expect(readBody('{"a":1}')).toEqual({ json: { a: 1 }, text: '{"a":1}' });
    expect(readBody('\uFEFF  [1,2]')).toMatchObject({ json: [1, 2] });
    expect(readBody('Under Maintenance')).toEqual({ text: 'Under Maintenance' });
    expect(readBody('{"a":')).toEqual({ text: '{"a":', malformed: true });
    expect(looksLikeJson('   x{')).toBe(false);
  });

  it('takes a parsed body as it is', () => {
    const parsed = { code: 1 };
    expect(readBody(parsed).json).toBe(parsed);
  });

  it('decodes bytes', () => {
    expect(readBody(new TextEncoder().encode('{"code":16001}'))).toMatchObject({ json: { code: 16001 } });
  });

  it('does not parse text past the cap', () => {
    const huge = `{"a":"${'x'.repeat(HTTP_LIMITS.parseChars)}"}`;
    expect(readBody(huge)).toEqual({ text: huge, malformed: true });
  });
});

describe('salvaging fields from broken JSON', () => {
  it('reads keys, scalars and their depth', () => {
    expect(salvageFields('{"code": 16001, "ok": true, "n": null, "s": "a\\"b\\u0041", "d": [{"message": "m"} {"message": "n"}]}')).toEqual([
      { key: 'code', value: 16001, depth: 1 },
      { key: 'ok', value: true, depth: 1 },
      { key: 'n', value: null, depth: 1 },
      { key: 's', value: 'a"bA', depth: 1 },
      { key: 'message', value: 'm', depth: 3 },
      { key: 'message', value: 'n', depth: 3 },
    ]);
  });

  it('ends quietly on an unterminated string or stray brackets', () => {
    expect(salvageFields('{"title": "never ends')).toEqual([{ key: 'title', value: 'never ends', depth: 1 }]);
    expect(salvageFields(']]]}}} {"code": 1}')).toEqual([{ key: 'code', value: 1, depth: 1 }]);
  });

  it('stays linear on hostile input', () => {
    // Inputs that make backtracking patterns explode; each finishes in one pass here.
    expect(salvageFields('"'.repeat(200_000)).length).toBeLessThanOrEqual(256);
    expect(salvageFields(`{${'"a":'.repeat(50_000)}`).length).toBeLessThanOrEqual(1);
    expect(salvageFields('\\'.repeat(200_000))).toEqual([]);
    expect(salvageFields('-'.repeat(200_000))).toEqual([]);
  });
});
