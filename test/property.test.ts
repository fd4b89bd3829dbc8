import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adapters, classify, httpAdapters } from '../src/classify.ts';
import type { Adapter, ResponseSnapshot } from '../src/core/adapter.ts';
import { CATEGORIES, RETRY_ADVICE } from '../src/core/category.ts';
import { isGameServiceError, type GameServiceError } from '../src/core/error.ts';
import { RETRY_AFTER_MAX_MS } from '../src/core/http/retry-after.ts';
import { HTTP_SERVICES, SERVICES, type Service } from '../src/core/service.ts';

const NUM_RUNS = process.env.CI === undefined ? 300 : 10_000;
/** Ten thousand runs take seconds, not the default five. */
const TIMEOUT = { timeout: 300_000 };

/** Values built to break readers: throwing traps and getters, revoked proxies, cycles, exotic primitives. */
function hostileValues(): unknown[] {
  const boom = (): never => {
    throw new Error('hostile');
  };
  const allTraps = new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom, apply: boom });
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const getters = Object.defineProperties({}, {
    status: { get: boom, enumerable: true },
    body: { get: boom, enumerable: true },
    headers: { get: boom, enumerable: true },
    name: { get: boom, enumerable: true },
    code: { get: boom, enumerable: true },
    message: { get: boom, enumerable: true },
    cause: { get: boom, enumerable: true },
  });
  const circular: Record<string, unknown> = { status: 500, code: 16001 };
  circular.self = circular;
  circular.body = circular;
  const errorWithBadMessage = new Error('x');
  Object.defineProperty(errorWithBadMessage, 'message', { get: boom });
  Object.defineProperty(errorWithBadMessage, 'name', { get: boom });
  const lyingHttpError = { name: 'HTTPError', response: new Proxy({}, { get: boom }), data: getters };
  const httpErrorWithHostileHeaders = { name: 'HTTPError', response: { status: 429, headers: allTraps }, data: circular };
  const snapshotWithHostileBody = { status: 400, headers: { 'retry-after': '5' }, body: allTraps };
  const primitiveTraps = { [Symbol.toPrimitive]: boom, toString: boom, valueOf: boom, toJSON: boom };
  const hugeText = `{"code": 16001, "detail": "${'a'.repeat(3_000_000)}`;
  const deep = JSON.parse(`${'['.repeat(5000)}16001${']'.repeat(5000)}`) as unknown;
  return [
    allTraps, revocable.proxy, getters, circular, errorWithBadMessage, lyingHttpError, httpErrorWithHostileHeaders,
    snapshotWithHostileBody, primitiveTraps, hugeText, deep, 10n ** 30n, Symbol('s'), Object.create(null), new Map([[1, 2]]),
    new Uint8Array([0xff, 0xfe, 0x7b]), new ArrayBuffer(8), () => undefined, Number.NaN, Number.POSITIVE_INFINITY, -0,
    { status: 200, body: deep }, { status: 503, headers: new Headers({ 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }) },
    { status: 429, headers: { ratelimit: ','.repeat(100_000) } }, '"'.repeat(100_000), `{${'"a":'.repeat(100_000)}`,
    new Proxy(new Error('proxied'), { get: boom }), new Proxy({ status: 500 }, { ownKeys: boom }),
  ];
}

const HOSTILE = hostileValues();
/** A hostile value by reference: fast-check itself would trip over the traps if it were handed the values. */
class HostileRef {
  readonly index: number;
  constructor(index: number) {
    this.index = index;
  }
}
const hostile = fc.nat({ max: HOSTILE.length - 1 }).map((index) => new HostileRef(index));
const unwrap = (raw: unknown): unknown => (raw instanceof HostileRef ? HOSTILE[raw.index] : raw);

