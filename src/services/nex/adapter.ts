import { err, ok, type Result } from 'neverthrow';
import type { Adapter, ClassifyContext } from '../../core/adapter.ts';
import { errorFromCode, errorFromTransport, unknownError } from '../../core/build-error.ts';
import { asBytes } from '../../core/bytes.ts';
import { adoptGameServiceError, type GameServiceError } from '../../core/error.ts';
import { isError, isObject, safeGet, safeString } from '../../core/safe.ts';
import { readTransportFailure } from '../../core/thrown.ts';
import { moduleFallback } from './module-fallback.ts';
import { entryForResult, MAX_TEXT, moduleLabel, readCodeText, readResultNumber, type CodeReading } from './read-code.ts';
import { ERROR_BIT, moduleOf, toDisplayCode, toHex } from './result-code.ts';
import { readLeadingResult, readRmcFrame, type RmcResponse } from './rmc.ts';

/** What the NEX adapter can be told beside the raw value. */
export interface NexClassifyContext extends ClassifyContext {
  /**
   * Read a success frame's body as starting with a result code (`%retval%`). Some methods
   * succeed at the RMC level and report failure there: Ticket Granting (protocol 10) Login,
   * LoginEx and RequestTicket answer RendezVous::InvalidUsername, Core::AccessDenied or, during
   * maintenance, Authentication::UnderMaintenance that way. Most methods' bodies start with
   * something else: `true` reads the first four bytes as a result whatever they hold; `false`
   * never reads them; left out, they are read only when they are a catalogued error result.
   * @default undefined
   */
  readonly bodyResult?: boolean | undefined;
}

/** Where an object may carry a NEX result, in the order they are read. */
const CODE_FIELDS = ['resultCode', 'errorCode', 'code', 'result'] as const;
/** How far `cause` / `error` chains are followed for a code. */
const NESTING = 4;

type Facts = Readonly<Record<string, unknown>>;

/** What the error keeps of the raw value: an Error as its cause, anything else as a redacted copy. */
function keep(raw: unknown): { readonly received?: unknown; readonly cause?: unknown } {
  if (isError(raw)) return { cause: raw };
  return { received: typeof raw === 'string' ? raw.slice(0, MAX_TEXT) : raw };
}

function fromResult(resultCode: number, raw: unknown, context: ClassifyContext | undefined, facts: Facts): GameServiceError<'nex'> {
  const display = toDisplayCode(resultCode);
  const entry = entryForResult(resultCode);
  const hex = toHex(resultCode);
  const details = { resultCode: hex, module: moduleLabel(resultCode), ...facts };
  if (entry !== undefined) return errorFromCode('nex', { code: entry.code, entry, details, ...keep(raw) }, context);
  const module = moduleOf(resultCode);
  const fallback = module === undefined ? undefined : moduleFallback(module.id);
  const description = [
    `NEX result ${hex} (module ${moduleLabel(resultCode)}, description 0x${(resultCode & 0xffff).toString(16).toUpperCase().padStart(4, '0')}) is not in the catalog.`,
    module === undefined ? 'Its module has no known display code, so it is written as hex.' : undefined,
    fallback === undefined ? undefined : `Categorised by its module: ${fallback.why}`,
  ].filter((part) => part !== undefined).join(' ');
  return errorFromCode(
    'nex',
    { code: display ?? hex, fallback: { category: fallback?.category ?? 'unknown', description }, details, ...keep(raw) },
    context,
  );
}

/** An error for a value that reports no failure, or none that can be read, with the facts found. */
function notClassified(code: string, description: string, raw: unknown, context: ClassifyContext | undefined, details?: Facts): GameServiceError<'nex'> {
  return errorFromCode('nex', { code, fallback: { category: 'unknown', description }, details, ...keep(raw) }, context);
}

