/**
 * Hostile raw values for classify: the shapes a broken proxy, a fuzzer or a malicious peer can
 * hand an adapter. Each case is built lazily, so a run holds one huge value at a time.
 */

/** One hostile value, named so a failure says which. */
export interface HostileCase {
  readonly name: string;
  readonly make: () => unknown;
}

const BRAND = Symbol.for('extralife.GameServiceError');

function fail(): never {
  throw new Error('hostile trap');
}

/** A handler whose every trap throws. */
const THROWING_HANDLER: ProxyHandler<object> = {
  get: fail,
  set: fail,
  has: fail,
  deleteProperty: fail,
  ownKeys: fail,
  getOwnPropertyDescriptor: fail,
  defineProperty: fail,
  getPrototypeOf: fail,
  setPrototypeOf: fail,
  isExtensible: fail,
  preventExtensions: fail,
  apply: fail,
  construct: fail,
};

export function throwingProxy<T extends object>(target: T): T {
  const handler: ProxyHandler<T> = THROWING_HANDLER;
  return new Proxy(target, handler);
}

export function revokedProxy<T extends object>(target: T): T {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** The field names any adapter reads from an object: every one a getter that throws. */
const READ_FIELDS = [
  'status', 'statusText', 'headers', 'body', 'url', 'ok', 'type', 'name', 'message', 'stack', 'cause', 'code', 'errno',
  'response', 'request', 'data', 'error', 'errors', 'hresult', 'errorCode', 'line', 'result', 'resultCode', 'desc',
  'content', 'title', 'detail', 'details', 'requestId', 'correlationId', 'errorMessage', 'method', 'then', 'toJSON',
  'length', 'byteLength', 'buffer', 'constructor',
];

export function throwingGetters<T extends object>(target: T): T {
  for (const key of READ_FIELDS) {
    // An array's length and a typed array's own slots cannot be redefined; every other field can.
    if (Object.getOwnPropertyDescriptor(target, key)?.configurable === false) continue;
    Object.defineProperty(target, key, { get: fail, enumerable: true, configurable: true });
  }
  for (const symbol of [Symbol.toPrimitive, Symbol.toStringTag, Symbol.iterator, Symbol.hasInstance]) {
    Object.defineProperty(target, symbol, { get: fail, enumerable: false, configurable: true });
  }
  return target;
}

/** A proxy that invents a fresh child for every key it is asked for: an endless, lazily built tree. */
export function fabricatingProxy(width: number, depth = 0): object {
  const keys = Array.from({ length: width }, (_, index) => `k${String(index)}`);
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(
    {},
    {
      ownKeys: () => keys,
      getOwnPropertyDescriptor: (_target, key) => (typeof key === 'string' && keys.includes(key) ? { value: undefined, enumerable: true, configurable: true, writable: true } : undefined),
      get: (_target, key) => {
        if (typeof key !== 'string' || !keys.includes(key)) return undefined;
        // A fresh object per read, so no "seen" set can recognise it.
        if (!cache.has(key)) cache.set(key, undefined);
        return fabricatingProxy(width, depth + 1);
      },
    },
  );
}

/**
 * Shared references without a cycle: `levels` objects, each holding the next under `width` keys.
 * Tiny in memory, but a walk that forgets what it saw visits width^levels nodes.
 */
export function sharedDag(levels: number, width: number): object {
  let node: object = { code: 16_001, status: 503, message: 'leaf' };
  for (let level = 0; level < levels; level += 1) {
    const next: Record<string, object> = {};
    for (let key = 0; key < width; key += 1) next[`k${String(key)}`] = node;
    node = next;
  }
  return node;
}

export function deepObject(depth: number, key = 'cause'): object {
  let node: Record<string, unknown> = { message: 'bottom', code: 'ECONNRESET' };
  for (let level = 0; level < depth; level += 1) node = { [key]: node };
  return node;
}

export function deepArray(depth: number): unknown[] {
  let node: unknown[] = [];
  for (let level = 0; level < depth; level += 1) node = [node];
  return node;
}

export function deepErrorChain(depth: number): Error {
  let error = new Error('bottom', { cause: throwingProxy({}) });
  for (let level = 0; level < depth; level += 1) error = new Error(`level ${String(level)}`, { cause: error });
  return error;
}

function detachedBuffer(): ArrayBuffer {
  const buffer = new ArrayBuffer(64);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
}

/** A ky HTTPError as ky 2 builds it, by shape: `response`, `request`, and the body already read into `data`. */
export function kyHttpErrorLike(data: unknown, status = 500, headers: HeadersInit = {}): Error {
  const response = new Response(null, { status, headers });
  const request = new Request('https://api.example.test/v1/things?x=1', { method: 'POST' });
  return Object.assign(new Error(`Request failed with status code ${String(status)}`), { name: 'HTTPError', response, request, options: {}, data });
}

/** Every hostile value that is not about size: throwing, revoked, circular, exotic, polluting. */
export function hostileCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, make: () => unknown): void => {
    cases.push({ name, make });
  };

  // Primitives and exotic scalars.
  for (const [name, value] of [
    ['undefined', undefined], ['null', null], ['true', true], ['false', false], ['zero', 0], ['negative zero', -0], ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY], ['-Infinity', Number.NEGATIVE_INFINITY], ['MAX_VALUE', Number.MAX_VALUE], ['2^53', 2 ** 53],
    ['-1', -1], ['0xffffffff', 0xffffffff], ['2^32', 2 ** 32], ['-2^31', -(2 ** 31)], ['fraction', 0.5],
    ['bigint', 0x80680006n], ['negative bigint', -1n], ['huge bigint', 2n ** 200n], ['zero bigint', 0n],
    ['symbol', Symbol('911 20')], ['registered symbol', Symbol.for('2306-0806')], ['well-known symbol', Symbol.iterator],
    ['empty string', ''], ['whitespace', ' \t\r\n'], ['NUL', '\0'], ['lone surrogate', '\uD800'], ['BOM', '\uFEFF{'],
    ['line separator', '\u2028911 1\u2029'],
  ] as const) {
    add(name, () => value);
  }
  add('function', () => () => undefined);
  add('class', () =>
    class Hostile {
      readonly code = 16_001;
    },
  );
  add('async function', () => async () => { await Promise.resolve(); });
  add('generator', () => (function* generate() { yield 1; })());
  add('pending promise', () => new Promise(() => undefined));
  add('rejected promise', () => {
    const promise = Promise.reject(new Error('hostile'));
    promise.catch(() => undefined);
    return promise;
  });
  add('thenable that throws', () => ({ then: fail }));
  add('boxed string', () => new String('911 20'));
  add('boxed number', () => new Number(0x80680006));
  add('boxed bigint', () => Object(10n) as unknown);
  add('boxed symbol', () => Object(Symbol('s')) as unknown);
  add('invalid date', () => new Date(Number.NaN));
  add('regexp', () => /(a+)+$/);
  add('map', () => new Map([['status', 503]]));
  add('set', () => new Set([503]));
  add('weak map', () => new WeakMap());
  add('url', () => new URL('https://user:pass@api.example.test/?token=abc'));
  add('headers', () => new Headers({ authorization: 'Bearer abc', 'retry-after': '5' }));
  add('abort signal', () => AbortSignal.abort());

  // Objects whose reads throw.
  add('throwing getters', () => throwingGetters({}));
  add('throwing getters on an Error', () => throwingGetters(new Error('x')));
  add('throwing getters on an array', () => throwingGetters([1, 2, 3]));
  add('throwing getters on a Uint8Array', () => throwingGetters(new Uint8Array(8)));
  for (const [name, target] of [
    ['object', {}], ['array', []], ['function', () => undefined], ['Error', new Error('x')], ['Uint8Array', new Uint8Array(16)],
    ['Response', new Response('{}', { status: 503 })], ['Headers', new Headers()],
  ] as const) {
    add(`proxy whose every trap throws (${name})`, () => throwingProxy(target));
    add(`revoked proxy (${name})`, () => revokedProxy(target));
  }
  add('proxy returning itself for every key', () => {
    const proxy: object = new Proxy({}, { get: () => proxy, ownKeys: () => ['status', 'body', 'cause', 'message', 'code'], getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true, writable: true }) });
    return proxy;
  });
  add('object with a throwing prototype', () => Object.setPrototypeOf({ status: 503 }, throwingProxy({})) as unknown);
  add('Error with a throwing prototype', () => Object.setPrototypeOf(new Error('x'), throwingProxy({})) as unknown);
  add('object with a revoked prototype', () => Object.setPrototypeOf({ message: '911 1' }, revokedProxy({})) as unknown);
  add('null-prototype object', () => Object.assign(Object.create(null) as object, { status: 503, body: '911 1', code: 'ECONNRESET' }));
  add('detached ArrayBuffer', () => detachedBuffer());
  add('view over a detached buffer', () => {
    const buffer = new ArrayBuffer(16);
    const view = new Uint8Array(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    return view;
  });
  add('forged brand', () => ({ [BRAND]: true, service: 'nex', code: 42, category: 'bogus', retry: 'always' }));
  add('forged brand with throwing getters', () => throwingGetters({ [BRAND]: true }));
  add('proxy forging the brand', () => new Proxy({}, { get: (_target, key) => (key === BRAND ? true : fail()) }));
  add('Error caused by a forged brand', () => new Error('wrapped', { cause: { [BRAND]: true, service: 'lobby' } }));
  add('Error caused by a brand-forging proxy', () => new Error('wrapped', { cause: new Proxy({}, { get: (_target, key) => (key === BRAND ? true : fail()) }) }));

  // Cycles.
  add('self-referencing object', () => {
    const self: Record<string, unknown> = { status: 503 };
    self.body = self;
    self.cause = self;
    self.error = self;
    return self;
  });
  add('self-referencing array', () => {
    const list: unknown[] = [];
    list.push(list, list);
    return list;
  });
  add('Error caused by itself', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;
    return error;
  });
  add('Error chain in a cycle of two', () => {
    const first = new Error('a') as Error & { cause?: unknown };
    const second = new Error('b', { cause: first });
    first.cause = second;
    return first;
  });
  add('snapshot whose body contains itself', () => {
    const snapshot: Record<string, unknown> = { status: 500, headers: {} };
    snapshot.body = { nested: snapshot, code: 16_001 };
    return snapshot;
  });
  add('shared references without a cycle (8 levels of 4)', () => sharedDag(8, 4));

  // Deep nesting.
  add('object nested 100k deep by cause', () => deepObject(100_000));
  add('object nested 100k deep by error', () => deepObject(100_000, 'error'));
  add('object nested 100k deep by body', () => deepObject(100_000, 'body'));
  add('array nested 100k deep', () => deepArray(100_000));
  add('Error chain 100k deep', () => deepErrorChain(100_000));
  add('snapshot with a body nested 100k deep', () => ({ status: 400, body: deepObject(100_000, 'details') }));

  // Prototype pollution attempts.
  const polluting = '{"__proto__":{"polluted":"yes","status":503},"constructor":{"prototype":{"polluted":"yes"}},"status":9404,"code":16001}';
  add('__proto__ and constructor keys (parsed)', () => JSON.parse(polluting) as unknown);
  add('__proto__ and constructor keys (text)', () => polluting);
  add('__proto__ and constructor keys (snapshot body text)', () => ({ status: 400, body: polluting }));
  add('__proto__ and constructor keys (snapshot headers)', () => ({ status: 429, headers: JSON.parse('{"__proto__":{"polluted":"yes"},"retry-after":"1"}') as unknown, body: JSON.parse(polluting) as unknown }));
  add('__proto__ and constructor keys (ky data)', () => kyHttpErrorLike(JSON.parse(polluting)));
  add('__proto__ keys in a malformed body (salvaged)', () => ({ status: 400, body: '{"__proto__": "x", "constructor": 5, "prototype": {"polluted": "yes"} "code": 16001' }));
  add('constructor and prototype keys as fields', () => ({ constructor: { prototype: { polluted: 'yes' } }, prototype: { polluted: 'yes' }, toString: 'x', valueOf: 'y', hasOwnProperty: 'z' }));

  // Frozen and sealed.
  add('frozen snapshot', () => Object.freeze({ status: 503, headers: Object.freeze({ 'retry-after': '5' }), body: Object.freeze({ code: 3 }) }));
  add('sealed Error', () => Object.seal(new Error('sealed')));
  add('frozen Error with code', () => Object.freeze(Object.assign(new Error('fetch failed'), { name: 'TypeError', code: 'ECONNRESET' })));
  add('frozen array', () => Object.freeze([503, '911 1']));

  // BigInt and symbols inside.
  add('bigint fields', () => ({ status: 503n, code: 16_001n, resultCode: 0x80680006n, hresult: 0x8100030an }));
  add('symbol fields', () => ({ status: Symbol('503'), code: Symbol('x'), message: Symbol('m'), name: Symbol('n') }));
  add('symbol keys', () => ({ [Symbol('status')]: 503, [Symbol.for('code')]: 16_001 }));
  add('snapshot with bigint body', () => ({ status: 200, body: { status: 9404n, code: 10n } }));

  // Errors with hostile parts.
  add('Error whose cause getter throws', () => Object.defineProperty(new Error('x'), 'cause', { get: fail }));
  add('Error whose message getter throws', () => Object.defineProperty(new Error('x'), 'message', { get: fail }));
  add('Error whose name getter throws', () => Object.defineProperty(new Error('x'), 'name', { get: fail }));
  add('Error whose stack getter throws', () => Object.defineProperty(new Error('x'), 'stack', { get: fail }));
  add('Error whose code getter throws', () => Object.defineProperty(new Error('x'), 'code', { get: fail }));
  add('Error caused by a throwing proxy', () => new Error('x', { cause: throwingProxy({}) }));
  add('Error caused by a revoked proxy', () => new Error('x', { cause: revokedProxy({}) }));
  add('Error caused by a throwing-getter object', () => new Error('x', { cause: throwingGetters({}) }));
  add('Error with non-string message and name', () => Object.assign(new Error('x'), { message: { toString: fail }, name: 42 }));
  add('Error with a symbol message', () => Object.assign(new Error('x'), { message: Symbol('m') }));
  add('Error with toString and toPrimitive that throw', () => Object.assign(new Error('x'), { toString: fail, [Symbol.toPrimitive]: fail }));
  add('AggregateError of hostile errors', () => new AggregateError([throwingProxy({}), revokedProxy({}), throwingGetters({})], 'many'));
  add('AggregateError whose errors getter throws', () => Object.defineProperty(new AggregateError([], 'x'), 'errors', { get: fail }));
  add('AggregateError of a million errors', () => new AggregateError(Array.from({ length: 1_000_000 }, () => ({ code: 'NOPE' })), 'many'));
  add('TypeError fetch failed with a hostile cause', () => new TypeError('fetch failed', { cause: throwingGetters({}) }));
  add('AbortError with a hostile cause', () => Object.assign(new DOMException('aborted', 'AbortError'), { cause: throwingProxy({}) }));
  add('Error with __proto__ own key', () => Object.defineProperty(new Error('x'), '__proto__', { value: { polluted: 'yes' }, enumerable: true }));

  // Response-like objects.
  add('real Response', () => new Response('{"code":16001}', { status: 404 }));
  add('Response.error()', () => Response.error());
  add('snapshot with throwing headers and body', () => ({ status: 503, headers: throwingProxy({}), body: throwingProxy({}) }));
  add('snapshot with revoked headers and body', () => ({ status: 429, headers: revokedProxy({}), body: revokedProxy({}) }));
  add('snapshot with throwing getters', () => throwingGetters({}));
  add('snapshot with status getter that throws', () => Object.defineProperty({ headers: {}, body: '' }, 'status', { get: fail, enumerable: true }));
  add('snapshot with an absurd status', () => ({ status: 1e9, body: '{}' }));
  add('snapshot with NaN status', () => ({ status: Number.NaN }));
  add('snapshot with a string status', () => ({ status: '503', body: 'Under Maintenance' }));
  add('snapshot with header arrays and junk', () => ({ status: 429, headers: { 'retry-after': ['x', 5, null], ratelimit: [Symbol('x')], 'x-ratelimit-reset': { toString: fail } } }));
  add('snapshot with binary body', () => ({ status: 500, body: new Uint8Array([0xff, 0xfe, 0x00, 0x7b]) }));
  add('snapshot with detached buffer body', () => ({ status: 500, body: detachedBuffer() }));
  add('snapshot with a Map body', () => ({ status: 500, body: new Map([['code', 1]]) }));
  add('Response-like with hostile fields', () => ({ status: 502, statusText: throwingProxy({}), url: revokedProxy({}), ok: fail, type: 'error', headers: new Headers(), body: null, redirected: false }));

  // ky HTTPError-like with hostile data.
  add('ky HTTPError-like, data throwing proxy', () => kyHttpErrorLike(throwingProxy({})));
  add('ky HTTPError-like, data revoked proxy', () => kyHttpErrorLike(revokedProxy({})));
  add('ky HTTPError-like, data throwing getters', () => kyHttpErrorLike(throwingGetters({})));
  add('ky HTTPError-like, data circular', () => {
    const data: Record<string, unknown> = { code: 16_001 };
    data.self = data;
    return kyHttpErrorLike(data, 404);
  });
  add('ky HTTPError-like, data nested 100k deep', () => kyHttpErrorLike(deepObject(100_000, 'details'), 400));
  add('ky HTTPError-like, data bigint and symbols', () => kyHttpErrorLike({ code: 1n, status: Symbol('s'), message: 2n }, 429, { 'retry-after': '1' }));
  add('ky HTTPError-like, data binary', () => kyHttpErrorLike(new Uint8Array([0, 1, 2, 0xff]), 502));
  add('ky HTTPError-like, response getter throws', () => Object.defineProperty(kyHttpErrorLike({}), 'response', { get: fail }));
  add('ky HTTPError-like, response revoked', () => Object.assign(kyHttpErrorLike({}), { response: revokedProxy({}) }));
  add('ky HTTPError-like, request throwing', () => Object.assign(kyHttpErrorLike({}), { request: throwingProxy({}) }));
  add('ky HTTPError-like, response with a throwing status', () => Object.assign(kyHttpErrorLike({}), { response: throwingGetters({}) }));

  return cases;
}

