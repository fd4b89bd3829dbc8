import { asHex32 } from '../../core/code-input.ts';

/**
 * NEX result codes (uint32: bit 31 = error, bits 16-30 = module, bits 0-15 = description) and
 * the display codes consoles show (2306-0806). The mapping is a per-module table, not one formula.
 */

export interface NexModule {
  /** The module id: bits 16-30 of a result code. */
  readonly id: number;
  /** The module's name, 'Authentication'. */
  readonly name: string;
  /** The display group: the first two digits of the display number. */
  readonly group: number;
  /** The display prefix consoles show: 2306 for game servers, 2815 for the voice-chat library. */
  readonly prefix: '2306' | '2815';
  /** Description number -> display number, undefined where the module shows none. */
  readonly toDisplay: (description: number) => number;
  /** Display number -> description number. */
  readonly fromDisplay: (display: number) => number;
}

const same = (n: number): number => n;
const plusOne = (n: number): number => n + 1;
const minusOne = (n: number): number => n - 1;

// RendezVous packs three ranges of descriptions into one run of display numbers.
const RENDEZVOUS_SECOND = 0x64;
const RENDEZVOUS_THIRD = 0xc8;
function rendezVousToDisplay(d: number): number {
  if (d < RENDEZVOUS_SECOND) return d;
  if (d < RENDEZVOUS_THIRD) return d - RENDEZVOUS_SECOND + 3;
  return d - RENDEZVOUS_THIRD + 22;
}
function rendezVousFromDisplay(n: number): number {
  // 3..21 could also be read as the first range, but every named code there sits in the second.
  if (n < 3) return n;
  if (n < 22) return n - 3 + RENDEZVOUS_SECOND;
  return n - 22 + RENDEZVOUS_THIRD;
}

function module(id: number, name: string, group: number, toDisplay: (d: number) => number, fromDisplay: (n: number) => number, prefix: '2306' | '2815' = '2306'): NexModule {
  return { id, name, group, prefix, toDisplay, fromDisplay };
}

/** The NEX result code modules, with how each maps its codes to display numbers. */
export const NEX_MODULES: readonly NexModule[] = [
  module(0x01, 'Core', 1, plusOne, minusOne),
  module(0x02, 'DDL', 2, same, same),
  module(0x03, 'RendezVous', 3, rendezVousToDisplay, rendezVousFromDisplay),
  module(0x04, 'PythonCore', 4, same, same),
  module(0x05, 'Transport', 5, same, same),
  module(0x06, 'DOCore', 6, plusOne, minusOne),
  module(0x65, 'FPD', 7, plusOne, minusOne),
  module(0x68, 'Authentication', 8, same, same),
  module(0x67, 'Ranking', 11, same, same),
  module(0x69, 'DataStore', 12, same, same),
  module(0x6c, 'ServiceItem', 15, minusOne, plusOne),
  module(0x6f, 'MatchmakeReferee', 18, same, same),
  module(0x70, 'Subscriber', 19, same, same),
  module(0x71, 'Ranking2', 20, same, same),
  module(0x72, 'SmartDeviceVoiceChat', 21, same, same, '2815'),
  module(0x73, 'Screening', 22, same, same),
];

const BY_ID = new Map(NEX_MODULES.map((m) => [m.id, m]));
const BY_DISPLAY = new Map(NEX_MODULES.map((m) => [`${m.prefix}:${m.group}`, m]));

export const ERROR_BIT = 0x80000000;

/** The module of a result code, with or without the error bit. */
export function moduleOf(resultCode: number): NexModule | undefined {
  return BY_ID.get((resultCode >>> 16) & 0x7fff);
}

/** 0x80680006 -> '2306-0806'; undefined where the module or description has no display code. */
export function toDisplayCode(resultCode: number): string | undefined {
  if (!Number.isInteger(resultCode) || resultCode < -0x80000000 || resultCode > 0xffffffff) return undefined;
  const mod = moduleOf(resultCode >>> 0);
  if (mod === undefined) return undefined;
  const number = mod.toDisplay(resultCode & 0xffff);
  if (number < 0 || number > 99) return undefined;
  return `${mod.prefix}-${String(mod.group * 100 + number).padStart(4, '0')}`;
}

const DISPLAY = /^(2306|2815|106)-(\d{4})$/;

/** '2306-0806' (or '106-0806', '2815-2104') -> 0x80680006; undefined for no known module. */
export function toResultCode(display: string): number | undefined {
  const match = DISPLAY.exec(display.trim());
  if (match === null) return undefined;
  const prefix = match[1] === '2815' ? '2815' : '2306';
  const value = Number(match[2]);
  const mod = BY_DISPLAY.get(`${prefix}:${Math.floor(value / 100)}`);
  if (mod === undefined) return undefined;
  const description = mod.fromDisplay(value % 100);
  if (description < 0 || description > 0xffff || mod.toDisplay(description) !== value % 100) return undefined;
  return (ERROR_BIT | (mod.id << 16) | description) >>> 0;
}

/** 0x80680006 -> '0x80680006'. */
export function toHex(resultCode: number): string {
  return `0x${(resultCode >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * The canonical display code for any NEX notation: a result code as a number or hex string
 * (with or without the error bit), '2306-0806', '106-0806' or '2815-2104'.
 */
export function nexDisplayCode(input: string | number): string | undefined {
  if (typeof input === 'string') {
    const text = input.trim();
    const display = /^(2306|2815|106)-(\d{4})$/.exec(text);
    if (display !== null) return display[1] === '106' ? `2306-${display[2] ?? ''}` : text;
    if (!/^0x/i.test(text)) return undefined;
  }
  const value = asHex32(input);
  if (value === undefined || value === 0) return undefined;
  return toDisplayCode((value | ERROR_BIT) >>> 0);
}