function fromReading(reading: CodeReading, raw: unknown, context: ClassifyContext | undefined, facts: Facts = {}): GameServiceError<'nex'> {
  switch (reading.kind) {
    case 'result':
      return fromResult(reading.resultCode, raw, context, { ...reading.notes, ...facts });
    case 'success':
      return notClassified(
        toHex(reading.resultCode),
        `NEX result ${toHex(reading.resultCode)} reports success, not an error: there is nothing to classify.`,
        raw,
        context,
        { resultCode: toHex(reading.resultCode), success: true, ...facts },
      );
    case 'display':
      return notClassified(reading.display, `${reading.display} is not a catalogued NEX code. ${reading.why}`, raw, context, facts);
    case 'pia':
      return notClassified(
        reading.display,
        `${reading.display} is a PIA code (Nintendo's peer-to-peer library, 2618-XXXX): PIA, code not catalogued.`,
        raw,
        context,
        { library: 'PIA', ...facts },
      );
    case 'name':
      // A name stands for its result code: the error carries the same facts as the code would.
      if (reading.entry.resultCode !== undefined) return fromResult(Number(reading.entry.resultCode), raw, context, facts);
      return errorFromCode('nex', { code: reading.entry.code, entry: reading.entry, details: facts, ...keep(raw) }, context);
    case 'unreadable':
      return unknownError('nex', raw, context, `No NEX code could be read: ${reading.why}`);
  }
}

function invalidFrame(reason: string, byteLength: number, raw: unknown, context: ClassifyContext | undefined): GameServiceError<'nex'> {
  return notClassified('UNKNOWN', `Not a readable RMC response frame: ${reason}`, raw, context, { invalidFrame: true, reason, byteLength });
}

function fromResponse(response: RmcResponse, raw: unknown, context: NexClassifyContext | undefined): GameServiceError<'nex'> {
  const frame = { protocolId: response.protocolId, callId: response.callId };
  if (!response.success) {
    // rmc.py only sends failure frames for codes with the error bit; a frame that says failure is one.
    const bitAdded = (response.resultCode & ERROR_BIT) === 0;
    return fromResult((response.resultCode | ERROR_BIT) >>> 0, raw, context, {
      source: 'rmc-failure',
      ...frame,
      ...(bitAdded ? { errorBitAdded: true, sentResultCode: toHex(response.resultCode) } : {}),
    });
  }
  const success = { ...frame, methodId: response.methodId, bodyBytes: response.body.byteLength };
  const result = readLeadingResult(response.body);
  if (context?.bodyResult === true) {
    if (result === undefined) {
      return invalidFrame(`the success body has ${response.body.byteLength} bytes, too few for a leading result (4 bytes).`, response.body.byteLength, raw, context);
    }
    if ((result & ERROR_BIT) === 0) return fromReading({ kind: 'success', resultCode: result }, raw, context, { source: 'rmc-body-result', ...success });
    return fromResult(result, raw, context, { source: 'rmc-body-result', ...success });
  }
  // Unasked, a body is read as a result only when it plainly is one: a catalogued error result.
  if (context?.bodyResult === undefined && result !== undefined && (result & ERROR_BIT) !== 0 && isCatalogued(result)) {
    return fromResult(result, raw, context, { source: 'rmc-body-result', inferred: true, ...success });
  }
  return notClassified(
    'UNKNOWN',
    `The RMC response reports success (protocol ${response.protocolId}, method ${response.methodId}): there is no error to classify. ` +
      'Methods that return a result first (%retval%, as Ticket Granting Login does) can report failure inside a successful call: classify with { bodyResult: true } to read it.',
    raw,
    context,
    { source: 'rmc-success', ...success },
  );
}

function isCatalogued(resultCode: number): boolean {
  return entryForResult(resultCode) !== undefined;
}

function classifyBytes(bytes: Uint8Array, raw: unknown, context: NexClassifyContext | undefined): GameServiceError<'nex'> {
  const reading = readRmcFrame(bytes);
  return reading.ok ? fromResponse(reading.response, raw, context) : invalidFrame(reading.problem.reason, reading.problem.byteLength, raw, context);
}

/** A code in the object's own fields: numbers, and strings that are exactly one code. */
function codeInFields(value: object): CodeReading | undefined {
  for (const field of CODE_FIELDS) {
    const read = safeGet(value, field);
    const reading = typeof read === 'number' ? readResultNumber(read) : typeof read === 'string' ? readCodeText(read, false) : undefined;
    if (reading !== undefined && reading.kind !== 'unreadable') return reading;
  }
  return undefined;
}