const headerName = fc.constantFrom('retry-after', 'Retry-After', 'ratelimit', 'RateLimit-Reset', 'x-ratelimit-reset', 'x-ratelimit-remaining', 'unity-ratelimit', 'content-type', 'authorization', 'set-cookie');
const headerValue = fc.oneof(fc.string(), fc.integer().map(String), fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()), fc.constantFrom('limit=2, remaining=0, reset=5', '"d";r=0;t=9', '-1', '1e309'));
const bodyText = fc.oneof(fc.string(), fc.json(), fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1))), fc.constantFrom('Under Maintenance', '<html>502</html>', '{"code": 16000 "title": "x"}', 'error 111001'));
const body = fc.oneof(bodyText, fc.jsonValue(), fc.anything({ maxDepth: 3 }), fc.constant(undefined));
const status = fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.constantFrom(200, 202, 304, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504, 522));
const snapshot = fc.record({ status, headers: fc.option(fc.dictionary(headerName, headerValue), { nil: undefined }), body }, { requiredKeys: ['status'] });
const httpErrorLike = fc.record({ name: fc.constant('HTTPError'), response: fc.record({ status, headers: fc.dictionary(headerName, headerValue) }), data: body });
const serviceBody = fc.oneof(
  fc.record({ status: fc.oneof(fc.integer(), fc.string()), errorMessage: fc.string(), correlationId: fc.string() }, { requiredKeys: [] }),
  fc.record({ code: fc.oneof(fc.integer(), fc.string(), fc.double()), desc: fc.string(), message: fc.string(), content: fc.anything({ maxDepth: 2 }) }, { requiredKeys: [] }),
  fc.record({ title: fc.string(), status: fc.integer(), code: fc.integer(), detail: fc.string(), details: fc.array(fc.record({ errorType: fc.string(), message: fc.anything({ maxDepth: 1 }) })) }, { requiredKeys: [] }),
);
const thrownLike = fc.oneof(
  fc.constantFrom('AbortError', 'TimeoutError', 'TypeError', 'NetworkError', 'HTTPError', 'Error').chain((name) =>
    fc.record({ name: fc.constant(name), message: fc.string(), code: fc.oneof(fc.string(), fc.constantFrom('ECONNRESET', 'ETIMEDOUT', 'UND_ERR_SOCKET')), cause: fc.anything({ maxDepth: 2 }) }, { requiredKeys: ['name'] }),
  ),
  fc.string().map((message) => new TypeError(message, { cause: { code: 'ECONNREFUSED' } })),
);
const codes = fc.oneof(fc.integer(), fc.double(), fc.bigInt(), fc.string(), fc.stringMatching(/^\d{1,6}$/), fc.stringMatching(/^(2306|2815|106)-\d{4}$/), fc.stringMatching(/^0x[0-9A-F]{8}$/));
const anyRaw = fc.oneof(
  fc.anything({ withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withTypedArray: true, withSparseArray: true, stringUnit: 'grapheme' }),
  snapshot,
  httpErrorLike,
  serviceBody,
  thrownLike,
  codes,
  fc.uint8Array({ maxLength: 64 }),
  hostile,
);

function expectValid(error: GameServiceError, service: Service): void {
  expect(isGameServiceError(error)).toBe(true);
  expect(error.service).toBe(service);
  expect(CATEGORIES).toContain(error.category);
  expect(RETRY_ADVICE).toContain(error.retry);
  expect(error.retryable).toBe(error.retry !== 'never');
  expect(typeof error.code).toBe('string');
  expect(String(error.code).length).toBeGreaterThan(0);
  expect(typeof error.message).toBe('string');
  if (error.retryAfterMs !== undefined) {
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(RETRY_AFTER_MAX_MS);
  }
  expect(typeof JSON.stringify(error)).toBe('string');
  expect(typeof inspect(error, { depth: 10 })).toBe('string');
}

describe.each(SERVICES)('%s: any input gives a valid error without throwing', (service) => {
  const adapter = adapters[service] as Adapter<Service>;

  it('through the adapter and the root classify', TIMEOUT, () => {
    fc.assert(
      fc.property(anyRaw, (generated) => {
        const raw = unwrap(generated);
        expectValid(adapter.classify(raw), service);
        expectValid(classify(service, raw, { secrets: ['abcd1234efgh'], now: 0 }), service);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('for every hostile value', () => {
    for (const raw of hostileValues()) expectValid(adapter.classify(raw), service);
  });
});

describe.each(HTTP_SERVICES)('%s: readSuccess never throws', (service) => {
  it('on any snapshot', TIMEOUT, () => {
    fc.assert(
      fc.property(snapshot, (raw) => {
        const reading = httpAdapters[service].readSuccess(raw as ResponseSnapshot);
        expect(['value', 'failure', 'pending']).toContain(reading.kind);
        if (reading.kind === 'failure') expectValid(reading.error, service);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('on hostile snapshots', () => {
    for (const raw of hostileValues()) {
      const reading = httpAdapters[service].readSuccess(raw as never);
      expect(['value', 'failure', 'pending']).toContain(reading.kind);
    }
  });
});

describe.each(HTTP_SERVICES)('%s: a planted secret never comes back out', (service) => {
  it('from headers, body fields or text', TIMEOUT, () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{20,40}$/);
    fc.assert(
      fc.property(secret, status, fc.constantFrom('header', 'field', 'text', 'message'), (token, httpStatus, where) => {
        const headers = where === 'header' ? { authorization: `Bearer ${token}`, 'x-echo': token } : {};
        const payload = where === 'field' ? { code: 16001, status: 9404, note: token } : where === 'message' ? { errorMessage: `bad ${token}`, detail: `bad ${token}` } : `error 111001 ${token}`;
        const error = classify(service, { status: httpStatus, headers, body: payload }, { secrets: [token] });
        for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) expect(text).not.toContain(token);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
