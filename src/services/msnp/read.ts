/**
 * Reads what an MSNP failure arrives as: 3-digit codes and error lines (alone or in a chunk of
 * traffic), OUT, VER refusing every dialect, HRESULTs as numbers, hex or decimal strings, catalog
 * names, SOAP fault documents of Passport, offline messages and the address book, bytes of any
 * of those, and objects or Errors carrying one.
 */
import type { MsnpCodeEntry } from '../../catalog/generated/msnp.ts';
import { asBytes } from '../../core/bytes.ts';
import { isObject, safeGet, safeString } from '../../core/safe.ts';
import { msnpCodesForHresult, msnpHresult, msnpIndex } from './catalog.ts';
import { faultEntry } from './fault.ts';
import { findMsnpFailure, type MsnpFailure } from './line.ts';
import { readSoapFault, type MsnSoapFault } from './soap.ts';

export type Facts = Readonly<Record<string, unknown>>;

/** What was read from a raw value, before it becomes an error. */
export type Reading =
  | { readonly kind: 'code'; readonly code: string; readonly facts: Facts; readonly received: unknown }
  | { readonly kind: 'out'; readonly reason: string | undefined; readonly facts: Facts; readonly received: unknown }
  /** `faultCode`: the SOAP fault code that came with the HRESULT, which decides where the HRESULT is not catalogued. */
  | { readonly kind: 'hresult'; readonly value: number; readonly facts: Facts; readonly received: unknown; readonly faultCode?: string }
  | { readonly kind: 'no-common-dialect'; readonly facts: Facts; readonly received: unknown }
  | { readonly kind: 'fault'; readonly fault: MsnSoapFault }
  | { readonly kind: 'entry'; readonly entry: MsnpCodeEntry; readonly facts?: Facts; readonly received?: unknown }
  | { readonly kind: 'none'; readonly why: string };

/** Longest text read: errors come first in a chunk, and a huge string must not cost much. */
export const MAX_TEXT_CHARS = 65_536;
const MAX_BYTES = 262_144;
const MAX_KEPT_PAYLOAD = 1024;
/** Fields an object may carry a code, HRESULT, line or document in, in the order they are read. */
const FIELDS = ['hresult', 'code', 'errorCode', 'error', 'line', 'body', 'data'] as const;
const NESTING = 4;

const HEX = /^0x[0-9a-f]{1,8}$/i;
const DECIMAL_HRESULT = /^-?\d{4,10}$/;
/**
 * Eight hex digits without a prefix, as logs print an HRESULT ("80048821"): read as hex, since
 * MSNP codes have three digits and an HRESULT written in decimal has ten.
 */
const BARE_HEX = /^[0-9a-f]{8}$/i;
const NAME = /^[A-Za-z][A-Za-z0-9]{0,40}_[A-Za-z0-9_]{1,80}$/;
/** A SOAP fault code alone, as the catalog writes it (`ab:FullSyncRequired`) or a server sends it (`q0:BadContextToken`). */
const FAULT_CODE = /^[A-Za-z][\w.-]{0,40}:[A-Za-z]\w{0,80}$/;
/** An HRESULT inside a message: 8 hex digits (success codes such as 0x00048802 included). */
const HEX_IN_TEXT = /\b0x[0-9a-f]{8}\b/i;

export const none = (why: string): Reading => ({ kind: 'none', why });

export function readNumber(value: number): Reading {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) return none(`${String(value)} is neither an MSNP code nor a 32-bit HRESULT.`);
  if (value >= 100 && value <= 999) return { kind: 'code', code: String(value), facts: {}, received: value };
  if (value > 999 || value < 0) return { kind: 'hresult', value: value >>> 0, facts: {}, received: value };
  return none(`${String(value)} is neither a 3-digit MSNP code nor an HRESULT.`);
}

function readFailure(failure: MsnpFailure): Reading {
  // Kept as received: the error's own redaction masks the credentials an MSNP line can carry.
  const line = failure.text;
  if (failure.line.kind === 'out') return { kind: 'out', reason: failure.line.reason, facts: { line }, received: line };
  if (failure.line.kind === 'no-common-dialect') {
    const { trid } = failure.line;
    return { kind: 'no-common-dialect', facts: { line, ...(trid === undefined ? {} : { trid }) }, received: line };
  }
  const { trid, payloadLength } = failure.line;
  const facts = {
    line,
    ...(trid === undefined ? {} : { trid }),
    ...(payloadLength === undefined ? {} : { payloadLength }),
    ...(failure.payload === undefined ? {} : { payload: failure.payload.slice(0, MAX_KEPT_PAYLOAD) }),
    ...(failure.payloadTruncated === true ? { payloadTruncated: true } : {}),
  };
  return { kind: 'code', code: failure.line.code, facts, received: line };
}

function readChunk(bytes: Uint8Array, dialect: number | undefined): Reading {
  const reading = findMsnpFailure(bytes.subarray(0, MAX_BYTES), dialect);
  if (reading.failure !== undefined) return readFailure(reading.failure);
  if (reading.invalid !== undefined && reading.lines <= 1) return none(`Not an MSNP line: ${reading.invalid}`);
  return none(`No error line or OUT among the ${reading.lines} lines read.`);
}

/** An HRESULT written in a fault, as a number, when it is one. */
function faultHresult(text: string | undefined): number | undefined {
  return text !== undefined && HEX.test(text) ? Number.parseInt(text.slice(2), 16) >>> 0 : undefined;
}

/** True when the catalog knows the HRESULT, as a row of its own or as the code(s) it stands for. */
function knownHresult(value: number): boolean {
  const hex = msnpHresult(value);
  return hex !== undefined && (msnpIndex.byCode(hex) !== undefined || msnpCodesForHresult(hex).length > 0);
}

