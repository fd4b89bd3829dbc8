import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, RETRY_ADVICE } from '../src/core/category.ts';
import { isGameServiceError, type GameServiceError } from '../src/core/error.ts';
import type { Service } from '../src/core/service.ts';
import { msnpCatalog } from '../src/services/msnp/index.ts';
import { classifyMsnp } from '../src/services/msnp/adapter.ts';
import { classifyNex, nexCatalog, readRmcResponse } from '../src/services/nex/index.ts';

const numRuns = process.env['CI'] === undefined ? 500 : 10_000;
/** Room for 10 000 runs on a slow machine; nothing here measures time. */
const timeout = 120_000;

function expectValid(error: GameServiceError, service: Service): void {
  expect(isGameServiceError(error)).toBe(true);
  expect(error.service).toBe(service);
  expect(typeof error.code).toBe('string');
  expect(String(error.code).length).toBeGreaterThan(0);
  expect(CATEGORIES).toContain(error.category);
  expect(RETRY_ADVICE).toContain(error.retry);
  expect(error.retryable).toBe(error.retry !== 'never');
  expect(typeof error.description).toBe('string');
  expect(() => JSON.stringify(error)).not.toThrow();
}

const u32 = fc.integer({ min: 0, max: 0xffffffff });

/** Frames that are close to real ones: right shape, random fields, sometimes cut or padded. */
const rmcFrames = fc
  .record({
    protocol: fc.oneof(fc.integer({ min: 0, max: 0xff }), fc.constant(0x7f)),
    extended: fc.integer({ min: 0, max: 0xffff }),
    success: fc.integer({ min: 0, max: 3 }),
    fields: fc.array(u32, { maxLength: 4 }),
    tail: fc.uint8Array({ maxLength: 16 }),
    sizeDelta: fc.integer({ min: -3, max: 3 }),
  })
  .map(({ protocol, extended, success, fields, tail, sizeDelta }) => {
    const content = [protocol, ...(protocol === 0x7f ? [extended & 0xff, extended >>> 8] : []), success];
    for (const field of fields) content.push(field & 0xff, (field >>> 8) & 0xff, (field >>> 16) & 0xff, field >>> 24);
    content.push(...tail);
    const size = Math.max(0, content.length + sizeDelta);
    return Uint8Array.from([size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, size >>> 24, ...content]);
  });

/**
 * Values with hostile behaviour: throwing getters, traps, revoked proxies, cycles. fast-check
 * itself probes generated values, so they are generated as boxes and opened in the property.
 */
class Hostile {
  readonly make: () => unknown;
  constructor(make: () => unknown) {
    this.make = make;
  }
}
const hostileValues: readonly (() => unknown)[] = [
  () => Object.defineProperty({}, 'code', { get: () => { throw new Error('getter'); } }),
  () => Object.defineProperty(new Error('x'), 'message', { get: () => { throw new Error('getter'); } }),
  () => new Proxy({}, { get: () => { throw new Error('trap'); }, has: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } }),
  () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; },
  () => { const cycle: Record<string, unknown> = {}; cycle['cause'] = cycle; cycle['error'] = cycle; return cycle; },
  () => Object.create(null) as unknown,
  () => new (class extends Error { override get name(): string { throw new Error('name'); } })('odd'),
  () => { const detached = new ArrayBuffer(8); structuredClone(detached, { transfer: [detached] }); return detached; },
];
const hostile = fc.integer({ min: 0, max: hostileValues.length - 1 }).map((index) => new Hostile(hostileValues[index] ?? (() => undefined)));
const open = (raw: unknown): unknown => (raw instanceof Hostile ? raw.make() : raw);

const nexNotations = fc.oneof(
  fc.constantFrom(...nexCatalog.flatMap((entry) => [entry.code, entry.name, entry.resultCode ?? ''])),
  fc.tuple(fc.constantFrom('2306', '106', '2815', '2618', '2124'), fc.integer({ min: 0, max: 9999 })).map(([prefix, n]) => `${prefix}-${String(n).padStart(4, '0')}`),
  u32.map((n) => `0x${n.toString(16)}`),
  fc.integer({ min: -0x80000000, max: 0xffffffff }),
);

