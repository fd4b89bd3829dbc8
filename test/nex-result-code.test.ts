import { describe, expect, it } from 'vitest';
import { nexCatalog } from '../src/catalog/generated/nex.ts';
import { toDisplayCode, toHex, toResultCode } from '../src/services/nex/result-code.ts';

const displayed = nexCatalog.filter((entry) => !entry.code.startsWith('0x'));
const undisplayed = nexCatalog.filter((entry) => entry.code.startsWith('0x'));

describe('NEX result code <-> display code', () => {
  it('every NEX entry, the 2815 voice-chat rows among them, has a result code', () => {
    expect(nexCatalog.every((entry) => entry.resultCode !== undefined)).toBe(true);
    expect(nexCatalog.filter((entry) => entry.code.startsWith('2815-'))).toHaveLength(20);
  });

  it.each(displayed.map((entry) => [entry.code, entry] as const))('%s <-> its result code, on the Switch and the Wii U', (display, entry) => {
    const value = Number(entry.resultCode);
    expect(toDisplayCode(value)).toBe(display);
    expect(toDisplayCode(value, 'switch')).toBe(display);
    expect(toResultCode(display)).toBe(value);
    const wiiu = toDisplayCode(value, 'wiiu');
    if (display.startsWith('2815-')) {
      // The voice-chat library belongs to the Switch's app: no Wii U shows it.
      expect(wiiu).toBeUndefined();
      return;
    }
    expect(wiiu).toBe(entry.wiiUCode ?? display.replace('2306-', '106-'));
    expect(toResultCode(wiiu ?? '')).toBe(value);
  });

  it.each(undisplayed.map((entry) => [entry.code, entry] as const))('%s has no display code on either console', (code, entry) => {
    const value = Number(entry.resultCode);
    expect(toHex(value)).toBe(code);
    expect(toDisplayCode(value)).toBeUndefined();
    expect(toDisplayCode(value, 'wiiu')).toBeUndefined();
  });

  it('reads the result code without the error bit and as a signed 32-bit number', () => {
    expect(toDisplayCode(0x00680006)).toBe('2306-0806');
    expect(toDisplayCode(0x80680006 | 0)).toBe('2306-0806');
    expect(toDisplayCode(0x00680006, 'wiiu')).toBe('106-0806');
  });

  it('maps the three RendezVous ranges as the public list does', () => {
    expect(toDisplayCode(0x80030002)).toBe('2306-0302');
    expect(toDisplayCode(0x80030064)).toBe('2306-0303');
    expect(toDisplayCode(0x800300c8)).toBe('2306-0322');
  });

  it('numbers FPD one higher on the Wii U than on the Switch', () => {
    expect(toDisplayCode(0x80650000)).toBe('2306-0701');
    expect(toDisplayCode(0x80650000, 'wiiu')).toBe('106-0702');
    expect(toResultCode('106-0702')).toBe(0x80650000);
    expect(toResultCode('2306-0702')).toBe(0x80650001);
    // Description 0 is the first FPD code on both: nothing shows as 106-0701 or 2306-0700.
    expect(toResultCode('106-0701')).toBeUndefined();
    expect(toResultCode('2306-0700')).toBeUndefined();
  });

  it('gives no display code for modules outside the table or numbers past 99', () => {
    expect(toDisplayCode(0x807f0001)).toBeUndefined();
    expect(toDisplayCode(0x80680000 + 100)).toBeUndefined();
    expect(toDisplayCode(0x80650000 + 98, 'wiiu')).toBeUndefined();
    expect(toResultCode('2306-9901')).toBeUndefined();
    expect(toResultCode('106-9999')).toBeUndefined();
    expect(toResultCode('2306-0100')).toBeUndefined();
    expect(toResultCode('not a code')).toBeUndefined();
  });
});