/**
 * The huge-string shapes, each aimed at a pattern or scanner in src: repeated prefixes that make
 * a regular expression start a match everywhere, long runs that make it backtrack, and inputs
 * that drive the hand-written scanners (salvage, SOAP, MSNP lines) to their limits.
 */
export function hugeStrings(size: number): HostileCase[] {
  const fill = (unit: string, tail = ''): string => unit.repeat(Math.max(1, Math.floor((size - tail.length) / unit.length))) + tail;
  const shapes: [string, () => string][] = [
    ['letters', () => fill('a')],
    ['digits', () => fill('7')],
    ['spaces', () => fill(' ')],
    ['newlines', () => fill('\n')],
    ['CRLF', () => fill('\r\n')],
    ['lone surrogates', () => fill('\uD800')],
    ['emoji', () => fill('\u{1F47E}')],
    // src/core/redact.ts BEARER: \b(Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{1,4096})
    ['Bearer then spaces then a stop', () => `Bearer${fill(' ', '!')}`],
    ['repeated "Bearer "', () => fill('Bearer ')],
    ['Bearer then a megabyte credential', () => `Bearer ${fill('A')}`],
    ['repeated "Token x."', () => fill('Token x. ')],
    // src/core/redact.ts KEY_VALUE: (token|cookie|...)["']?\s{0,4}[:=]\s{0,4}["']?[^"'\s&,;}]{1,4096}
    ['repeated "token="', () => fill('token=')],
    ['repeated "token"', () => fill('token')],
    ['repeated authorization: "', () => fill('"authorization": "')],
    ['token= then a megabyte value', () => `token=${fill('x')}`],
    // src/core/thrown.ts errno: ^(?:E[A-Z]+|UND_ERR_[A-Z_]+|ERR_[A-Z_]+|[A-Z_]{6,})$
    ['upper case run ending badly', () => fill('E', '!')],
    ['UND_ERR_ run ending badly', () => `UND_ERR_${fill('_', 'a')}`],
    // src/services/nex/read-code.ts: DISPLAY_IN_TEXT, HEX_IN_TEXT, NAME_IN_TEXT
    ['repeated "2306-"', () => fill('2306-')],
    ['repeated "106-0"', () => fill('106-0')],
    ['display codes glued together', () => fill('2306-0806')],
    ['repeated "0x"', () => fill('0x')],
    ['hex words glued together', () => fill('0xffffffff')],
    ['name prefix runs', () => fill(`${'a'.repeat(40)}:`)],
    ['repeated "A::"', () => fill('A::')],
    ['name with a megabyte tail', () => `Authentication::${fill('a')}`],
    ['code at the end of a megabyte', () => fill('x', ' 2306-0806 0x80680006 Authentication::TokenExpired 911 20')],
    // src/core/http: JSON parse, salvage, six-digit runs, 2815- scan, maintenance mentions.
    ['open braces', () => fill('{')],
    ['open brackets', () => fill('[')],
    ['nested arrays, balanced', () => `${'['.repeat(size / 2)}${']'.repeat(size / 2)}`],
    ['repeated {"a":', () => fill('{"a":')],
    ['quotes', () => fill('"')],
    ['backslashes in a string', () => `{"${fill('\\')}`],
    ['unicode escapes', () => `{"${fill('\\u')}`],
    ['a megabyte number', () => `{"code":${fill('1')}`],
    ['many keys, valid JSON', () => `{${Array.from({ length: Math.floor(size / 16) }, (_, index) => `"k${String(index)}":${String(index)}`).join(',')}}`],
    ['many keys, malformed', () => `{${fill('"code": 16001 ')}`],
    ['six-digit runs', () => fill('123456 ')],
    ['2815- runs', () => fill('2815-')],
    ['repeated maintenance', () => fill('maintenance ')],
    // src/services/msnp: lines, payload lengths, SOAP, entities, redaction patterns.
    ['MSNP commands announcing huge payloads', () => fill('MSG 1 A 999999999\r\n')],
    ['MSNP error with a huge payload', () => `241 14 999999999\r\n${fill('x')}`],
    ['MSNP line too long', () => fill('9')],
    ['repeated USR credentials', () => fill('USR 1 TWN S t=abc&p=def\r\n')],
    ['repeated " t="', () => fill(' t=')],
    ['repeated MSPAuth=', () => fill('MSPAuth=')],
    ['open angle brackets', () => fill('<')],
    ['repeated <Fault>', () => fill('<S:Fault>')],
    ['repeated comment openers', () => fill('<!--')],
    ['Fault with entities', () => `<S:Fault><psf:error><psf:value>${fill('&#x1;')}`],
    ['nested SOAP elements', () => `<S:Fault>${fill('<a>')}`],
    // src/core/http/retry-after.ts: readNumber's ^"(.*)"$ and the date check.
    ['quoted digits', () => `"${fill('1', '"')}`],
  ];
  return shapes.map(([name, make]) => ({ name, make }));
}

