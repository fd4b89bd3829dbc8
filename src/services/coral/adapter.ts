import type { HttpAdapter } from '../../core/adapter.ts';
import type { HttpAnswer } from '../../core/http/answer.ts';
import { isJsonObject, scanWindow } from '../../core/http/body.ts';
import { pickTextFields, textField, wholeNumberField } from '../../core/http/fields.ts';
import { createHttpAdapter, type CodeReading } from '../../core/http/http-adapter.ts';
import { describeStatus, isSuccessStatus, type StatusMeaning } from '../../core/http/status.ts';
import { mentions } from '../../core/http/walk.ts';
import { salvageFields } from '../../core/http/salvage.ts';
import { safeGet } from '../../core/safe.ts';
import { coralCode, findCoral } from './catalog.ts';

/** Coral's success status: `{"status": 0, "result": ...}`. */
const OK = 0;
const DISPLAY_PREFIX = '2815-';

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** A 2815-XXXX display code inside a piece of text, found without a regular expression. */
function displayCodeIn(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let from = 0;
  for (;;) {
    const at = text.indexOf(DISPLAY_PREFIX, from);
    if (at < 0) return undefined;
    const digits = text.slice(at + DISPLAY_PREFIX.length, at + DISPLAY_PREFIX.length + 4);
    const after = text.charCodeAt(at + DISPLAY_PREFIX.length + 4);
    const before = at === 0 ? Number.NaN : text.charCodeAt(at - 1);
    if (/^\d{4}$/.test(digits) && !isDigit(after) && !isDigit(before)) return `${DISPLAY_PREFIX}${digits}`;
    from = at + DISPLAY_PREFIX.length;
  }
}

/**
 * What an uncatalogued Coral status suggests: the HTTP status when it is a failure status,
 * else its hundred: 94xx statuses are requests the service refused (9400 BAD_REQUEST ...
 * 9468), 95xx are failures of the service (9500, 9501, 9511, 9599).
 */
function statusFallback(status: number, httpStatus: number | undefined): StatusMeaning {
  if (httpStatus !== undefined && !isSuccessStatus(httpStatus)) return describeStatus(httpStatus);
  if (status >= 9400 && status <= 9499) {
    return { category: 'invalid-request', description: `Coral status ${status} is not catalogued; 94xx statuses report a request the service refused.` };
  }
  if (status >= 9500 && status <= 9599) {
    return { category: 'server-error', description: `Coral status ${status} is not catalogued; 95xx statuses report a failure of the service.` };
  }
  return { category: 'unknown', description: `Coral status ${status} is not catalogued.` };
}

const SUCCESS: CodeReading = {
  code: String(OK),
  fallback: { category: 'unknown', description: 'The answer reports success (Coral status 0); it is not a failure.' },
};

const UNCATALOGUED_DISPLAY: StatusMeaning = {
  category: 'unknown',
  description: 'This 2815 display code is not catalogued.',
};

function readCode(code: string | number, httpStatus: number | undefined, details?: Record<string, unknown>): CodeReading {
  const entry = findCoral(code);
  if (entry !== undefined) return { code: entry.code, entry, details };
  const canonical = coralCode(code) ?? String(code);
  const status = typeof code === 'number' ? code : wholeNumberField(canonical);
  return {
    code: canonical,
    fallback: status === undefined ? UNCATALOGUED_DISPLAY : statusFallback(status, httpStatus),
    details,
  };
}

/** The code of an answer whose body says nothing Coral can read: its HTTP status. */
function fromHttpStatus(answer: HttpAnswer, details: Record<string, unknown> | undefined): CodeReading | undefined {
  const { status } = answer;
  if (status === undefined) return undefined;
  if (isSuccessStatus(status)) {
    return {
      code: String(status),
      fallback: { category: 'unknown', description: `HTTP ${status}, but the body is not a Coral answer: it has no status field.` },
      details,
    };
  }
  const maintenance = status === 503 && mentions(answer.body.json, scanWindow(answer.body), 'maintenance');
  return { code: String(status), fallback: describeStatus(status, { maintenance }), details };
}

