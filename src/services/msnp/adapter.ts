import type { MsnpCatalogEntry } from '../../catalog/generated/msnp.ts';
import type { Adapter, ClassifyContext } from '../../core/adapter.ts';
import { errorFromCode, errorFromTransport, unknownError } from '../../core/build-error.ts';
import { asBytes } from '../../core/bytes.ts';
import type { Category } from '../../core/category.ts';
import { isGameServiceError, type GameServiceError } from '../../core/error.ts';
import { isError, isObject, safeGet, safeString } from '../../core/safe.ts';
import { readTransportFailure } from '../../core/thrown.ts';
import { msnpCodesForHresult, msnpHresult, msnpIndex } from './catalog.ts';
import { findMsnpFailure, type MsnpFailure } from './line.ts';
import { mostCautious, sharedMsgrName } from './shared-hresult.ts';
import { readPassportFault, type PassportFault } from './soap.ts';

type Facts = Readonly<Record<string, unknown>>;

/** What was read from a raw value, before it becomes an error. */
type Reading =
  | { readonly kind: 'code'; readonly code: string; readonly facts: Facts; readonly received: unknown }
  | { readonly kind: 'out'; readonly reason: string | undefined; readonly facts: Facts; readonly received: unknown }
  | { readonly kind: 'hresult'; readonly value: number; readonly facts: Facts; readonly received: unknown }
  | { readonly kind: 'fault'; readonly fault: PassportFault }
  | { readonly kind: 'entry'; readonly entry: MsnpCatalogEntry }
  | { readonly kind: 'none'; readonly why: string };

/** Longest text read: errors come first in a chunk, and a huge string must not cost much. */
const MAX_TEXT_CHARS = 65_536;
const MAX_BYTES = 262_144;
const MAX_KEPT_PAYLOAD = 1024;
/** Fields an object may carry a code, HRESULT, line or document in, in the order they are read. */
const FIELDS = ['hresult', 'code', 'errorCode', 'error', 'line', 'body', 'data'] as const;
const NESTING = 4;

const HEX = /^0x[0-9a-f]{1,8}$/i;
const DECIMAL_HRESULT = /^-?\d{4,10}$/;
const NAME = /^[A-Za-z][A-Za-z0-9]{0,40}_[A-Za-z0-9_]{1,80}$/;
/** An HRESULT inside a message: 8 hex digits (success codes such as 0x00048802 included). */
const HEX_IN_TEXT = /\b0x[0-9a-f]{8}\b/i;

const none = (why: string): Reading => ({ kind: 'none', why });

// ---- reading ------------------------------------------------------------------------------

function readNumber(value: number): Reading {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) return none(`${String(value)} is neither an MSNP code nor a 32-bit HRESULT.`);
  if (value >= 100 && value <= 999) return { kind: 'code', code: String(value), facts: {}, received: value };
  if (value > 999 || value < 0) return { kind: 'hresult', value: value >>> 0, facts: {}, received: value };
  return none(`${String(value)} is neither a 3-digit MSNP code nor an HRESULT.`);
}