/** A code in the message, then along `cause` and `error` chains. */
function codeFurther(value: object, depth: number): CodeReading | undefined {
  const message = safeString(value, 'message');
  if (message !== undefined) {
    const reading = readCodeText(message, true);
    if (reading.kind !== 'unreadable') return reading;
  }
  if (depth >= NESTING) return undefined;
  for (const key of ['cause', 'error']) {
    const inner = safeGet(value, key);
    if (!isObject(inner)) continue;
    const found = codeInFields(inner) ?? codeFurther(inner, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function classifyObject(value: object, context: NexClassifyContext | undefined): GameServiceError<'nex'> {
  const own = codeInFields(value);
  if (own !== undefined) return fromReading(own, value, context);
  const failure = readTransportFailure(value);
  if (failure !== undefined) return errorFromTransport('nex', failure, value, context);
  const further = codeFurther(value, 0);
  if (further !== undefined) return fromReading(further, value, context);
  return unknownError('nex', value, context);
}

function classifyValue(raw: unknown, context: NexClassifyContext | undefined): GameServiceError<'nex'> {
  const own = adoptGameServiceError(raw, 'nex', context?.secrets);
  if (own !== undefined) return own;
  switch (typeof raw) {
    case 'number':
      return fromReading(readResultNumber(raw), raw, context);
    case 'bigint':
      return fromReading(raw >= -0x80000000n && raw <= 0xffffffffn ? readResultNumber(Number(raw)) : { kind: 'unreadable', why: 'The number is wider than 32 bits.' }, raw, context);
    case 'string':
      return fromReading(readCodeText(raw, true), raw, context);
    default:
      break;
  }
  const bytes = asBytes(raw);
  if (bytes !== undefined) return classifyBytes(bytes, raw, context);
  if (isObject(raw)) return classifyObject(raw, context);
  return unknownError('nex', raw, context);
}

/**
 * Classifies anything a NEX call can fail with: a result code (number, hex or decimal string,
 * with or without the error bit), a display code ('2306-0806', '106-0806', '2815-2104'), a name
 * ('Authentication::TokenExpired'), the bytes of an RMC response frame, an object or Error
 * carrying one of those, or a thrown transport failure. Never throws.
 * @example classifyNex(0x80680006).codeName === 'Authentication::TokenExpired'
 * @example classifyNex(loginResponseBytes, { bodyResult: true }) // reads Login's %retval%
 */
export function classifyNex(raw: unknown, context?: NexClassifyContext): GameServiceError<'nex'> {
  try {
    return classifyValue(raw, context);
  } catch {
    // Only a value hostile beyond what the readers guard against gets here.
    return unknownError('nex', undefined, context);
  }
}

/**
 * Reads the bytes of one RMC response frame (Uint8Array, Buffer, any view, ArrayBuffer). A
 * failure frame and a success frame are both `ok`: the caller decides what a failure means
 * (`classifyNex(response.resultCode)`) and reads a success body itself. A value that is no
 * readable frame (truncated, trailing bytes, a request, not bytes at all) is an `err` whose
 * details say why. Never throws.
 * @example
 * const read = readRmcResponse(bytes);
 * if (read.isOk() && !read.value.success) throw classifyNex(read.value.resultCode);
 */
export function readRmcResponse(bytes: unknown, context?: ClassifyContext): Result<RmcResponse, GameServiceError<'nex'>> {
  try {
    const view = asBytes(bytes);
    if (view === undefined) return err(notClassified('UNKNOWN', 'Not a readable RMC response frame: the value is not bytes.', bytes, context, { invalidFrame: true }));
    const reading = readRmcFrame(view);
    return reading.ok ? ok(reading.response) : err(invalidFrame(reading.problem.reason, reading.problem.byteLength, bytes, context));
  } catch {
    return err(unknownError('nex', undefined, context, 'Not a readable RMC response frame: the value could not be read.'));
  }
}

/** Reads NEX answers: result codes, display codes, names, RMC frames, thrown values. */
export const nexAdapter: Adapter<'nex', NexClassifyContext> = {
  service: 'nex',
  classify: classifyNex,
};

