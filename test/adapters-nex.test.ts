import { describe, expect, it } from 'vitest';
import { coralCatalog } from '../src/catalog/generated/coral.ts';
import type { CatalogEntry } from '../src/core/catalog-entry.ts';
import { CATEGORIES } from '../src/core/category.ts';
import { isGameServiceError } from '../src/core/error.ts';
import { classifyNex, nexAdapter, nexCatalog, readRmcResponse, toDisplayCode, toResultCode, type RmcResponse } from '../src/services/nex/index.ts';
import { SUCCESS_RESULT } from '../src/services/nex/read-code.ts';

/** Every NEX result code the catalogs hold: the 2306 table and the 2815 (SmartDeviceVoiceChat) rows. */
const results: readonly CatalogEntry[] = [...nexCatalog, ...coralCatalog.filter((entry) => entry.resultCode !== undefined)];

const u32 = (value: number): number[] => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
const u16 = (value: number): number[] => [value & 0xff, (value >>> 8) & 0xff];

/** The protocol bytes of a response: one byte below 0x7F, else 0x7F and a u16 (rmc.py's encoding). */
function protocol(id: number): number[] {
  return id < 0x7f ? [id] : [0x7f, ...u16(id)];
}

function frame(content: readonly number[]): Uint8Array {
  return Uint8Array.from([...u32(content.length), ...content]);
}

function failureFrame(protocolId: number, resultCode: number, callId: number): Uint8Array {
  return frame([...protocol(protocolId), 0, ...u32(resultCode), ...u32(callId)]);
}

function successFrame(protocolId: number, callId: number, methodId: number, body: readonly number[]): Uint8Array {
  return frame([...protocol(protocolId), 1, ...u32(callId), ...u32(methodId | 0x8000), ...body]);
}

/** A Ticket Granting Login answer: %retval%, then pid, an empty ticket buffer and so on. */
function loginFrame(result: number): Uint8Array {
  return successFrame(10, 3, 1, [...u32(result), ...u32(0), ...u32(0), 0, 0]);
}

function expectEntry(error: ReturnType<typeof classifyNex>, entry: CatalogEntry): void {
  expect(error.service).toBe('nex');
  expect(error.code).toBe(entry.code);
  expect(error.codeName).toBe(entry.name);
  expect(error.category).toBe(entry.category);
  expect(error.retry).toBe(entry.retry);
  expect(error.description).toBe(entry.description);
}

describe('NEX adapter: every catalogued result in every notation', () => {
  it('covers the 2306 table and the twenty 2815 rows', () => {
    expect(results).toHaveLength(nexCatalog.length + 20);
  });

  describe.each(results.map((entry) => [`${entry.code} ${entry.name}`, entry] as const))('%s', (_label, entry) => {
    const resultCode = Number(entry.resultCode);
    const withoutBit = resultCode & 0x7fffffff;
    const signed = resultCode | 0;
    const hex = `0x${resultCode.toString(16).toUpperCase().padStart(8, '0')}`;

    const forms: [string, unknown][] = [
      ['the number', resultCode],
      ['the signed 32-bit number', signed],
      ['a hex string', hex],
      ['a lower-case hex string', hex.toLowerCase()],
      ['the display code', entry.code],
      ['the name', entry.name],
      ['an object with resultCode', { resultCode }],
      ['an Error with a numeric code', Object.assign(new Error('call failed'), { code: resultCode })],
      ['an object with a NEX-ish errorCode', { errorCode: entry.code }],
      ['an Error whose message names it', new Error(`RMC call failed: ${entry.name} (${hex})`)],
    ];
    // Core::Unknown without its error bit is the success result itself (tested apart).
    if (withoutBit !== SUCCESS_RESULT) forms.push(['the number without the error bit', withoutBit]);
    const wiiu = toDisplayCode(resultCode, 'wiiu');
    if (wiiu !== undefined) forms.push(['the Wii U display code (106-)', wiiu]);

    it.each(forms)('as %s', (form, raw) => {
      const error = classifyNex(raw);
      expectEntry(error, entry);
      if (form.startsWith('the Wii U')) expect(error.details).toMatchObject({ shownAs: raw, platform: 'wiiu' });
    });

    it.each([
      ['a one-byte protocol id', 0x0a],
      ['protocol id 0x7E, the last one-byte id', 0x7e],
      ['an extended protocol id (0x7F)', 0x7f],
      ['an extended protocol id above 0x7F', 0x6d + 0x100],
    ])('in an RMC failure frame with %s', (_form, protocolId) => {
      const error = classifyNex(failureFrame(protocolId, resultCode, 77));
      expectEntry(error, entry);
      expect(error.details).toMatchObject({ source: 'rmc-failure', protocolId, callId: 77, resultCode: hex });
    });

    it('in the body of a successful Login answer, when asked to read it', () => {
      const error = classifyNex(loginFrame(resultCode), { bodyResult: true });
      expectEntry(error, entry);
      expect(error.details).toMatchObject({ source: 'rmc-body-result', protocolId: 10, methodId: 1, callId: 3 });
    });

    it('as an ArrayBuffer, a Node Buffer and a DataView of the frame', () => {
      const bytes = failureFrame(0x0a, resultCode, 1);
      for (const raw of [bytes.slice().buffer, Buffer.from(bytes), new DataView(bytes.slice().buffer)]) expectEntry(classifyNex(raw), entry);
    });
  });
});

