import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, classifyResponse, httpAdapters } from '../../src/classify.ts';
import type { ClassifyContext } from '../../src/core/adapter.ts';
import { HTTP_SERVICES, SERVICES, type Service } from '../../src/core/service.ts';
import { contractProblems, prototypeChanges, prototypeSnapshot } from './contract.ts';
import { fabricatingProxy, hostileCases, sharedDag, type HostileCase } from './hostile.ts';

const CONTEXT: ClassifyContext = {
  secrets: ['s3cr3t-t0ken-value'],
  request: { method: 'POST', url: 'https://user:pw@api.example.test/v1/x?token=s3cr3t-t0ken-value&x=1' },
  now: 1_700_000_000_000,
};

/** Classifies a value, turning a throw into a problem line: classify must never throw. */
function classifyProblems(service: Service, raw: unknown, context?: ClassifyContext): string[] {
  const before = prototypeSnapshot();
  let error: unknown;
  try {
    error = classify(service, raw, context);
  } catch (thrown) {
    return [`classify threw: ${thrown instanceof Error ? thrown.message : typeof thrown}`];
  }
  return [...contractProblems(error, service), ...prototypeChanges(before, prototypeSnapshot())];
}

const CASES: [string, HostileCase][] = hostileCases().map((hostile) => [hostile.name, hostile]);

describe.each(SERVICES)('classify(%s, hostile value)', (service) => {
  it.each(CASES)('%s: a valid error, no throw, no prototype touched', (_name, hostile) => {
    const raw = hostile.make();
    expect(classifyProblems(service, raw)).toEqual([]);
    expect(classifyProblems(service, raw, CONTEXT)).toEqual([]);
  });
});

describe.each(HTTP_SERVICES)('%s readSuccess(hostile snapshot)', (service) => {
  it.each(CASES)('%s: a reading, never a throw', (_name, hostile) => {
    const raw = hostile.make();
    const before = prototypeSnapshot();
    const reading = httpAdapters[service].readSuccess(raw as never, CONTEXT);
    expect(['value', 'failure', 'pending']).toContain(reading.kind);
    if (reading.kind === 'failure') expect(contractProblems(reading.error, service)).toEqual([]);
    expect(prototypeChanges(before, prototypeSnapshot())).toEqual([]);
  });
});

describe.each(SERVICES)('classifyResponse(%s, hostile Response)', (service) => {
  const bodies: [string, () => Response][] = [
    ['a body stream that errors at once', () => new Response(new ReadableStream({ start: (controller) => { controller.error(new Error('boom')); } }), { status: 503 })],
    ['a body stream that errors after bytes', () => new Response(new ReadableStream({ pull: (controller) => { controller.enqueue(new TextEncoder().encode('{"code":')); controller.error(new TypeError('terminated')); } }), { status: 500 })],
    ['a body already read', () => {
      const response = new Response('{"code":16001}', { status: 404 });
      void response.text();
      return response;
    }],
    ['an endless body', () => new Response(new ReadableStream({ pull: (controller) => { controller.enqueue(new Uint8Array(64 * 1024).fill(0x7b)); } }), { status: 502 })],
    ['a binary body', () => new Response(new Uint8Array([0xff, 0xfe, 0xfd, 0x00]), { status: 500 })],
    ['Response.error()', () => Response.error()],
    ['a null body with status 429', () => new Response(null, { status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' } })],
    ['a throwing proxy of a Response', () => new Proxy(new Response('x', { status: 500 }), { get: () => { throw new Error('trap'); } })],
  ];
  it.each(bodies)('%s: resolves to a valid error', async (_name, make) => {
    const error = await classifyResponse(service, make(), CONTEXT);
    expect(contractProblems(error, service)).toEqual([]);
  });
});

/** The arbitrary values fast-check builds, with every exotic kind it knows switched on. */
const anything = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
  key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'status', 'code', 'body', 'headers', 'cause', 'message', 'name', 'data', 'response')),
});
const randomRaw = fc.oneof(
  anything,
  fc.record({ status: fc.integer({ min: -1, max: 700 }), headers: fc.dictionary(fc.string(), fc.string()), body: fc.oneof(fc.string(), fc.json(), anything) }, { requiredKeys: ['status'] }),
  fc.record({ name: fc.constant('HTTPError'), response: fc.record({ status: fc.integer({ min: 100, max: 599 }), headers: fc.dictionary(fc.string(), fc.string()) }), data: anything }),
  fc.uint8Array({ maxLength: 256 }),
  fc.string({ unit: 'binary', maxLength: 256 }),
);

describe.each(SERVICES)('classify(%s, random value)', (service) => {
  it('always a valid error, no throw, no prototype touched', () => {
    fc.assert(
      fc.property(randomRaw, (raw) => {
        expect(classifyProblems(service, raw, CONTEXT)).toEqual([]);
      }),
      { numRuns: process.env.CI === undefined ? 200 : 1_000, seed: 20_261_122 },
    );
  });
});

describe('values a walk must visit once', () => {
  // A walk that forgets what it has seen (only ancestors) visits width^depth nodes of a value that
  // is a few hundred bytes, and keeps a copy of megabytes.
  it.each(SERVICES)('%s: shared references without a cycle render once, small and fast', (service) => {
    const raw = sharedDag(8, 10);
    const error = classify(service, raw);
    expect(contractProblems(error, service)).toEqual([]);
    expect(JSON.stringify(error).length).toBeLessThan(256 * 1024);
  });

  it.each(SERVICES)('%s: a proxy that invents a child per read stays bounded', (service) => {
    const raw = fabricatingProxy(10);
    const error = classify(service, raw);
    expect(contractProblems(error, service)).toEqual([]);
    expect(JSON.stringify(error).length).toBeLessThan(256 * 1024);
  });
});
