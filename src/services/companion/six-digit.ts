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

/**
 * Characters that may stand beside a code the service wrote: space, brackets, quotes, and the
 * punctuation of a sentence (`Error 111001: ...`, `(111001)`). A digit run touching a letter, a
 * dot, `#`, `&`, `-`, `/` or `=` is part of something else: an id, a version, a proxy's reference
 * number (`Reference #18.8111001.1700000000`), an entity (`&#46;`), a URL.
 */
function isCodeBoundary(code: number): boolean {
  return Number.isNaN(code) || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || '()[]{},;:!\'"'.includes(String.fromCharCode(code));
}

/** Calls `visit` with each six-digit code standing as a word of the text, in one pass; stops when it returns true. */
function sixDigitWords(text: string, visit: (value: number) => boolean): boolean {
  const scanned = text.length > HTTP_LIMITS.scanChars ? text.slice(0, HTTP_LIMITS.scanChars) : text;
  let start = -1;
  for (let index = 0; index <= scanned.length; index += 1) {
    if (index < scanned.length && isDigit(scanned.charCodeAt(index))) {
      if (start < 0) start = index;
      continue;
    }
    const after = index === scanned.length ? Number.NaN : scanned.charCodeAt(index);
    // A full stop ends a sentence (`... code 111001.`) only when a space or the end follows it.
    const endsSentence = after === 0x2e && (index + 1 === scanned.length || isCodeBoundary(scanned.charCodeAt(index + 1)));
    const bounded = start >= 0 && isCodeBoundary(start === 0 ? Number.NaN : scanned.charCodeAt(start - 1)) && (isCodeBoundary(after) || endsSentence);
    if (bounded && index - start === 6 && visit(Number(scanned.slice(start, index)))) return true;
    start = -1;
  }
  return false;
}

/**
 * A field a number may be a code in: one named like a code, a status, an error or a result (or a
 * bare number). A six-digit `requestId`, `itemId`, `price` or timestamp is data, not a code.
 */
function isCodeField(key: string | undefined): boolean {
  return key === undefined || /code|status|error|result/i.test(key);
}

/** An HTML page: a proxy's or a CDN's, never the service's own error, which is JSON or plain text. */
function isHtml(text: string): boolean {
  const head = text.slice(0, 512).trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body') || /<(?:html|body|title)[\s>]/.test(head);
}

/**
 * The six-digit Companion code in a body: a number in any JSON field, or six digits standing as a
 * word in a JSON string or in plain text. The first the catalog knows wins, else the first in
 * 100000-399999. The body's field names are not public, so no field is preferred; but six digits
 * inside something else (an id, a reference number, an HTML page of a proxy) are not a code.
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
    walkScalars(body.json, (scalar, key) => (typeof scalar === 'number' ? isCodeField(key) && consider(scalar) : sixDigitWords(scalar, consider)));
  } else if (body.text !== undefined && !isHtml(body.text)) {
    sixDigitWords(body.text, consider);
  }
  return catalogued ?? likely;
}
