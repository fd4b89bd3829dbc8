import { isJsonObject, type BodyReading } from '../../core/http/body.ts';
import { textField, wholeNumberField } from '../../core/http/fields.ts';
import { salvageFields } from '../../core/http/salvage.ts';
import { safeGet } from '../../core/safe.ts';

/** One item of a problem's `details`: `{ errorType, message }`. */
export interface ProblemDetail {
  errorType?: string;
  message?: string;
}

/** An RFC 7807 problem document as Unity Gaming Services send it, with UGS's `code` and `requestId`. */
export interface Problem {
  readonly code?: number | undefined;
  readonly status?: number | undefined;
  readonly title?: string | undefined;
  readonly detail?: string | undefined;
  readonly type?: string | undefined;
  readonly requestId?: string | undefined;
  readonly details?: readonly ProblemDetail[] | undefined;
  /** True when the body did not parse and these fields were salvaged from its text. */
  readonly salvaged: boolean;
}

const MAX_DETAILS = 16;

function detailOf(item: unknown): ProblemDetail {
  const detail: ProblemDetail = {};
  const errorType = textField(item, 'errorType');
  const message = textField(item, 'message');
  if (errorType !== undefined) detail.errorType = errorType;
  if (message !== undefined) detail.message = message;
  return detail;
}

function fromJson(body: Readonly<Record<string, unknown>>): Problem {
  const items = safeGet(body, 'details');
  return {
    code: wholeNumberField(safeGet(body, 'code')),
    status: wholeNumberField(safeGet(body, 'status')),
    title: textField(body, 'title'),
    detail: textField(body, 'detail'),
    type: textField(body, 'type'),
    requestId: textField(body, 'requestId') ?? textField(body, 'requestID'),
    details: Array.isArray(items) ? items.slice(0, MAX_DETAILS).map(detailOf) : undefined,
    salvaged: false,
  };
}

/** The fields of a problem document that does not parse (seed 004's example lacks a comma). */
function fromText(text: string): Problem | undefined {
  const fields = salvageFields(text);
  if (fields.length === 0) return undefined;
  const top = new Map<string, string | number | boolean | null>();
  const details: ProblemDetail[] = [];
  let current: ProblemDetail | undefined;
  for (const field of fields) {
    if (field.depth === 1) {
      if (!top.has(field.key)) top.set(field.key, field.value);
      continue;
    }
    if ((field.key !== 'errorType' && field.key !== 'message') || typeof field.value !== 'string') continue;
    // A repeated key means the next item of `details` has begun.
    if (current === undefined || current[field.key] !== undefined) {
      if (details.length >= MAX_DETAILS) break;
      current = {};
      details.push(current);
    }
    current[field.key] = field.value;
  }
  const stringAt = (key: string): string | undefined => {
    const value = top.get(key);
    return typeof value === 'string' ? value : undefined;
  };
  return {
    code: wholeNumberField(top.get('code')),
    status: wholeNumberField(top.get('status')),
    title: stringAt('title'),
    detail: stringAt('detail'),
    type: stringAt('type'),
    requestId: stringAt('requestId') ?? stringAt('requestID'),
    details: details.length > 0 ? details : undefined,
    salvaged: true,
  };
}

/** Reads a problem document from a body, parsed or salvaged; undefined when the body is not one. */
export function readProblem(body: BodyReading): Problem | undefined {
  if (isJsonObject(body.json)) return fromJson(body.json);
  if (body.malformed === true && body.text !== undefined) return fromText(body.text);
  return undefined;
}

/** The problem's facts worth keeping on an error, without the empty ones. */
export function problemDetails(problem: Problem | undefined): Record<string, unknown> | undefined {
  if (problem === undefined) return undefined;
  const kept: Record<string, unknown> = {};
  if (problem.requestId !== undefined) kept.requestId = problem.requestId;
  if (problem.title !== undefined) kept.title = problem.title;
  if (problem.detail !== undefined) kept.detail = problem.detail;
  if (problem.details !== undefined) kept.details = problem.details;
  if (problem.type !== undefined) kept.type = problem.type;
  if (problem.salvaged) kept.malformedBody = true;
  return Object.keys(kept).length > 0 ? kept : undefined;
}
