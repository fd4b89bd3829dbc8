/**
 * Reads the notations a NEX code comes in: result codes as numbers (with or without the error
 * bit, signed or unsigned), hex and decimal strings, display codes (2306-0806, 106-0806,
 * 2815-2104, 2618-XXXX) and names (Authentication::TokenExpired), alone or inside a message.
 */
import type { CodeEntry } from '../../core/catalog-entry.ts';
import { nexIndex } from './catalog.ts';
import { ERROR_BIT, moduleNameOf, toDisplayCode, toHex, toResultCode } from './result-code.ts';

/** The result a successful call returns (kinnay/NintendoClients common.Result's default). */
export const SUCCESS_RESULT = 0x00010001;
/** Longest text scanned for a code; a code is short, and a huge string must not cost much. */
export const MAX_TEXT = 4096;

export type CodeReading =
  /** A result code, always with the error bit set. */
  | { readonly kind: 'result'; readonly resultCode: number; readonly notes: Readonly<Record<string, unknown>> }
  /** A result that reports success: nothing failed. */
  | { readonly kind: 'success'; readonly resultCode: number }
  /** A NEX display code no module of the table produces (2306-9901): kept as it came. */
  | { readonly kind: 'display'; readonly display: string; readonly why: string }
  /** A PIA (peer-to-peer library) display code: recognised, not catalogued. */
  | { readonly kind: 'pia'; readonly display: string }
  /** A name the catalog holds. */
  | { readonly kind: 'name'; readonly entry: CodeEntry }
  | { readonly kind: 'unreadable'; readonly why: string };

const DISPLAY = /^(2306|2815|2618|106)-(\d{4})$/;
const HEX = /^0x([0-9a-f]{1,8})$/i;
const DECIMAL = /^-?\d{1,10}$/;
const NAME = /^[A-Za-z][A-Za-z0-9]{0,40}::[A-Za-z][A-Za-z0-9_]{0,80}$/;

// Each scan pattern is a fixed shape with bounded repeats: linear in the text scanned.
const DISPLAY_IN_TEXT = /(?<![\d-])(2306|2815|2618|106)-(\d{4})(?![\d-])/;
/** A result code inside a message: 8 hex digits with the error bit set. */
const HEX_IN_TEXT = /\b0x[89a-f][0-9a-f]{7}\b/i;
const NAME_IN_TEXT = /\b[A-Za-z][A-Za-z0-9]{1,40}::[A-Za-z][A-Za-z0-9_]{1,80}\b/;

const unreadable = (why: string): CodeReading => ({ kind: 'unreadable', why });

/**
 * The catalog entry for a result code: by its Switch display code, or by its hex for the modules
 * that have no display code (Custom, Ess).
 */
export function entryForResult(resultCode: number): CodeEntry | undefined {
  return nexIndex.byCode(toDisplayCode(resultCode) ?? toHex(resultCode));
}

/**
 * A result code a caller passes as a number. The error bit may have been dropped, so a number
 * without it is read as the error it names, except the success result itself and numbers
 * with no module at all, which are no result code.
 */
export function readResultNumber(value: number): CodeReading {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) {
    return unreadable(`${String(value)} is not a 32-bit result code.`);
  }
  const code = value >>> 0;
  if ((code & ERROR_BIT) !== 0) return { kind: 'result', resultCode: code, notes: {} };
  if (code === SUCCESS_RESULT) return { kind: 'success', resultCode: code };
  if (code >>> 16 === 0) return unreadable(`${String(value)} names no NEX module (bits 16-30 are zero): not a result code.`);
  return { kind: 'result', resultCode: (code | ERROR_BIT) >>> 0, notes: { errorBitAdded: true } };
}

/** A display code, read with the numbering of the console that shows it: 106- is a Wii U's. */
function readDisplay(prefix: string, digits: string): CodeReading {
  if (prefix === '2618') return { kind: 'pia', display: `2618-${digits}` };
  const display = `${prefix}-${digits}`;
  const resultCode = toResultCode(display);
  const notes = prefix === '106' ? { shownAs: display, platform: 'wiiu' } : {};
  if (resultCode !== undefined) return { kind: 'result', resultCode, notes };
  return {
    kind: 'display',
    display,
    why: `No NEX module shows display group ${digits.slice(0, 2)} under prefix ${prefix}${prefix === '106' ? ' (the Wii U\'s)' : ''}.`,
  };
}

function readName(name: string): CodeReading {
  const entry = nexIndex.byName(name);
  return entry === undefined ? unreadable(`'${name}' is not a name the NEX catalog holds.`) : { kind: 'name', entry };
}

/** Reads a string that is exactly one code in one notation. */
function readExact(text: string): CodeReading | undefined {
  const display = DISPLAY.exec(text);
  if (display !== null) return readDisplay(display[1] ?? '', display[2] ?? '');
  const hex = HEX.exec(text);
  if (hex !== null) return readResultNumber(Number.parseInt(hex[1] ?? '', 16));
  if (DECIMAL.test(text)) return readResultNumber(Number(text));
  if (NAME.test(text)) return readName(text);
  return undefined;
}

/** Finds a code inside a longer text, such as an error message: display code, then hex, then name. */
function readWithin(text: string): CodeReading | undefined {
  const display = DISPLAY_IN_TEXT.exec(text);
  if (display !== null) return readDisplay(display[1] ?? '', display[2] ?? '');
  const hex = HEX_IN_TEXT.exec(text);
  if (hex !== null) return readResultNumber(Number.parseInt(hex[0].slice(2), 16));
  const name = NAME_IN_TEXT.exec(text);
  if (name !== null) {
    const reading = readName(name[0]);
    if (reading.kind === 'name') return reading;
  }
  return undefined;
}

/** A code given as text: exactly one code, or, when `scan` is set, the first code found within it. */
export function readCodeText(raw: string, scan: boolean): CodeReading {
  const text = raw.slice(0, MAX_TEXT).trim();
  if (text === '') return unreadable('The text is empty.');
  const exact = readExact(text);
  if (exact !== undefined) return exact;
  if (scan) {
    const within = readWithin(text);
    if (within !== undefined) return within;
  }
  return unreadable('The text holds no NEX result code, display code or name.');
}

/** The module's name for a result code, or its id in hex when no source names the module. */
export function moduleLabel(resultCode: number): string {
  return moduleNameOf(resultCode) ?? `0x${((resultCode >>> 16) & 0x7fff).toString(16).toUpperCase()}`;
}