describe('NEX adapter: the cases the issue names', () => {
  it('0x80680006 is Authentication::TokenExpired, 2306-0806, from the catalog', () => {
    const error = classifyNex(0x80680006);
    expect(error.code).toBe('2306-0806');
    expect(error.codeName).toBe('Authentication::TokenExpired');
    expect(error.details).toMatchObject({ resultCode: '0x80680006', module: 'Authentication' });
    expect(nexAdapter.classify(0x80680006).toJSON()).toEqual(error.toJSON());
  });

  it('an RMC failure frame and a Login answer reporting maintenance in its body', () => {
    expect(classifyNex(failureFrame(0x0a, 0x80680006, 9)).codeName).toBe('Authentication::TokenExpired');
    const maintenance = classifyNex(loginFrame(0x8068000b), { bodyResult: true });
    expect(maintenance.codeName).toBe('Authentication::UnderMaintenance');
    expect(maintenance.code).toBe('2306-0811');
    expect(classifyNex(loginFrame(0x80030064), { bodyResult: true }).codeName).toBe('RendezVous::InvalidUsername');
  });

  it('2815-2104 is SmartDeviceVoiceChat::InvalidAccessToken, a NEX result of module 0x72', () => {
    const error = classifyNex('2815-2104');
    expect(error.service).toBe('nex');
    expect(error.codeName).toBe('SmartDeviceVoiceChat::InvalidAccessToken');
    expect(error.details).toMatchObject({ resultCode: '0x80720004' });
  });
});

describe('NEX adapter: success frames and success results', () => {
  it('a success frame whose body starts with a catalogued error result is read as that result, unasked', () => {
    const error = classifyNex(loginFrame(0x80680006));
    expect(error).toMatchObject({ code: '2306-0806', codeName: 'Authentication::TokenExpired', category: 'token-expired' });
    expect(error.details).toMatchObject({ source: 'rmc-body-result', inferred: true, protocolId: 10, methodId: 1 });
  });

  it('a success frame whose body does not start with a catalogued error is not an error unless asked', () => {
    for (const leading of [0x00010001, 0x12345678, 0x80990001]) {
      const error = classifyNex(loginFrame(leading));
      expect(error.code).toBe('UNKNOWN');
      expect(error.category).toBe('unknown');
      expect(error.retryable).toBe(false);
      expect(error.description).toMatch(/reports success/);
      expect(error.description).toMatch(/bodyResult/);
      expect(error.details).toMatchObject({ source: 'rmc-success', protocolId: 10, methodId: 1 });
    }
    expect(classifyNex(loginFrame(0x80990001), { bodyResult: true }).code).toBe('0x80990001');
  });

  it('bodyResult: false never reads the body, even a catalogued error result', () => {
    const error = classifyNex(loginFrame(0x80680006), { bodyResult: false });
    expect(error.code).toBe('UNKNOWN');
    expect(error.details).toMatchObject({ source: 'rmc-success' });
  });

  it('a body result with the error bit clear (0x00010001) reports success, not an error', () => {
    const error = classifyNex(loginFrame(0x00010001), { bodyResult: true });
    expect(error.code).toBe('0x00010001');
    expect(error.codeName).toBeUndefined();
    expect(error.category).toBe('unknown');
    expect(error.description).toMatch(/success, not an error/);
    expect(error.details).toMatchObject({ success: true, source: 'rmc-body-result' });
  });

  it('0x00010001 is the success result, although Core::Unknown (0x80010001) without its error bit reads the same', () => {
    expect(classifyNex(0x80010001).codeName).toBe('Core::Unknown');
    expect(classifyNex(0x80010001 & 0x7fffffff).details).toMatchObject({ success: true });
  });

  it('the success result passed alone, as number, hex or in an object, is not an error either', () => {
    for (const raw of [0x00010001, '0x00010001', { resultCode: 0x00010001 }]) {
      const error = classifyNex(raw);
      expect(error.code).toBe('0x00010001');
      expect(error.category).toBe('unknown');
      expect(error.details).toMatchObject({ success: true });
    }
  });

  it('a success body too short for a result is an invalid frame', () => {
    const error = classifyNex(successFrame(10, 1, 1, [1, 0]), { bodyResult: true });
    expect(error.category).toBe('unknown');
    expect(error.details).toMatchObject({ invalidFrame: true });
  });
});

