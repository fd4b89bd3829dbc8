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

/**
 * A field that holds data, whatever its text looks like: an id, a reference, a token, a time, a
 * price, a URL. Six digits in one (`"requestId": "111001"`) are never a code.
 */
function isDataField(key: string | undefined): boolean {
  return key !== undefined && (/(?:^|[_-])ids?$|[a-z]Ids?$|ID$|uuid|guid|ref(?:erence)?|token|hash|time|date|price|amount|url|uri|path/i.test(key));
}

/** True when the text is nothing but a number: as such it is a field's value, read by the field's name. */
function isNumeral(text: string): boolean {
  return /^\s*\d+\s*$/.test(text);
}

/** An HTML page: a proxy's or a CDN's, never the service's own error, which is JSON or plain text. */
function isHtml(text: string): boolean {
  const head = text.slice(0, 512).trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body') || /<(?:html|body|title)[\s>]/.test(head);
}

/** The codes found, best first: catalogued ones over others; within each, a code field's over free text's. */
class Candidates {
  #cataloguedInField: number | undefined;
  #cataloguedInText: number | undefined;
  #likelyInField: number | undefined;
  #likelyInText: number | undefined;
  readonly #isCatalogued: (code: number) => boolean;

  constructor(isCatalogued: (code: number) => boolean) {
    this.#isCatalogued = isCatalogued;
  }

  /** Keeps `value` if it may be a code; true once nothing better can turn up. */
  consider(value: number, inField: boolean): boolean {
    if (!Number.isInteger(value) || value < LOWEST || value > HIGHEST) return false;
    if (this.#isCatalogued(value)) {
      if (inField) {
        this.#cataloguedInField ??= value;
        return true;
      }
      this.#cataloguedInText ??= value;
      return false;
    }
    if (value <= LIKELY_HIGHEST) {
      if (inField) this.#likelyInField ??= value;
      else this.#likelyInText ??= value;
    }
    return false;
  }

  get best(): number | undefined {
    return this.#cataloguedInField ?? this.#cataloguedInText ?? this.#likelyInField ?? this.#likelyInText;
  }
}

/**
 * The six-digit Companion code in a body: a number (or a numeral string) in a field named like a
 * code, or six digits standing as a word in a JSON string or in plain text. A code the catalog
 * knows wins over one it does not (which must be in 100000-399999), and a code field's over a
 * word of free text; the body's field names are not public, so no code field is preferred to
 * another. Six digits inside something else (an id field, a reference number, an HTML page of a
 * proxy) are not a code.
 */
export function findCompanionCode(body: BodyReading, isCatalogued: (code: number) => boolean): number | undefined {
  const candidates = new Candidates(isCatalogued);
  if (body.json !== undefined) {
    walkScalars(body.json, (scalar, key) => {
      if (isDataField(key)) return false;
      if (typeof scalar === 'number') return isCodeField(key) && candidates.consider(scalar, key !== undefined);
      if (isNumeral(scalar)) return isCodeField(key) && candidates.consider(Number(scalar), key !== undefined);
      return sixDigitWords(scalar, (value) => candidates.consider(value, false));
    });
  } else if (body.text !== undefined && !isHtml(body.text)) {
    sixDigitWords(body.text, (value) => candidates.consider(value, false));
  }
  return candidates.best;
}