function readFailure(failure: MsnpFailure): Reading {
  // Kept as received: the error's own redaction masks the credentials an MSNP line can carry.
  const line = failure.text;
  if (failure.line.kind === 'out') return { kind: 'out', reason: failure.line.reason, facts: { line }, received: line };
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

function readChunk(bytes: Uint8Array): Reading {
  const reading = findMsnpFailure(bytes.subarray(0, MAX_BYTES));
  if (reading.failure !== undefined) return readFailure(reading.failure);
  if (reading.invalid !== undefined && reading.lines <= 1) return none(`Not an MSNP line: ${reading.invalid}`);
  return none(`No error line or OUT among the ${reading.lines} lines read.`);
}

function readSoap(document: string): Reading {
  const fault = readPassportFault(document);
  if (fault === undefined) return none('The XML document holds no SOAP Fault.');
  const facts = { source: 'passport-fault', ...fault };
  for (const candidate of [fault.value, fault.internalCode]) {
    if (candidate !== undefined && HEX.test(candidate)) return { kind: 'hresult', value: Number.parseInt(candidate.slice(2), 16) >>> 0, facts, received: fault };
  }
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

function readText(raw: string): Reading {
  const text = raw.slice(0, MAX_TEXT_CHARS);
  const trimmed = text.trim();
  if (trimmed === '') return none('The text is empty.');
  if (trimmed.startsWith('<')) return readSoap(trimmed);
  if (HEX.test(trimmed)) return { kind: 'hresult', value: Number.parseInt(trimmed.slice(2), 16) >>> 0, facts: {}, received: trimmed };
  if (DECIMAL_HRESULT.test(trimmed)) return readNumber(Number(trimmed));
  if (NAME.test(trimmed)) return readName(trimmed) ?? none(`'${trimmed}' is not a name the MSNP catalog holds.`);
  return readChunk(new TextEncoder().encode(text));
}

function readBinary(bytes: Uint8Array): Reading {
  let first = 0;
  while (first < bytes.byteLength && first < 64 && (bytes[first] === 0x20 || bytes[first] === 0x09 || bytes[first] === 0x0d || bytes[first] === 0x0a)) first += 1;
  if (bytes[first] === 0x3c) return readSoap(new TextDecoder('utf-8').decode(bytes.subarray(first, first + MAX_TEXT_CHARS * 4)));
  return readChunk(bytes);
}

function readValue(value: unknown): Reading | undefined {
  if (typeof value === 'number') return readNumber(value);
  if (typeof value === 'string') return readText(value);
  const bytes = asBytes(value);
  return bytes === undefined ? undefined : readBinary(bytes);
}

function readFields(value: object): Reading | undefined {
  for (const field of FIELDS) {
    const reading = readValue(safeGet(value, field));
    if (reading !== undefined && reading.kind !== 'none') return reading;
  }
  return undefined;
}

function readMessage(value: object): Reading | undefined {
  const message = safeString(value, 'message');
  if (message === undefined) return undefined;
  const reading = readText(message);
  if (reading.kind !== 'none') return reading;
  const hex = HEX_IN_TEXT.exec(message.slice(0, MAX_TEXT_CHARS));
  return hex === null ? undefined : { kind: 'hresult', value: Number.parseInt(hex[0].slice(2), 16) >>> 0, facts: { fromMessage: true }, received: undefined };
}

function readFurther(value: object, depth: number): Reading | undefined {
  const own = readMessage(value);
  if (own !== undefined) return own;
  if (depth >= NESTING) return undefined;
  for (const key of ['cause', 'error']) {
    const inner = safeGet(value, key);
    if (!isObject(inner)) continue;
    const found = readFields(inner) ?? readFurther(inner, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

// ---- errors -------------------------------------------------------------------------------

/** The category a code the catalog lacks gets from its hundred, where the hundred says enough. */
function rangeFallback(code: string): { readonly category: Category; readonly why: string } | undefined {
  switch (code[0]) {
    case '2':
    case '3':
      return { category: 'invalid-request', why: '2xx and 3xx codes reject the command as sent.' };
    case '5':
      return { category: 'server-error', why: '5xx codes report a failure inside the server.' };
    case '6':
      return { category: 'unavailable', why: '6xx codes report a server that is busy or down.' };
    case '8':
      return { category: 'rate-limited', why: '8xx codes report changes made too fast.' };
    default:
      return undefined;
  }
}

/** What a SOAP fault code alone says, by its local name. */
function faultCategory(faultCode: string): Category {
  const local = faultCode.slice(faultCode.lastIndexOf(':') + 1);
  switch (local) {
    case 'FailedAuthentication':
    case 'InvalidSecurityToken':
    case 'FailedCheck':
      return 'unauthenticated';
    case 'ExpiredData':
    case 'MessageExpired':
      return 'token-expired';
    case 'Sender':
    case 'Client':
    case 'InvalidRequest':
    case 'BadRequest':
      return 'invalid-request';
    case 'Receiver':
    case 'Server':
      return 'server-error';
    default:
      return 'unknown';
  }
}

interface Kept {
  readonly received?: unknown;
  readonly cause?: unknown;
}

function fromCode(code: string, facts: Facts, kept: Kept, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  const entry = msnpIndex.byCode(code);
  if (entry !== undefined) return errorFromCode('msnp', { code, entry, details: facts, ...kept }, context);
  const fallback = rangeFallback(code);
  const description = `MSNP error ${code} is not in the catalog.${fallback === undefined ? '' : ` Categorised by its range: ${fallback.why}`}`;
  return errorFromCode('msnp', { code, fallback: { category: fallback?.category ?? 'unknown', description }, details: facts, ...kept }, context);
}

function fromOut(reason: string | undefined, facts: Facts, kept: Kept, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  const code = reason === undefined ? 'OUT' : `OUT ${reason}`;
  const entry = msnpIndex.byCode(code);
  if (entry !== undefined) return errorFromCode('msnp', { code, entry, details: facts, ...kept }, context);
  const description =
    reason === undefined
      ? 'The server ended the session (OUT) without giving a reason; the connection is closed.'
      : `The server ended the session (OUT) with a reason the catalog does not hold (${reason}); the connection is closed.`;
  return errorFromCode('msnp', { code, fallback: { category: 'network', description }, details: facts, ...kept }, context);
}

function fromSharedHresult(hex: string, entries: readonly MsnpCatalogEntry[], facts: Facts, kept: Kept, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  const name = sharedMsgrName(entries) ?? entries[0]?.otherNames?.find((other) => other.startsWith('MSGR_')) ?? entries[0]?.name ?? hex;
  const codes = entries.map((entry) => entry.code);
  const { category, retry, agreed } = mostCautious(entries);
  const description =
    `HRESULT ${hex} (${name}) is what the official client shows for several MSNP codes (${codes.join(', ')}), so it cannot be traced back to one of them. ` +
    (agreed ? 'They all fall in one category.' : 'They differ in category; this is the most cautious of theirs.');
  // A derived entry: what the codes sharing the HRESULT have in common, not a catalog row.
  const derived: MsnpCatalogEntry = {
    service: 'msnp',
    code: hex as MsnpCatalogEntry['code'],
    name,
    description,
    category,
    retry,
    source: 'derived from the MSNP codes that share this HRESULT',
  };
  return errorFromCode('msnp', { code: hex, entry: derived, details: { ...facts, hresult: hex, candidates: codes }, ...kept }, context);
}

function fromHresult(value: number, facts: Facts, kept: Kept, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  const hex = msnpHresult(value) ?? `0x${value.toString(16).padStart(8, '0')}`;
  const own = msnpIndex.byCode(hex);
  if (own !== undefined) return errorFromCode('msnp', { code: hex, entry: own, details: facts, ...kept }, context);
  const codes = msnpCodesForHresult(hex);
  const [single] = codes;
  if (codes.length === 1 && single !== undefined) {
    return errorFromCode('msnp', { code: single.code, entry: single, details: { ...facts, hresult: hex }, ...kept }, context);
  }
  if (codes.length > 1) return fromSharedHresult(hex, codes, facts, kept, context);
  const success = (value & 0x80000000) === 0;
  const description = success
    ? `HRESULT ${hex} reports success, not an error: there is nothing to classify.`
    : `HRESULT ${hex} is not in the catalog and maps to no MSNP code.`;
  return errorFromCode('msnp', { code: hex, fallback: { category: 'unknown', description }, details: { ...facts, hresult: hex, ...(success ? { success: true } : {}) }, ...kept }, context);
}

function fromFault(fault: PassportFault, kept: Kept, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  const faultCode = fault.faultCode;
  const description =
    faultCode === undefined
      ? 'The Passport SOAP fault carries neither an HRESULT nor a fault code.'
      : `The Passport SOAP fault carries no HRESULT; its fault code is ${faultCode}.`;
  const facts = { source: 'passport-fault', ...fault };
  return errorFromCode(
    'msnp',
    { code: 'UNKNOWN', fallback: { category: faultCode === undefined ? 'unknown' : faultCategory(faultCode), description }, details: facts, ...kept },
    context,
  );
}

function keep(raw: unknown, received: unknown): Kept {
  return isError(raw) ? { cause: raw, ...(received === undefined ? {} : { received }) } : { received: received ?? raw };
}

function fromReading(reading: Reading, raw: unknown, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  switch (reading.kind) {
    case 'code':
      return fromCode(reading.code, reading.facts, keep(raw, reading.received), context);
    case 'out':
      return fromOut(reading.reason, reading.facts, keep(raw, reading.received), context);
    case 'hresult':
      return fromHresult(reading.value, reading.facts, keep(raw, reading.received), context);
    case 'fault':
      return fromFault(reading.fault, keep(raw, reading.fault), context);
    case 'entry':
      return errorFromCode('msnp', { code: reading.entry.code, entry: reading.entry, ...keep(raw, undefined) }, context);
    case 'none':
      return unknownError('msnp', typeof raw === 'string' ? raw.slice(0, MAX_TEXT_CHARS) : raw, context, `No MSNP code could be read: ${reading.why}`);
  }
}

function classifyObject(value: object, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  const own = readFields(value);
  if (own !== undefined) return fromReading(own, value, context);
  const failure = readTransportFailure(value);
  if (failure !== undefined) return errorFromTransport('msnp', failure, value, context);
  const further = readFurther(value, 0);
  if (further !== undefined) return fromReading(further, value, context);
  return unknownError('msnp', value, context);
}

function classifyValue(raw: unknown, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  if (isGameServiceError(raw) && safeGet(raw, 'service') === 'msnp') return raw as GameServiceError<'msnp'>;
  if (typeof raw === 'bigint') {
    return fromReading(raw >= -0x80000000n && raw <= 0xffffffffn ? readNumber(Number(raw)) : none('The number is wider than 32 bits.'), raw, context);
  }
  const direct = readValue(raw);
  if (direct !== undefined) return fromReading(direct, raw, context);
  if (isObject(raw)) return classifyObject(raw, context);
  return unknownError('msnp', raw, context);
}

/**
 * Classifies anything an MSNP session can fail with: error lines (`'911 20\r\n'`, with a
 * payload length from MSNP13, several lines in one chunk), `OUT SSD` / `OUT OTH`, HRESULTs as
 * numbers or hex strings, Passport RST SOAP fault documents, the same as bytes, objects or
 * Errors carrying one of those, and thrown transport failures. Never throws.
 *
 * An HRESULT several MSNP codes share (0x8100030a: 205, 206, 208, 216) keeps the HRESULT as
 * its code and lists the candidates in `details.candidates`; its category is theirs when they
 * agree, else the most cautious of theirs.
 * @example classifyMsnp('911 20\r\n').category === 'unauthenticated'
 */
export function classifyMsnp(raw: unknown, context?: ClassifyContext): GameServiceError<'msnp'> {
  try {
    return classifyValue(raw, context);
  } catch {
    // Only a value hostile beyond what the readers guard against gets here.
    return unknownError('msnp', undefined, context);
  }
}

/** Reads MSNP answers: error lines, OUT reasons, HRESULTs, Passport SOAP faults, thrown values. */
export const msnpAdapter: Adapter<'msnp'> = {
  service: 'msnp',
  classify: classifyMsnp,
};
