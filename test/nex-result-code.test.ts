import { describe, expect, it } from 'vitest';
import { nexCatalog } from '../src/catalog/generated/nex.ts';
import { coralCatalog } from '../src/catalog/generated/coral.ts';
import { toDisplayCode, toResultCode } from '../src/services/nex/result-code.ts';

const withResultCodes = [...nexCatalog, ...coralCatalog].filter((entry) => entry.resultCode !== undefined);

describe('NEX result code <-> display code', () => {
  it('covers every NEX entry and the 2815 Coral entries', () => {
    expect(withResultCodes.length).toBe(nexCatalog.length + 20);
  });

  it.each(withResultCodes.map((entry) => [entry.code, entry.resultCode ?? ''] as const))('%s <-> %s', (display, hex) => {
    const value = Number(hex);
    expect(toDisplayCode(value)).toBe(display);
    expect(toResultCode(display)).toBe(value);
    if (display.startsWith('2306-')) expect(toResultCode(display.replace('2306-', '106-'))).toBe(value);
  });

  it('reads the result code without the error bit and as a signed 32-bit number', () => {
    expect(toDisplayCode(0x00680006)).toBe('2306-0806');
    expect(toDisplayCode(0x80680006 | 0)).toBe('2306-0806');
  });

  it('maps the three RendezVous ranges as the public list does', () => {
    expect(toDisplayCode(0x80030002)).toBe('2306-0302');
    expect(toDisplayCode(0x80030064)).toBe('2306-0303');
    expect(toDisplayCode(0x800300c8)).toBe('2306-0322');
  });

  it('gives no display code for modules outside the table or numbers past 99', () => {
    expect(toDisplayCode(0x807f0001)).toBeUndefined();
    expect(toDisplayCode(0x80680000 + 100)).toBeUndefined();
    expect(toResultCode('2306-9901')).toBeUndefined();
    expect(toResultCode('2306-0100')).toBeUndefined();
    expect(toResultCode('not a code')).toBeUndefined();
  });
});
