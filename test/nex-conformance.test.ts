/**
 * NEX as NintendoClients, nex-go and the wikis number it: the Wii U's own display codes, the
 * Custom and Ess modules, the voice-chat results, and the extended protocol id of RMC frames.
 */
import { describe, expect, it } from 'vitest';
import { readProtoTables } from '../catalog/proto-sources.ts';
import { catalog, lookup } from '../src/catalog/index.ts';
import { classify } from '../src/classify.ts';
import { lookupCoral } from '../src/services/coral/index.ts';
import { classifyNex, lookupNex, nexCatalog, readRmcResponse, toDisplayCode } from '../src/services/nex/index.ts';

const fpd = nexCatalog.filter((entry) => entry.name.startsWith('FPD::'));
const wiiuPage = readProtoTables().find((table) => table.file === 'nex-kinnay-wiki-wiiu-codes');
const wiiuMessages = readProtoTables().find((table) => table.file === 'nex-kinnay-wiki-wiiu-messages');

describe('NEX display codes belong to a platform: FPD on the Wii U', () => {
  it('every FPD entry carries its Wii U code, one above its Switch code', () => {
    expect(fpd.length).toBeGreaterThan(40);
    for (const entry of fpd) {
      const description = Number(entry.resultCode) & 0xffff;
      expect(entry.code).toBe(`2306-${String(700 + description + 1).padStart(4, '0')}`);
      expect(entry.wiiUCode).toBe(`106-${String(700 + description + 2).padStart(4, '0')}`);
    }
    expect(nexCatalog.filter((entry) => entry.wiiUCode !== undefined)).toEqual(fpd);
  });

  it.each(fpd.map((entry) => [entry.name, entry] as const))('%s by its Switch and its Wii U code', (_name, entry) => {
    const switchError = classifyNex(entry.code);
    const wiiuError = classifyNex(entry.wiiUCode ?? '');
    for (const error of [switchError, wiiuError]) expect(error).toMatchObject({ code: entry.code, codeName: entry.name, category: entry.category });
    expect(wiiuError.details).toMatchObject({ shownAs: entry.wiiUCode, platform: 'wiiu', resultCode: entry.resultCode });
    expect(lookup('nex', entry.wiiUCode ?? '')).toBe(lookup('nex', entry.code));
    expect(toDisplayCode(Number(entry.resultCode), 'wiiu')).toBe(entry.wiiUCode);
  });

  it('0x80650000 FPD::NotInitialized is 2306-0701 on the Switch and 106-0702 on the Wii U', () => {
    expect(lookup('nex', 0x80650000)).toMatchObject({ code: '2306-0701', wiiUCode: '106-0702', name: 'FPD::NotInitialized' });
    expect(classify('nex', '106-0702').codeName).toBe('FPD::NotInitialized');
    expect(classify('nex', '2306-0702').codeName).toBe('FPD::AlreadyInitialized');
  });

  it('the same digits name different results on the two consoles', () => {
    expect(classifyNex('106-0722').codeName).toBe('FPD::Unknown');
    expect(classifyNex('2306-0722').codeName).toBe('FPD::InvalidState');
    expect(classifyNex('106-0720').codeName).toBe('FPD::FileIO');
    expect(classifyNex('2306-0720').codeName).toBe('FPD::P2PInternetProhibited');
    // Below FPD's first Wii U number there is nothing.
    expect(lookupNex('106-0701')).toBeUndefined();
  });

  it('every other module shows the same digits under 106-, as the Wii U page lists them', () => {
    const rows = wiiuPage?.rows ?? [];
    expect(rows.length).toBeGreaterThan(200);
    for (const row of rows) {
      const entry = lookupNex(row.code);
      expect(entry?.name, row.code).toBe(row.name);
      if (entry?.name.startsWith('FPD::') === false) expect(entry.code).toBe(row.code.replace('106-', '2306-'));
    }
  });

  it('an uncatalogued Wii U code is kept as the Wii U wrote it', () => {
    const error = classifyNex('106-9999');
    expect(error.code).toBe('106-9999');
    expect(error.description).toMatch(/Wii U/);
  });
});