/**
 * A fault's code, from its most exact catalogued word: a psf:Redirect, a catalogued PPCRL HRESULT,
 * the address book's errorcode, the fault code's name; then an HRESULT the catalog lacks, whose
 * category the fault code gives. The header's psf:pp status is kept but decides nothing: servers
 * send a lockout status (0x80048823) beside a plain wrong password.
 */
function readSoap(document: string): Reading {
  const fault = readSoapFault(document);
  if (fault === undefined) return none('The XML document holds no SOAP Fault.');
  const facts = { source: 'soap-fault', ...fault };
  const entry = faultEntry(fault);
  if (entry !== undefined && entry.code === 'psf:Redirect') return { kind: 'entry', entry, facts, received: fault };
  const hresult = faultHresult(fault.value) ?? faultHresult(fault.internalCode);
  if (hresult !== undefined && knownHresult(hresult)) return { kind: 'hresult', value: hresult, facts, received: fault };
  if (entry !== undefined) return { kind: 'entry', entry, facts, received: fault };
  if (hresult !== undefined) return { kind: 'hresult', value: hresult, facts, received: fault, ...(fault.faultCode === undefined ? {} : { faultCode: fault.faultCode }) };
  return { kind: 'fault', fault };
}

function readName(name: string): Reading | undefined {
  const entry = msnpIndex.byName(name);
  if (entry !== undefined) return { kind: 'entry', entry };
  // A name several rows share (MSGR_E_USER_NOT_FOUND, E_FAIL) stands for their common HRESULT.
  const folded = name.toLowerCase();
  const sharing = msnpIndex.entries.filter((item) => [item.name, ...(item.otherNames ?? [])].some((other) => other.toLowerCase() === folded));
  const hresults = new Set(sharing.map((item) => (item.code.startsWith('0x') ? item.code : item.hresult)));
  const [hresult] = hresults;
  if (hresults.size === 1 && hresult !== undefined) return { kind: 'hresult', value: Number.parseInt(hresult.slice(2), 16) >>> 0, facts: { name }, received: name };
  return undefined;
}

function readText(raw: string, dialect: number | undefined): Reading {
  // A byte-order mark decoded into the text is no part of the first line.
  const text = raw.slice(raw.startsWith('\uFEFF') ? 1 : 0, MAX_TEXT_CHARS);
  const trimmed = text.trim();
  if (trimmed === '') return none('The text is empty.');
  if (trimmed.startsWith('<')) return readSoap(trimmed);
  if (HEX.test(trimmed)) return { kind: 'hresult', value: Number.parseInt(trimmed.slice(2), 16) >>> 0, facts: {}, received: trimmed };
  if (BARE_HEX.test(trimmed)) return { kind: 'hresult', value: Number.parseInt(trimmed, 16) >>> 0, facts: { bareHex: true }, received: trimmed };
  if (DECIMAL_HRESULT.test(trimmed)) return readNumber(Number(trimmed));
  if (NAME.test(trimmed)) return readName(trimmed) ?? none(`'${trimmed}' is not a name the MSNP catalog holds.`);
  if (FAULT_CODE.test(trimmed)) {
    const entry = faultEntry({ faultCode: trimmed });
    return entry === undefined ? none(`'${trimmed}' is not a SOAP fault code the MSNP catalog holds.`) : { kind: 'entry', entry };
  }
  return readChunk(new TextEncoder().encode(text), dialect);
}

/** The UTF-8 byte-order mark some servers put before an XML document. */
const BOM = [0xef, 0xbb, 0xbf] as const;

function readBinary(bytes: Uint8Array, dialect: number | undefined): Reading {
  const start = bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? BOM.length : 0;
  let first = start;
  while (first < bytes.byteLength && first < 64 && (bytes[first] === 0x20 || bytes[first] === 0x09 || bytes[first] === 0x0d || bytes[first] === 0x0a)) first += 1;
  if (bytes[first] === 0x3c) return readSoap(new TextDecoder('utf-8').decode(bytes.subarray(first, first + MAX_TEXT_CHARS * 4)));
  return readChunk(bytes.subarray(start), dialect);
}

export function readValue(value: unknown, dialect?: number): Reading | undefined {
  if (typeof value === 'number') return readNumber(value);
  if (typeof value === 'string') return readText(value, dialect);
  const bytes = asBytes(value);
  return bytes === undefined ? undefined : readBinary(bytes, dialect);
}

export function readFields(value: object, dialect?: number): Reading | undefined {
  for (const field of FIELDS) {
    const reading = readValue(safeGet(value, field), dialect);
    if (reading !== undefined && reading.kind !== 'none') return reading;
  }
  return undefined;
}

function readMessage(value: object, dialect: number | undefined): Reading | undefined {
  const message = safeString(value, 'message');
  if (message === undefined) return undefined;
  const reading = readText(message, dialect);
  if (reading.kind !== 'none') return reading;
  const hex = HEX_IN_TEXT.exec(message.slice(0, MAX_TEXT_CHARS));
  return hex === null ? undefined : { kind: 'hresult', value: Number.parseInt(hex[0].slice(2), 16) >>> 0, facts: { fromMessage: true }, received: undefined };
}

export function readFurther(value: object, depth: number, dialect?: number): Reading | undefined {
  const own = readMessage(value, dialect);
  if (own !== undefined) return own;
  if (depth >= NESTING) return undefined;
  for (const key of ['cause', 'error']) {
    const inner = safeGet(value, key);
    if (!isObject(inner)) continue;
    const found = readFields(inner, dialect) ?? readFurther(inner, depth + 1, dialect);
    if (found !== undefined) return found;
  }
  return undefined;
}
