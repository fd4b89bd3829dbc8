import type { MsnpCodeEntry } from '../../catalog/generated/msnp.ts';
import type { Adapter } from '../../core/adapter.ts';
import { errorFromCode, errorFromTransport, unknownError } from '../../core/build-error.ts';
import type { Category } from '../../core/category.ts';
import { adoptGameServiceError, type GameServiceError } from '../../core/error.ts';
import { isError, isObject } from '../../core/safe.ts';
import { readTransportFailure } from '../../core/thrown.ts';
import { msnpCodesForHresult, msnpHresult, msnpIndex } from './catalog.ts';
import { dialectOf, entryInContext, type MsnpClassifyContext } from './context.ts';
import { faultCodeCategory } from './fault.ts';
import { MAX_TEXT_CHARS, none, readFields, readFurther, readNumber, readValue, type Facts, type Reading } from './read.ts';
import { mostCautious, sharedMsgrName } from './shared-hresult.ts';
import type { MsnSoapFault } from './soap.ts';

type ClassifyContext = MsnpClassifyContext;

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

interface Kept {
  readonly received?: unknown;
  readonly cause?: unknown;
}

function fromCode(code: string, facts: Facts, kept: Kept, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  const known = msnpIndex.byCode(code);
  if (known !== undefined) {
    const { entry, facts: contextual } = entryInContext(known, context);
    return errorFromCode('msnp', { code, entry, details: { ...facts, ...contextual }, ...kept }, context);
  }
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

function fromSharedHresult(hex: string, entries: readonly MsnpCodeEntry[], facts: Facts, kept: Kept, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  const name = sharedMsgrName(entries) ?? entries[0]?.otherNames?.find((other) => other.startsWith('MSGR_')) ?? entries[0]?.name ?? hex;
  const codes = entries.map((entry) => entry.code);
  const { category, retry, agreed } = mostCautious(entries);
  const description =
    `HRESULT ${hex} (${name}) is what the official client shows for several MSNP codes (${codes.join(', ')}), so it cannot be traced back to one of them. ` +
    (agreed ? 'They all fall in one category.' : 'They differ in category; this is the most cautious of theirs.');
  // A derived entry: what the codes sharing the HRESULT have in common, not a catalog row.
  const derived: MsnpCodeEntry = {
    service: 'msnp',
    code: hex as MsnpCodeEntry['code'],
    name,
    description,
    category,
    retry,
  };
  return errorFromCode('msnp', { code: hex, entry: derived, details: { ...facts, hresult: hex, candidates: codes }, ...kept }, context);
}

function fromHresult(value: number, facts: Facts, kept: Kept, context: ClassifyContext | undefined, faultCode?: string): GameServiceError<'msnp'> {
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
  // An HRESULT the catalog lacks says nothing, but the fault code beside it still does.
  const category: Category = success || faultCode === undefined ? 'unknown' : faultCodeCategory(faultCode);
  const description = success
    ? `HRESULT ${hex} reports success, not an error: there is nothing to classify.`
    : `HRESULT ${hex} is not in the catalog and maps to no MSNP code.${faultCode === undefined ? '' : ` The SOAP fault code beside it is ${faultCode}.`}`;
  return errorFromCode('msnp', { code: hex, fallback: { category, description }, details: { ...facts, hresult: hex, ...(success ? { success: true } : {}) }, ...kept }, context);
}

function fromFault(fault: MsnSoapFault, kept: Kept, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  const faultCode = fault.faultCode;
  const description =
    faultCode === undefined
      ? 'The SOAP fault carries neither an HRESULT nor a fault code.'
      : `The SOAP fault carries no HRESULT and no fault code the catalog holds; its fault code is ${faultCode}.`;
  const facts = { source: 'soap-fault', ...fault };
  return errorFromCode(
    'msnp',
    { code: 'UNKNOWN', fallback: { category: faultCode === undefined ? 'unknown' : faultCodeCategory(faultCode), description }, details: facts, ...kept },
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
      return fromHresult(reading.value, reading.facts, keep(raw, reading.received), context, reading.faultCode);
    case 'no-common-dialect':
      return fromCode('VER 0', reading.facts, keep(raw, reading.received), context);
    case 'fault':
      return fromFault(reading.fault, keep(raw, reading.fault), context);
    case 'entry':
      return errorFromCode('msnp', { code: reading.entry.code, entry: reading.entry, details: reading.facts, ...keep(raw, reading.received) }, context);
    case 'none':
      return unknownError('msnp', typeof raw === 'string' ? raw.slice(0, MAX_TEXT_CHARS) : raw, context, `No MSNP code could be read: ${reading.why}`);
  }
}

function classifyObject(value: object, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  const dialect = dialectOf(context);
  const own = readFields(value, dialect);
  if (own !== undefined) return fromReading(own, value, context);
  const failure = readTransportFailure(value);
  if (failure !== undefined) return errorFromTransport('msnp', failure, value, context);
  const further = readFurther(value, 0, dialect);
  if (further !== undefined) return fromReading(further, value, context);
  return unknownError('msnp', value, context);
}

function classifyValue(raw: unknown, context: ClassifyContext | undefined): GameServiceError<'msnp'> {
  const own = adoptGameServiceError(raw, 'msnp', context?.secrets);
  if (own !== undefined) return own;
  if (typeof raw === 'bigint') {
    return fromReading(raw >= -0x80000000n && raw <= 0xffffffffn ? readNumber(Number(raw)) : none('The number is wider than 32 bits.'), raw, context);
  }
  const direct = readValue(raw, dialectOf(context));
  if (direct !== undefined) return fromReading(direct, raw, context);
  if (isObject(raw)) return classifyObject(raw, context);
  return unknownError('msnp', raw, context);
}

/**
 * Classifies anything an MSNP session can fail with: error lines (`'911 20\r\n'`, with a
 * payload length from MSNP13, several lines in one chunk, the payloads of payload commands
 * stepped over), `OUT SSD` / `OUT OTH`, `VER <TrID> 0`, HRESULTs as numbers or hex strings, SOAP
 * fault documents of Passport (RST, psf:Redirect), offline messages and the address book, the
 * same as bytes, objects or Errors carrying one of those, and thrown transport failures. Never
 * throws.
 *
 * An HRESULT several MSNP codes share (0x8100030a: 205, 206, 208, 216) keeps the HRESULT as
 * its code and lists the candidates in `details.candidates`; its category is theirs when they
 * agree, else the most cautious of theirs. The context says where the answer arrived: a 911 on
 * a switchboard, or after Passport accepted the sign-in, is a stale ticket (token-expired).
 * @example classifyMsnp('911 20\r\n').category === 'unauthenticated'
 * @example classifyMsnp('911 20\r\n', { connection: 'switchboard' }).category === 'token-expired'
 */
export function classifyMsnp(raw: unknown, context?: MsnpClassifyContext): GameServiceError<'msnp'> {
  try {
    return classifyValue(raw, context);
  } catch {
    // Only a value hostile beyond what the readers guard against gets here.
    return unknownError('msnp', undefined, context);
  }
}

/** Reads MSNP answers: error lines, OUT reasons, HRESULTs, Passport SOAP faults, thrown values. */
export const msnpAdapter: Adapter<'msnp', MsnpClassifyContext> = {
  service: 'msnp',
  classify: classifyMsnp,
};