describe('NEX: the Custom and Ess modules', () => {
  it.each([
    ['Custom::Unknown', 0x80740001, 'unknown'],
    ['Ess::Unknown', 0x80750001, 'unknown'],
    ['Ess::GameSessionError', 0x80750002, 'server-error'],
    ['Ess::GameSessionMaintenance', 0x80750003, 'maintenance'],
  ] as const)('%s is found by result code and name, with no display code', (name, resultCode, category) => {
    const hex = `0x${resultCode.toString(16).toUpperCase()}`;
    const entry = lookup('nex', resultCode);
    expect(entry).toMatchObject({ code: hex, name, resultCode: hex, category });
    expect(lookup('nex', name)).toBe(entry);
    expect(lookup('nex', hex.toLowerCase())).toBe(entry);
    expect(lookup('nex', resultCode & 0x7fffffff)).toBe(entry);
    expect(entry?.note).toMatch(/No display code is known/);
    expect(toDisplayCode(resultCode)).toBeUndefined();
    for (const raw of [resultCode, hex, name, new Error(`RMC call failed: ${name}`)]) {
      expect(classifyNex(raw)).toMatchObject({ code: hex, codeName: name, category, details: { module: name.split('::')[0] } });
    }
  });

  it('Ess::GameSessionMaintenance waits, as maintenance does', () => {
    expect(classifyNex(0x80750003)).toMatchObject({ category: 'maintenance', retry: 'wait' });
  });

  it('an Ess code no source names keeps its module\'s name', () => {
    const error = classifyNex(0x80750009);
    expect(error).toMatchObject({ code: '0x80750009', category: 'unknown', details: { module: 'Ess' } });
  });
});

describe('NEX: voice-chat results (module 0x72) are NEX results', () => {
  const voiceChat = nexCatalog.filter((entry) => entry.code.startsWith('2815-'));

  it('catalog(\'nex\') holds the 20 of them, as NEX entries; Coral keeps them too', () => {
    expect(voiceChat).toHaveLength(20);
    expect(catalog('nex').filter((entry) => entry.code.startsWith('2815-'))).toHaveLength(20);
    expect(catalog('nex').filter((entry) => entry.code.startsWith('2815-')).map((entry) => entry.service)).toEqual(voiceChat.map(() => 'nex'));
    for (const entry of voiceChat) {
      const coral = lookupCoral(entry.code);
      expect(coral).toMatchObject({ service: 'coral', code: entry.code, name: entry.name, category: entry.category });
    }
  });

  it('lookup(\'nex\', 0x80720004) and lookup(\'nex\', \'2815-2104\') find InvalidAccessToken', () => {
    const entry = lookup('nex', 0x80720004);
    expect(entry).toMatchObject({ service: 'nex', code: '2815-2104', name: 'SmartDeviceVoiceChat::InvalidAccessToken' });
    expect(lookup('nex', '2815-2104')).toBe(entry);
    expect(lookup('nex', 'SmartDeviceVoiceChat::InvalidAccessToken')).toBe(entry);
    expect(classify('nex', 0x80720004)).toMatchObject({ service: 'nex', code: '2815-2104', category: entry?.category });
  });

  it('has no Wii U code: the voice-chat library is the Switch app\'s', () => {
    for (const entry of voiceChat) expect(toDisplayCode(Number(entry.resultCode), 'wiiu')).toBeUndefined();
  });
});

describe('NEX: RendezVous::MaxConnectionsReached, as the console tells it', () => {
  it('is a limit that lifts: unavailable, retried with backoff', () => {
    const message = wiiuMessages?.rows.find((row) => row.code === '106-0311')?.message ?? '';
    expect(message).toMatch(/try again later/i);
    expect(lookup('nex', '2306-0311')).toMatchObject({ name: 'RendezVous::MaxConnectionsReached', category: 'unavailable', retry: 'backoff' });
  });

  it('every Wii U message the page gives is for a catalogued code', () => {
    for (const row of wiiuMessages?.rows ?? []) expect(lookupNex(row.code), row.code).toBeDefined();
  });
});

/** An RMC failure frame as NintendoClients' rmc.py encodes it: protocol ids from 0x80 as 0x7F + u16. */
function failureFrame(protocol: number, resultCode: number, callId: number): Uint8Array {
  const head = protocol < 0x80 ? [protocol] : [0x7f, protocol & 0xff, protocol >>> 8];
  const body = new Uint8Array([...head, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const view = new DataView(body.buffer);
  view.setUint32(head.length + 1, resultCode, true);
  view.setUint32(head.length + 5, callId, true);
  const frame = new Uint8Array(4 + body.byteLength);
  new DataView(frame.buffer).setUint32(0, body.byteLength, true);
  frame.set(body, 4);
  return frame;
}

describe('NEX: the extended protocol id of an RMC frame (0x7F + u16)', () => {
  it.each([
    ['a protocol id from 0x80', 0x80],
    ['a protocol id above one byte', 0x0165],
  ])('is read for %s', (_label, protocol) => {
    const frame = failureFrame(protocol, 0x80680006, 9);
    expect(frame[4]).toBe(0x7f);
    expect(readRmcResponse(frame)._unsafeUnwrap()).toEqual({ success: false, protocolId: protocol, extendedProtocol: true, resultCode: 0x80680006, callId: 9 });
    expect(classifyNex(frame)).toMatchObject({ code: '2306-0806', details: { protocolId: protocol, callId: 9, source: 'rmc-failure' } });
  });

  it('is not confused with a one-byte id', () => {
    expect(readRmcResponse(failureFrame(0x0a, 0x80680006, 1))._unsafeUnwrap()).toMatchObject({ protocolId: 10, extendedProtocol: false });
  });
});