/**
 * The Coral answer inside nxapi's proxy error: znc-proxy and nxapi's HTTP server answer a Coral
 * failure as HTTP 500 `{"error": "unknown_error", "error_message": ..., "data": {"status": 9404,
 * "errorMessage": ..., "correlationId": ...}}`, and nxapi's own client reads `data.status` back.
 */
function proxiedCoralAnswer(body: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>> | undefined {
  if (body === undefined || safeGet(body, 'status') !== undefined || typeof safeGet(body, 'error') !== 'string') return undefined;
  const data = safeGet(body, 'data');
  return isJsonObject(data) && wholeNumberField(safeGet(data, 'status')) !== undefined ? data : undefined;
}

/**
 * Reads a Coral answer. The API says failure in the body, usually with HTTP 200:
 * `{"status": 9404, "errorMessage": "Token expired.", "correlationId": "..."}`; proxies in front
 * of it answer 502-530 with HTML, and nxapi's proxy wraps the Coral answer in an HTTP 500 (read
 * from its `data`). A 2815 display code, where one is given, is read too.
 */
/**
 * A Coral body that looked like JSON but did not parse (cut off, a comma missing): its top-level
 * fields, and nxapi's proxy's inner `data` fields (the nested ones) under `data`, salvaged.
 */
function salvagedBody(answer: HttpAnswer): Record<string, unknown> | undefined {
  const { text, malformed } = answer.body;
  if (malformed !== true || text === undefined) return undefined;
  const top: Record<string, unknown> = {};
  const inner: Record<string, unknown> = {};
  for (const field of salvageFields(text)) {
    const into = field.depth === 1 ? top : field.depth === 2 ? inner : undefined;
    if (into !== undefined && !Object.hasOwn(into, field.key)) into[field.key] = field.value;
  }
  if (Object.keys(inner).length > 0 && !Object.hasOwn(top, 'data')) top.data = inner;
  return Object.keys(top).length > 0 ? top : undefined;
}

function readAnswer(answer: HttpAnswer): CodeReading | undefined {
  const { json } = answer.body;
  const outer = isJsonObject(json) ? json : salvagedBody(answer);
  const proxied = proxiedCoralAnswer(outer);
  const body = proxied ?? outer;
  const picked = pickTextFields(body, ['correlationId', 'errorMessage']);
  const proxyError = proxied === undefined ? undefined : textField(outer, 'error');
  const details: Record<string, string> | undefined = proxyError === undefined ? picked : { ...picked, proxyError };
  const status = wholeNumberField(safeGet(body, 'status'));
  const display = displayCodeIn(textField(body, 'errorCode') ?? textField(body, 'code')) ?? displayCodeIn(details?.errorMessage) ?? displayCodeIn(scanWindow(answer.body));
  const withDisplay = display === undefined ? details : { ...details, displayCode: display };

  if (status !== undefined && status !== OK) {
    const reading = readCode(status, answer.status, withDisplay);
    // An uncatalogued status with a catalogued display code beside it: the display code says more.
    if (reading.entry === undefined && display !== undefined && findCoral(display) !== undefined) {
      return { ...readCode(display, answer.status, withDisplay), details: { ...withDisplay, coralStatus: status } };
    }
    return reading;
  }
  if (display !== undefined) return readCode(display, answer.status, withDisplay);
  if (status === OK && (answer.status === undefined || isSuccessStatus(answer.status))) return { ...SUCCESS, details };
  return fromHttpStatus(answer, details);
}

function readValue(raw: string | number): CodeReading | undefined {
  const canonical = coralCode(raw);
  if (canonical === String(OK)) return SUCCESS;
  if (canonical !== undefined) return readCode(canonical, undefined);
  const entry = typeof raw === 'string' ? findCoral(raw) : undefined;
  return entry === undefined ? undefined : { code: entry.code, entry };
}

/** Reads the Nintendo Switch Online app API (Coral): status bodies, proxy pages, thrown values. */
export const coralAdapter: HttpAdapter<'coral'> = createHttpAdapter({
  service: 'coral',
  readAnswer,
  readValue,
  readSuccess(answer) {
    const { json } = answer.body;
    if (isJsonObject(json) && wholeNumberField(safeGet(json, 'status')) === OK) return { kind: 'value', value: safeGet(json, 'result') };
    return { kind: 'failure' };
  },
});