describe('NEX adapter: codes the catalog lacks', () => {
  it('a module outside the table keeps its hex code', () => {
    const error = classifyNex(0x807f0001);
    expect(error.code).toBe('0x807F0001');
    expect(error.category).toBe('unknown');
    expect(error.details).toMatchObject({ resultCode: '0x807F0001', module: '0x7F' });
    expect(classifyNex(0x007f0001).code).toBe('0x807F0001');
    expect(classifyNex(failureFrame(0x7f, 0x807f0001, 1)).code).toBe('0x807F0001');
  });

  it.each([
    ['Transport', 0x80050063, 'network', '2306-0599'],
    ['PythonCore', 0x80040063, 'server-error', '2306-0499'],
    ['Authentication', 0x80680063, 'unauthenticated', '2306-0899'],
    ['DataStore (no module-wide category)', 0x80690063, 'unknown', '2306-1299'],
  ] as const)('an uncatalogued %s code gets its category from the module and keeps its code', (_module, resultCode, category, display) => {
    const error = classifyNex(resultCode);
    expect(error.code).toBe(display);
    expect(error.codeName).toBeUndefined();
    expect(error.category).toBe(category);
    expect(error.description).toMatch(/not in the catalog/);
    expect(classifyNex(display).code).toBe(display);
  });

  it('a description past the display range keeps the hex code', () => {
    const error = classifyNex(0x80050100);
    expect(error.code).toBe('0x80050100');
    expect(error.category).toBe('network');
  });

  it('the unnamed RendezVous 2306-0319 keeps its display code', () => {
    const error = classifyNex('2306-0319');
    expect(error.code).toBe('2306-0319');
    expect(error.details).toMatchObject({ resultCode: `0x${(toResultCode('2306-0319') ?? 0).toString(16).toUpperCase()}` });
  });

  it('a display group no module shows is kept and explained', () => {
    const error = classifyNex('2306-9901');
    expect(error.code).toBe('2306-9901');
    expect(error.category).toBe('unknown');
    expect(error.description).toMatch(/display group 99/);
  });

  it('PIA codes are recognised: PIA, code not catalogued', () => {
    const error = classifyNex('2618-0513');
    expect(error.code).toBe('2618-0513');
    expect(error.category).toBe('unknown');
    expect(error.description).toMatch(/PIA, code not catalogued/);
    expect(error.details).toMatchObject({ library: 'PIA' });
  });
});

