import { asHex32 } from '../../core/code-input.ts';

/**
 * NEX result codes (uint32: bit 31 = error, bits 16-30 = module, bits 0-15 = description) and
 * the display codes consoles show (2306-0806 on a Switch, 106-0806 on a Wii U). The mapping is a
 * per-module table, not one formula, and a display code belongs to a platform: the Wii U numbers
 * FPD results as description + 2 (0x80650000 is 106-0702), the Switch as description + 1 (2306-0701).
 * (kinnay/NintendoClientsWiki Switch-Error-Codes and Wii-U-Error-Codes)
 */

/** The consoles whose display codes are known: the Switch (2306-, 2815-) and the Wii U (106-). */
export type NexPlatform = 'switch' | 'wiiu';

/** One platform's numbering of a module's descriptions. */
export interface NexNumbering {
  /** Description number -> display number. */
  readonly toDisplay: (description: number) => number;
  /** Display number -> description number. */
  readonly fromDisplay: (display: number) => number;
}

/** One NEX module: its id, name and display numbering on each console. */
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
  /**
   * The Wii U's numbering where it differs from the Switch's (FPD); left out where the Wii U shows
   * the same numbers under prefix 106. Modules under prefix 2815 have no Wii U code at all.
   */
  readonly wiiu?: NexNumbering;
}

const same = (n: number): number => n;
const plusOne = (n: number): number => n + 1;
const minusOne = (n: number): number => n - 1;
const plusTwo = (n: number): number => n + 2;
const minusTwo = (n: number): number => n - 2;

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

function module(id: number, name: string, group: number, toDisplay: (d: number) => number, fromDisplay: (n: number) => number, prefix: '2306' | '2815' = '2306', wiiu?: NexNumbering): NexModule {
  return { id, name, group, prefix, toDisplay, fromDisplay, ...(wiiu === undefined ? {} : { wiiu }) };
}

/** The NEX result code modules, with how each maps its codes to display numbers. */
export const NEX_MODULES: readonly NexModule[] = [
  module(0x01, 'Core', 1, plusOne, minusOne),
  module(0x02, 'DDL', 2, same, same),
  module(0x03, 'RendezVous', 3, rendezVousToDisplay, rendezVousFromDisplay),
  module(0x04, 'PythonCore', 4, same, same),
  module(0x05, 'Transport', 5, same, same),
  module(0x06, 'DOCore', 6, plusOne, minusOne),
  module(0x65, 'FPD', 7, plusOne, minusOne, '2306', { toDisplay: plusTwo, fromDisplay: minusTwo }),
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

/**
 * Modules NintendoClients and nex-go name but no console's error list shows: their results
 * have no known display code, so they are written as hex (0x80750003).
 */
const UNDISPLAYED_MODULES: ReadonlyMap<number, string> = new Map([
  [0x74, 'Custom'],
  [0x75, 'Ess'],
]);

const BY_ID = new Map(NEX_MODULES.map((m) => [m.id, m]));
const BY_DISPLAY = new Map(NEX_MODULES.map((m) => [`${m.prefix}:${m.group}`, m]));

export const ERROR_BIT = 0x80000000;

/** The module of a result code, with or without the error bit. */
export function moduleOf(resultCode: number): NexModule | undefined {
  return BY_ID.get((resultCode >>> 16) & 0x7fff);
}

/** The name of a result code's module, also for modules that have no display code (Custom, Ess). */
export function moduleNameOf(resultCode: number): string | undefined {
  const id = (resultCode >>> 16) & 0x7fff;
  return BY_ID.get(id)?.name ?? UNDISPLAYED_MODULES.get(id);
}

function numberingOf(mod: NexModule, platform: NexPlatform): NexNumbering | undefined {
  if (platform === 'switch') return mod;
  return mod.prefix === '2306' ? mod.wiiu ?? mod : undefined;
}

/**
 * The display code a console shows for a result code: 0x80680006 -> '2306-0806' on the Switch,
 * '106-0806' on the Wii U; 0x80650000 -> '2306-0701' and '106-0702'. Undefined where the module
 * or description has no display code on that platform.
 * @default platform 'switch'
 */
export function toDisplayCode(resultCode: number, platform: NexPlatform = 'switch'): string | undefined {
  if (!Number.isInteger(resultCode) || resultCode < -0x80000000 || resultCode > 0xffffffff) return undefined;
  const mod = moduleOf(resultCode >>> 0);
  if (mod === undefined) return undefined;
  const numbering = numberingOf(mod, platform);
  if (numbering === undefined) return undefined;
  const number = numbering.toDisplay(resultCode & 0xffff);
  if (number < 0 || number > 99) return undefined;
  const prefix = platform === 'wiiu' ? '106' : mod.prefix;
  return `${prefix}-${String(mod.group * 100 + number).padStart(4, '0')}`;
}

const DISPLAY = /^(2306|2815|106)-(\d{4})$/;

/**
 * '2306-0806', '106-0806' or '2815-2104' -> 0x80680006; undefined for no known module. A 106- code
 * is read with the Wii U's numbering: '106-0702' is 0x80650000, which the Switch shows as 2306-0701.
 */
export function toResultCode(display: string): number | undefined {
  const match = DISPLAY.exec(display.trim());
  if (match === null) return undefined;
  const platform: NexPlatform = match[1] === '106' ? 'wiiu' : 'switch';
  const prefix = match[1] === '2815' ? '2815' : '2306';
  const value = Number(match[2]);
  const mod = BY_DISPLAY.get(`${prefix}:${Math.floor(value / 100)}`);
  if (mod === undefined) return undefined;
  const numbering = numberingOf(mod, platform);
  if (numbering === undefined) return undefined;
  const description = numbering.fromDisplay(value % 100);
  if (description < 0 || description > 0xffff || numbering.toDisplay(description) !== value % 100) return undefined;
  return (ERROR_BIT | (mod.id << 16) | description) >>> 0;
}

/** 0x80680006 -> '0x80680006'. */
export function toHex(resultCode: number): string {
  return `0x${(resultCode >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * The canonical code for any NEX notation: a result code as a number or hex string (with or
 * without the error bit), '2306-0806', '106-0806' (read with the Wii U's numbering) or
 * '2815-2104'. The canonical code is the Switch display code, or the result code in hex for the
 * modules that have none (Custom, Ess).
 */
export function nexDisplayCode(input: string | number): string | undefined {
  if (typeof input === 'string') {
    const text = input.trim();
    const display = DISPLAY.exec(text);
    if (display !== null) {
      if (display[1] !== '106') return text;
      const resultCode = toResultCode(text);
      return resultCode === undefined ? undefined : toDisplayCode(resultCode);
    }
    if (!/^0x/i.test(text)) return undefined;
  }
  const value = asHex32(input);
  if (value === undefined || value === 0) return undefined;
  const resultCode = (value | ERROR_BIT) >>> 0;
  if (moduleOf(resultCode) === undefined) return UNDISPLAYED_MODULES.has((resultCode >>> 16) & 0x7fff) ? toHex(resultCode) : undefined;
  return toDisplayCode(resultCode);
}