/** One way a huge string can reach an adapter. */
export interface Carrier {
  readonly name: string;
  readonly wrap: (text: string) => unknown;
}

/** The carriers a huge string can arrive in: alone, as bytes, as a body, a message, ky's data, a header. */
export const CARRIERS: readonly Carrier[] = [
  { name: 'string', wrap: (text) => text },
  { name: 'bytes', wrap: (text) => new TextEncoder().encode(text) },
  { name: 'snapshot body (503)', wrap: (text) => ({ status: 503, headers: { 'content-type': 'text/plain' }, body: text }) },
  { name: 'snapshot body (200)', wrap: (text) => ({ status: 200, body: text }) },
  { name: 'body fields', wrap: (text) => ({ code: text, status: text, message: text, detail: text, errorMessage: text, desc: text, title: text }) },
  { name: 'Error message and code', wrap: (text) => Object.assign(new Error(text), { code: text, name: 'TypeError' }) },
  { name: 'ky data', wrap: (text) => kyHttpErrorLike(text, 503) },
  { name: 'headers', wrap: (text) => ({ status: 429, headers: { 'retry-after': text, ratelimit: text, 'x-ratelimit-reset': text, authorization: text } }) },
];

/** Huge values that are not strings: wide objects, long arrays, big byte arrays. */
export function hugeValues(size: number): HostileCase[] {
  const random = new Uint8Array(size);
  let seed = 0x2f6b_1d35;
  for (let index = 0; index < size; index += 1) {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    random[index] = seed >>> 24;
  }
  const wide = (): Record<string, number> => {
    const object: Record<string, number> = {};
    for (let index = 0; index < size / 10; index += 1) object[`key${String(index)}`] = index;
    return object;
  };
  return [
    { name: 'random bytes', make: () => random },
    { name: 'random bytes as an ArrayBuffer', make: () => random.buffer },
    { name: 'zero bytes', make: () => new Uint8Array(size) },
    { name: 'newline bytes', make: () => new Uint8Array(size).fill(0x0a) },
    { name: 'RMC frame whose size field lies', make: () => Uint8Array.of(0xff, 0xff, 0xff, 0x7f, 0x7f, 0xff, 0xff, 0x00, ...random.subarray(0, 64)) },
    { name: 'valid-looking RMC success frame, megabyte body', make: () => {
      const frame = new Uint8Array(size);
      new DataView(frame.buffer).setUint32(0, size - 4, true);
      frame[4] = 0x0a;
      frame[5] = 1;
      return frame;
    } },
    { name: 'random bytes as a snapshot body', make: () => ({ status: 500, body: random }) },
    { name: 'wide object', make: wide },
    { name: 'wide object as a body', make: () => ({ status: 400, body: wide() }) },
    { name: 'wide headers', make: () => ({ status: 429, headers: wide() }) },
    { name: 'long array', make: () => Array.from({ length: size / 8 }, (_, index) => index) },
    { name: 'long array as ky data', make: () => kyHttpErrorLike(Array.from({ length: size / 8 }, (_, index) => String(index)), 500) },
  ];
}
