import { describe, expect, it } from 'vitest';
import { catalog } from '../src/catalog/index.ts';
import { msnpErrorLine, msnpOut, nexResultBody, passportFault, rmcErrorFrame, rmcSuccessFrame } from '../src/testing/index.ts';

/** A reader written from the documented layout (rmc.py RMCMessage.decode), independent of the builder. */
function decode(frame: Uint8Array): Record<string, unknown> {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  let offset = 0;
  const u8 = (): number => view.getUint8(offset++);
  const u16 = (): number => {
    const value = view.getUint16(offset, true);
    offset += 2;
    return value;
  };
  const u32 = (): number => {
    const value = view.getUint32(offset, true);
    offset += 4;
    return value;
  };
  const size = u32();
  expect(size).toBe(frame.length - 4);
  const first = u8();
  expect(first & 0x80).toBe(0); // a response, not a request
  const protocolId = first === 0x7f ? u16() : first;
  const success = u8();
  if (success === 1) {
    const callId = u32();
    const method = u32();
    return { protocolId, success: true, callId, methodBit: (method & 0x8000) !== 0, methodId: method & ~0x8000, body: frame.slice(offset) };
  }
  expect(success).toBe(0);
  const resultCode = u32();
  const callId = u32();
  expect(offset).toBe(frame.length); // nothing follows an error
  return { protocolId, success: false, resultCode, callId };
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('rmcErrorFrame', () => {
  it('lays out size, protocol, success 0, result code, call id, little-endian', () => {
    const frame = rmcErrorFrame({ protocolId: 10, callId: 1, resultCode: 0x80680006 });
    expect(hex(frame)).toBe('0a000000' + '0a' + '00' + '06006880' + '01000000');
    expect(decode(frame)).toEqual({ protocolId: 10, success: false, resultCode: 0x80680006, callId: 1 });
  });

  it('takes the extended form from protocol id 0x7F, and a signed result code', () => {
    const frame = rmcErrorFrame({ protocolId: 0x7f, callId: 0xdeadbeef, resultCode: 0x80680006 | 0, methodId: 3 });
    expect(hex(frame.slice(0, 8))).toBe('0c000000' + '7f' + '7f00' + '00');
    expect(decode(frame)).toEqual({ protocolId: 0x7f, success: false, resultCode: 0x80680006, callId: 0xdeadbeef });
    expect(decode(rmcErrorFrame({ protocolId: 0x1234, callId: 2, resultCode: 0x80010001 }))).toMatchObject({ protocolId: 0x1234 });
  });

  it('encodes every catalogued NEX result code so a reader gets it back', () => {
    for (const entry of catalog('nex')) {
      if (entry.resultCode === undefined) continue;
      const resultCode = Number(entry.resultCode);
      expect(decode(rmcErrorFrame({ protocolId: 10, callId: 7, resultCode }))).toMatchObject({ resultCode, callId: 7 });
    }
  });
});

describe('rmcSuccessFrame and nexResultBody', () => {
  it('lays out size, protocol, success 1, call id, method id | 0x8000, body', () => {
    const body = nexResultBody(0x80030064, new Uint8Array([0xaa, 0xbb]));
    expect(hex(body)).toBe('64000380' + 'aabb');
    const frame = rmcSuccessFrame({ protocolId: 10, callId: 3, methodId: 1, body });
    expect(hex(frame)).toBe('10000000' + '0a' + '01' + '03000000' + '01800000' + '64000380aabb');
    const decoded = decode(frame);
    expect(decoded).toMatchObject({ protocolId: 10, success: true, callId: 3, methodBit: true, methodId: 1 });
    expect(hex(decoded.body as Uint8Array)).toBe(hex(body));
  });

  it('sends an empty body by default, and a bare result', () => {
    expect(hex(rmcSuccessFrame({ protocolId: 0x7f, callId: 1, methodId: 2 }))).toBe('0c000000' + '7f7f00' + '01' + '01000000' + '02800000');
    expect(hex(nexResultBody(0x00010001))).toBe('01000100');
  });
});

describe('MSNP lines', () => {
  it('writes an error line with the TrID echoed', () => {
    expect(msnpErrorLine(911, 20)).toBe('911 20\r\n');
    expect(msnpErrorLine('500', '0')).toBe('500 0\r\n');
  });

  it('gives a payload its length in UTF-8 bytes', () => {
    const payload = '<ml><d n="example.com"><c n="a"/></d></ml>';
    expect(msnpErrorLine(241, 7, payload)).toBe(`241 7 ${String(payload.length)}\r\n${payload}`);
    expect(msnpErrorLine(241, 8, 'é')).toBe('241 8 2\r\né');
  });

  it('writes OUT with a reason and with none', () => {
    expect(msnpOut('SSD')).toBe('OUT SSD\r\n');
    expect(msnpOut('OTH')).toBe('OUT OTH\r\n');
    expect(msnpOut()).toBe('OUT\r\n');
  });
});

describe('passportFault', () => {
  it('puts the HRESULT at S:Fault/S:Detail/psf:error/psf:value and in psf:reqstatus', () => {
    const xml = passportFault(0x80048821, { serverTime: new Date('2030-01-01T00:00:00Z') });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8" ?>')).toBe(true);
    expect(xml).toMatch(/<S:Fault>[\s\S]*<S:Detail>\s*<psf:error>\s*<psf:value>0x80048821<\/psf:value>[\s\S]*<\/psf:error>\s*<\/S:Detail>\s*<\/S:Fault>/);
    expect(xml).toContain('<psf:reqstatus>0x80048821</psf:reqstatus>');
    expect(xml).toContain('xmlns:psf="http://schemas.microsoft.com/Passport/SoapServices/SOAPFault"');
    expect(xml).toContain('ServerTime="2030-01-01T00:00:00Z"');
    expect(xml).toContain('<S:Value>wst:FailedAuthentication</S:Value>');
  });

  it('accepts the HRESULT as hex text, and escapes the text it is given', () => {
    const xml = passportFault('0x80048823', { text: 'locked <out> & "reset"', internalCode: 0x80041012 });
    expect(xml).toContain('<psf:value>0x80048823</psf:value>');
    expect(xml).toContain('<psf:code>0x80041012</psf:code>');
    expect(xml).toContain('<psf:text>locked &lt;out&gt; &amp; &quot;reset&quot;</psf:text>');
  });

  it('is balanced XML: every element it opens, it closes', () => {
    const xml = passportFault(0x80048821);
    const stack: string[] = [];
    for (const match of xml.matchAll(/<(\/?)([A-Za-z][\w:]*)[^>]*?(\/?)>/g)) {
      const [, closing, name, selfClosing] = match;
      if (selfClosing === '/') continue;
      if (closing === '/') expect(stack.pop()).toBe(name);
      else stack.push(name ?? '');
    }
    expect(stack).toEqual([]);
  });
});
