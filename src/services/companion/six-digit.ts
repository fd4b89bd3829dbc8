import type { BodyReading } from '../../core/http/body.ts';
import { HTTP_LIMITS } from '../../core/http/limits.ts';
import { walkScalars } from '../../core/http/walk.ts';

const LOWEST = 100_000;
const HIGHEST = 999_999;
/** Companion error codes seen so far start with 1, 2 or 3; other six-digit numbers are rarely codes. */
const LIKELY_HIGHEST = 399_999;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Calls `visit` with each run of exactly six digits in the text, in one pass; stops when it returns true. */
function sixDigitRuns(text: string, visit: (value: number) => boolean): boolean {
  const scanned = text.length > HTTP_LIMITS.scanChars ? text.slice(0, HTTP_LIMITS.scanChars) : text;
  let start = -1;
  for (let index = 0; index <= scanned.length; index += 1) {
    if (index < scanned.length && isDigit(scanned.charCodeAt(index))) {
      if (start < 0) start = index;
      continue;
    }
    if (start >= 0 && index - start === 6 && visit(Number(scanned.slice(start, index)))) return true;
    start = -1;
  }
  return false;
}

/**
 * The six-digit Companion code in a body, whatever field holds it, or in plain text: the first
 * number the catalog knows, else the first in 100000-399999. The body's field names are not
 * public, so no field is preferred.
 */
export function findCompanionCode(body: BodyReading, isCatalogued: (code: number) => boolean): number | undefined {
  let catalogued: number | undefined;
  let likely: number | undefined;
  // A catalogued code ends the search; an uncatalogued one is kept only until a catalogued one turns up.
  const consider = (value: number): boolean => {
    if (!Number.isInteger(value) || value < LOWEST || value > HIGHEST) return false;
    if (isCatalogued(value)) {
      catalogued = value;
      return true;
    }
    if (likely === undefined && value <= LIKELY_HIGHEST) likely = value;
    return false;
  };
  if (body.json !== undefined) {
    walkScalars(body.json, (scalar) => (typeof scalar === 'number' ? consider(scalar) : sixDigitRuns(scalar, consider)));
  } else if (body.text !== undefined) {
    sixDigitRuns(body.text, consider);
  }
  return catalogued ?? likely;
}
