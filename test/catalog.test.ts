import { describe, expect, it } from 'vitest';
import { catalog, lookup } from '../src/catalog/index.ts';
import { CATEGORIES, RETRY_ADVICE, RETRY_BY_CATEGORY } from '../src/core/category.ts';
import { SERVICES } from '../src/core/service.ts';
import { toDisplayCode, toHex } from '../src/services/nex/result-code.ts';

const all = catalog();

/** Names that more than one entry of a service goes by (an HRESULT name several MSNP codes share). */
const sharedNames = new Set(
  SERVICES.flatMap((service) => {
    // A name and its other spelling of one entry ('InvalidUniqueId', 'InvalidUniqueID') count once.
    const names = catalog(service).flatMap((entry) => [...new Set([entry.name, ...(entry.otherNames ?? [])].map((name) => name.toLowerCase()))]);
    return names.filter((name, index) => names.indexOf(name) !== index).map((name) => `${service}:${name}`);
  }),
);

describe('catalog', () => {
  it('holds every service, and catalog(service) is exactly that service', () => {
    for (const service of SERVICES) {
      const entries = catalog(service);
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((entry) => entry.service === service)).toBe(true);
    }
    expect(all.length).toBe(SERVICES.reduce((sum, service) => sum + catalog(service).length, 0));
  });

  it('gives every entry a valid category, retry advice and source', () => {
    for (const entry of all) {
      expect(CATEGORIES).toContain(entry.category);
      expect(RETRY_ADVICE).toContain(entry.retry);
      expect(entry.source.length).toBeGreaterThan(0);
      if (entry.retry !== RETRY_BY_CATEGORY[entry.category]) expect(entry.reason, `${entry.service} ${entry.code}`).toBeTruthy();
      if (entry.success === true) expect(entry.retry).toBe('never');
    }
  });

  it('cannot be changed by a caller', () => {
    const entry = catalog('lobby')[0];
    expect(Object.isFrozen(entry)).toBe(true);
    expect(Object.isFrozen(catalog('lobby'))).toBe(true);
    expect(Object.isFrozen(all)).toBe(true);
  });

  it.each(all.map((entry) => [entry.service, entry.code, entry] as const))('finds %s %s by its code and its name', (service, code, entry) => {
    const byCode = lookup(service, code);
    // A code two names share (platform 406) finds the first; the second is found by name.
    expect(byCode?.code).toBe(code);
    if (sharedNames.has(`${service}:${entry.name.toLowerCase()}`)) {
      // Lobby prefers the SDK's reason, platform a constant's own entry, then the lowest code; others find none.
      const found = lookup(service, entry.name);
      if (service === 'lobby' || service === 'platform') expect([found?.name, ...(found?.otherNames ?? [])].map((name) => name?.toLowerCase())).toContain(entry.name.toLowerCase());
      else expect(found).toBeUndefined();
    }
    else expect(lookup(service, entry.name)?.code).toBe(code);
    if (/^\d+$/.test(code)) expect(lookup(service, Number(code))?.code).toBe(code);
  });

  it.each(catalog('nex').map((entry) => [entry.code, entry] as const))('finds NEX %s in every notation', (code, entry) => {
    const value = Number(entry.resultCode);
    expect(lookup('nex', value)).toBe(entry);
    expect(lookup('nex', value & 0x7fffffff)).toBe(entry);
    expect(lookup('nex', value | 0)).toBe(entry);
    expect(lookup('nex', toHex(value))).toBe(entry);
    expect(lookup('nex', toHex(value).toLowerCase())).toBe(entry);
    const wiiu = toDisplayCode(value, 'wiiu');
    if (wiiu !== undefined) expect(lookup('nex', wiiu)).toBe(entry);
    expect(entry.wiiUCode ?? (code.startsWith('2306-') ? code.replace('2306-', '106-') : undefined)).toBe(wiiu);
    expect(lookup('nex', ` ${code} `)).toBe(entry);
  });

  it('finds the contract examples', () => {
    expect(lookup('nex', 0x80680006)).toBe(lookup('nex', '2306-0806'));
    expect(lookup('nex', 'Authentication::TokenExpired')).toBe(lookup('nex', '2306-0806'));
    expect(lookup('nex', '2306-0806')?.category).toBe('token-expired');
    expect(lookup('lobby', 16001)?.name).toBe('LobbyNotFound');
    expect(lookup('lobby', '16004')?.name).toBe('LobbyFull');
    expect(lookup('msnp', '0x80048821')?.name).toBe('PPCRL_REQUEST_E_BAD_MEMBER_NAME_OR_PASSWORD');
    expect(lookup('msnp', 0x80048821)?.name).toBe('PPCRL_REQUEST_E_BAD_MEMBER_NAME_OR_PASSWORD');
    expect(lookup('coral', 9404)?.category).toBe('token-expired');
    expect(lookup('coral', '2815-2104')?.name).toBe('SmartDeviceVoiceChat::InvalidAccessToken');
  });

  it('keeps every meaning of the shared platform numbers, found by name or SDK constant', () => {
    expect(lookup('platform', 406)?.name).toBe('NotExistData');
    expect(lookup('platform', 'AlreadyUsedIdpAccount')?.code).toBe('406');
    expect(lookup('platform', 'ALREADY_USER_GOT_REWARD')?.name).toBe('AlreadyUserGotReward');
    expect(lookup('platform', 'CODE_NOT_MATCHED')).toMatchObject({ code: '461', name: 'CodeNotMatched' });
    expect(lookup('platform', 'EXIT_PROCESS_ERROR')).toMatchObject({ code: '462', name: 'ExitProcessError' });
    const meanings = (code: string): string[] => catalog('platform').filter((entry) => entry.code === code).map((entry) => entry.name);
    expect(meanings('406')).toEqual(['NotExistData', 'AlreadyUsedIdpAccount', 'AlreadyUserGotReward']);
    expect(meanings('461')).toEqual(['Punishment', 'CodeNotMatched']);
    expect(meanings('462')).toEqual(['PlayerProtected', 'ExitProcessError', 'Unregistered']);
  });

  it('maps an HRESULT back to an MSNP code only when one code has it', () => {
    const shared = catalog('msnp').filter((entry) => entry.hresult === '0x8100030a');
    expect(shared.map((entry) => entry.code)).toEqual(['205', '206', '208', '216']);
    expect(lookup('msnp', '0x8100030a')).toBeUndefined();
    expect(lookup('msnp', 0x81000395)?.code).toBe('911');
    expect(lookup('msnp', 'MSGR_E_USER_NOT_FOUND')).toBeUndefined();
    expect(lookup('msnp', 'MSGR_E_MSNP_911')?.code).toBe('911');
  });

  it('marks the rows that report success', () => {
    const successes = all.filter((entry) => entry.success === true).map((entry) => `${entry.service} ${entry.code}`);
    expect(successes).toEqual(expect.arrayContaining(['platform 200', 'msnp 218', 'msnp 0x00048802', 'msnp 0x00048803']));
    expect(all.filter((entry) => entry.success === true && entry.retry !== 'never')).toEqual([]);
  });

  it.each([
    ['nex', '2306-9999'],
    ['nex', 0x807f0001],
    ['nex', 'Authentication::NoSuchThing'],
    ['lobby', 16997],
    ['lobby', -1],
    ['lobby', 1.5],
    ['coral', '9404x'],
    ['msnp', 999],
    ['msnp', '0xzz'],
    ['platform', ''],
    ['companion', '999999'],
  ] as const)('finds nothing for %s %s', (service, code) => {
    expect(lookup(service, code)).toBeUndefined();
  });

  it('finds nothing, without throwing, for values of the wrong type', () => {
    const bad: unknown[] = [null, undefined, {}, [], Symbol('x'), 10n, Number.NaN, Infinity];
    for (const value of bad) expect(lookup('lobby', value as string)).toBeUndefined();
    expect(lookup('no-such-service' as 'lobby', 16001)).toBeUndefined();
    expect(catalog('no-such-service' as 'lobby')).toEqual([]);
  });
});
