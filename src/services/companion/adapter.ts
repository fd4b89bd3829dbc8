import type { HttpAdapter } from '../../core/adapter.ts';
import type { HttpAnswer } from '../../core/http/answer.ts';
import { isJsonObject, scanWindow } from '../../core/http/body.ts';
import { pickTextFields } from '../../core/http/fields.ts';
import { createHttpAdapter, type CodeReading } from '../../core/http/http-adapter.ts';
import { describeStatus, isSuccessStatus, type StatusMeaning } from '../../core/http/status.ts';
import { mentions } from '../../core/http/walk.ts';
import { companionIndex, findCompanion } from './catalog.ts';
import { findCompanionCode } from './six-digit.ts';

/** Companion's maintenance code: HTTP 503 with the body "Under Maintenance". */
const MAINTENANCE_CODE = '100000';
/** HTTP 202: the request is queued; ask again with the same request-id. */
const ACCEPTED = 202;

const isCatalogued = (code: number): boolean => companionIndex.byCode(String(code)) !== undefined;

function uncatalogued(httpStatus: number | undefined): StatusMeaning {
  // The code ranges are not public: the HTTP status is the better guide.
  if (httpStatus !== undefined && !isSuccessStatus(httpStatus)) return describeStatus(httpStatus);
  return { category: 'unknown', description: 'This Companion code is not catalogued.' };
}

function readCode(code: string, httpStatus: number | undefined, details?: Record<string, unknown>): CodeReading {
  const entry = findCompanion(code);
  return entry === undefined ? { code, fallback: uncatalogued(httpStatus), details } : { code: entry.code, entry, details };
}

function successReading(status: number): CodeReading {
  return {
    code: String(status),
    fallback: {
      category: 'unknown',
      description: status === ACCEPTED
        ? 'HTTP 202: the request is queued, not failed; ask again with the same request-id.'
        : `HTTP ${status} is a success status, not a failure.`,
    },
  };
}

/**
 * Reads a Companion answer: a six-digit code anywhere in the body (JSON or text), the
 * maintenance page (503 "Under Maintenance"), else the HTTP status. A 2xx is never scanned for
 * codes: market data is full of six-digit numbers.
 */
function readAnswer(answer: HttpAnswer): CodeReading | undefined {
  const { status, body } = answer;
  if (status !== undefined && isSuccessStatus(status)) return successReading(status);
  const details = isJsonObject(body.json) ? pickTextFields(body.json, ['message', 'error', 'title', 'detail']) : undefined;
  const code = findCompanionCode(body, isCatalogued);
  if (code !== undefined) return readCode(String(code), status, details);
  const maintenance = (status === 503 || status === undefined) && mentions(body.json, scanWindow(body), 'maintenance');
  if (maintenance) return readCode(MAINTENANCE_CODE, status, details);
  if (status === undefined) return undefined;
  return { code: String(status), fallback: describeStatus(status), details };
}

function readValue(raw: string | number): CodeReading | undefined {
  const entry = findCompanion(raw);
  if (entry !== undefined) return { code: entry.code, entry };
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  return /^[1-9]\d{5}$/.test(text) ? readCode(text, undefined) : undefined;
}

/** Reads the FINAL FANTASY XIV companion API: six-digit codes, maintenance pages, 202 polling. */
export const companionAdapter: HttpAdapter<'companion'> = createHttpAdapter({
  service: 'companion',
  readAnswer,
  readValue,
  // Companion's 2xx answers are successes or a 202 "queued": the status tells which.
  successFromStatus: true,
  readSuccess(answer) {
    if (answer.status === ACCEPTED) return { kind: 'pending' };
    return { kind: 'value', value: answer.body.json ?? answer.body.text };
  },
});