describe('NEX adapter: frames that cannot be read', () => {
  const valid = failureFrame(0x0a, 0x80680006, 1);
  it.each([
    ['no bytes', new Uint8Array(0), /too few for the frame's size field/],
    ['only part of the size field', Uint8Array.of(1, 0), /too few/],
    ['a truncated failure frame', valid.subarray(0, valid.length - 3), /truncated/],
    ['a size field larger than the frame', Uint8Array.of(200, 0, 0, 0, 0x0a, 0), /truncated/],
    ['trailing bytes', Uint8Array.from([...valid, 0]), /trailing bytes/],
    ['a failure frame with extra bytes inside its size', frame([0x0a, 0, ...u32(0x80680006), ...u32(1), 9]), /after its call id/],
    ['a request frame', frame([0x8a, ...u32(1), ...u32(1)]), /request/],
    ['an extended id cut off', frame([0x7f, 0x01]), /extended/],
    ['a success flag that is not a bool', frame([0x0a, 7, ...u32(1), ...u32(1)]), /success flag is 7/],
    ['a success frame without its method id', frame([0x0a, 1, ...u32(1)]), /before its call id and method id/],
    ['garbage', Uint8Array.from('not an rmc frame at all', (char) => char.charCodeAt(0)), /size field says/],
  ])('%s: an invalid-frame error with the reason, never a throw', (_case, bytes, reason) => {
    const error = classifyNex(bytes);
    expect(isGameServiceError(error)).toBe(true);
    expect(error.code).toBe('UNKNOWN');
    expect(error.category).toBe('unknown');
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({ invalidFrame: true });
    expect(String(error.details?.['reason'])).toMatch(reason);
    expect(error.received).toBe(`[${bytes.byteLength} bytes]`);
  });
});

describe('readRmcResponse', () => {
  it('reads a failure frame', () => {
    const read = readRmcResponse(failureFrame(0x0a, 0x80680006, 42));
    expect(read.isOk()).toBe(true);
    expect(read._unsafeUnwrap()).toEqual({ success: false, protocolId: 10, extendedProtocol: false, resultCode: 0x80680006, callId: 42 });
  });

  it('reads a success frame and hands the body back without its method flag', () => {
    const body = [1, 2, 3, 4, 5];
    const read = readRmcResponse(successFrame(0x100 + 0x6d, 7, 0x21, body));
    const response: RmcResponse = read._unsafeUnwrap();
    expect(response).toMatchObject({ success: true, protocolId: 0x16d, extendedProtocol: true, callId: 7, methodId: 0x21 });
    expect(response.success && [...response.body]).toEqual(body);
  });

  it('gives a typed error for a truncated frame and for values that are not bytes', () => {
    const truncated = readRmcResponse(Uint8Array.of(9, 0, 0, 0, 0x0a));
    expect(truncated.isErr()).toBe(true);
    expect(truncated._unsafeUnwrapErr().details).toMatchObject({ invalidFrame: true });
    for (const raw of [undefined, 'bytes', 42, {}]) {
      const read = readRmcResponse(raw);
      expect(read.isErr()).toBe(true);
      expect(read._unsafeUnwrapErr().service).toBe('nex');
    }
  });
});

describe('NEX adapter: everything else it may be handed', () => {
  it.each([
    ['ECONNRESET', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'network'],
    ['ETIMEDOUT', Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }), 'timeout'],
    ['an AbortError', Object.assign(new Error('aborted'), { name: 'AbortError' }), 'cancelled'],
    ['a TimeoutError', new DOMException('timed out', 'TimeoutError'), 'timeout'],
  ] as const)('%s is a transport failure', (_case, raw, category) => {
    const error = classifyNex(raw);
    expect(error.category).toBe(category);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('follows cause chains to a result code', () => {
    const error = classifyNex(new Error('login failed', { cause: { resultCode: 0x80680006 } }));
    expect(error.codeName).toBe('Authentication::TokenExpired');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty string', ''],
    ['prose', 'something went wrong'],
    ['a name the catalog lacks', 'Authentication::NoSuchThing'],
    ['a display code of another system', '2124-4007'],
    ['a small number (module 0)', 404],
    ['a fraction', 1.5],
    ['a number wider than 32 bits', 2 ** 40],
    ['a huge bigint', 2n ** 64n],
    ['a symbol', Symbol('x')],
    ['a function', () => 0x80680006],
    ['a plain Error', new Error('boom')],
  ])('%s is unknown, never a throw', (_case, raw) => {
    const error = classifyNex(raw);
    expect(error.code).toBe('UNKNOWN');
    expect(error.category).toBe('unknown');
    expect(CATEGORIES).toContain(error.category);
  });

  it('a bigint within 32 bits is read as a result code', () => {
    expect(classifyNex(0x80680006n).codeName).toBe('Authentication::TokenExpired');
  });

  it('survives hostile objects: getters that throw, revoked proxies', () => {
    const hostile = Object.defineProperty({}, 'resultCode', { get: () => { throw new Error('no'); } });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const trap = new Proxy({}, { get: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } });
    for (const raw of [hostile, proxy, trap]) expect(classifyNex(raw).category).toBe('unknown');
  });

  it('reads only the start of a huge string', () => {
    expect(classifyNex(`${' '.repeat(5000)}2306-0806`).code).toBe('UNKNOWN');
    expect(classifyNex(`2306-0806 ${'x'.repeat(1_000_000)}`).code).toBe('2306-0806');
  });

  it('returns an error it is given back unchanged', () => {
    const error = classifyNex(0x80680006);
    expect(classifyNex(error)).toBe(error);
  });

  it('keeps secrets the caller names out of the error', () => {
    const token = 'nex-token-0123456789abcdef';
    const error = classifyNex({ resultCode: 0x80680006, token, note: `sent ${token}` }, { secrets: [token] });
    expect(JSON.stringify(error)).not.toContain(token);
  });
});