const msnpNotations = fc.oneof(
  fc.constantFrom(...msnpCatalog.flatMap((entry) => [entry.code, entry.name, entry.hresult ?? ''])),
  fc.tuple(fc.integer({ min: 0, max: 1200 }), fc.option(fc.nat()), fc.option(fc.nat({ max: 64 })), fc.string({ maxLength: 64 }), fc.constantFrom('\r\n', '\n', '')).map(
    ([code, trid, length, payload, end]) => `${code}${trid === null ? '' : ` ${trid}`}${length === null ? '' : ` ${length}`}${end}${payload}`,
  ),
  fc.array(fc.constantFrom('CHG 1 NLN 0', 'MSG A B 5', 'OUT', 'OUT SSD', '911 3', 'ADL 4 9', 'USR 2 TWN S t=x&p=y', '<S:Fault>', ''), { maxLength: 8 }).map((lines) => lines.join('\r\n')),
  fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([a, b]) => `<S:Envelope><S:Body><S:Fault><psf:error><psf:value>${a}</psf:value></psf:error>${b}</S:Fault></S:Body></S:Envelope>`),
);

function anyInput(notations: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withDate: true, withNullPrototype: true, withSparseArray: true }),
    fc.string({ unit: 'binary', maxLength: 256 }),
    fc.uint8Array({ maxLength: 64 }),
    rmcFrames,
    rmcFrames.map((bytes) => bytes.buffer),
    notations,
    notations.map((value) => ({ code: value })),
    notations.map((value) => Object.assign(new Error(String(value)), { cause: { resultCode: value, hresult: value } })),
    fc.double(),
    hostile,
  );
}

describe('NEX and MSNP adapters: any input gives a valid error, never a throw', () => {
  it('classifyNex', () => {
    fc.assert(fc.property(anyInput(nexNotations), (raw) => { expectValid(classifyNex(open(raw)), 'nex'); }), { numRuns });
  }, timeout);

  it('classifyNex reading body results', () => {
    fc.assert(fc.property(rmcFrames, (raw) => { expectValid(classifyNex(raw, { bodyResult: true }), 'nex'); }), { numRuns });
  }, timeout);

  it('readRmcResponse', () => {
    fc.assert(
      fc.property(fc.oneof(rmcFrames, fc.anything(), hostile), (raw) => {
        const read = readRmcResponse(open(raw));
        if (read.isErr()) expectValid(read.error, 'nex');
        else expect(typeof read.value.success).toBe('boolean');
      }),
      { numRuns },
    );
  }, timeout);

  it('classifyMsnp', () => {
    fc.assert(fc.property(anyInput(msnpNotations), (raw) => { expectValid(classifyMsnp(open(raw)), 'msnp'); }), { numRuns });
  }, timeout);
});

describe('NEX and MSNP adapters: inputs built to make a scanner backtrack finish', () => {
  const long = 200_000;
  it.each([
    ['NEX, display-like runs', '2306-'.repeat(long)],
    ['NEX, hex-like runs', '0x8'.repeat(long)],
    ['NEX, name-like runs', `${'A'.repeat(long)}::`],
    ['NEX, colons', ':'.repeat(long)],
  ])('%s', (_case, raw) => {
    expectValid(classifyNex(raw), 'nex');
    expectValid(classifyNex(new Error(raw)), 'nex');
  });

  it.each([
    ['a USR prefix repeated', 'USR 1 TWN S '.repeat(long / 4)],
    ['ticket markers', 't='.repeat(long)],
    ['cookie markers', 'MSPAuth='.repeat(long / 4)],
    ['open angle brackets', '<'.repeat(long)],
    ['unclosed comments', '<!--'.repeat(long / 2)],
    ['nested faults', '<a:Fault>'.repeat(long / 4)],
    ['entities', `<S:Fault><psf:error><psf:value>${'&#x'.repeat(long)}</psf:value>`],
    ['digits', '9'.repeat(long)],
    ['underscores', `A_${'_'.repeat(long)}!`],
  ])('MSNP, %s', (_case, raw) => {
    expectValid(classifyMsnp(raw), 'msnp');
    expectValid(classifyMsnp(new TextEncoder().encode(raw)), 'msnp');
  });
});
