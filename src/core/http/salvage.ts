import { HTTP_LIMITS } from './limits.ts';

/** One `"key": scalar` pair found in JSON-like text, with how deeply it was nested (1 = top level). */
export interface SalvagedField {
  readonly key: string;
  readonly value: string | number | boolean | null;
  readonly depth: number;
}

const MAX_FIELDS = 256;
const MAX_STRING = 2048;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isWordChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isNumberChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2b || code === 0x2e || code === 0x65 || code === 0x45;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

/**
 * Reads the scalar fields out of JSON that does not parse (a missing comma, a cut-off body),
 * in one linear pass with no regular expression: each character is looked at a bounded number
 * of times, whatever the input. Structure is tracked only as a nesting depth.
 */
export function salvageFields(source: string): SalvagedField[] {
  const text = source.slice(0, HTTP_LIMITS.scanChars);
  const fields: SalvagedField[] = [];
  let depth = 0;
  let key: string | undefined;
  let index = 0;
  const emit = (value: SalvagedField['value']): void => {
    if (key !== undefined && fields.length < MAX_FIELDS) fields.push({ key, value, depth });
    key = undefined;
  };
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x22 /* " */) {
      let value = '';
      index += 1;
      while (index < text.length) {
        const char = text[index] ?? '';
        if (char === '"') break;
        if (char === '\\') {
          const escaped = text[index + 1] ?? '';
          if (value.length < MAX_STRING) value += escaped === 'u' ? String.fromCharCode(Number.parseInt(text.slice(index + 2, index + 6), 16) || 0xfffd) : (ESCAPES[escaped] ?? escaped);
          index += escaped === 'u' ? 6 : 2;
          continue;
        }
        if (value.length < MAX_STRING) value += char;
        index += 1;
      }
      index += 1;
      let after = index;
      while (after < text.length && isSpace(text.charCodeAt(after))) after += 1;
      if (text.charCodeAt(after) === 0x3a /* : */) {
        key = value;
        index = after + 1;
      } else {
        emit(value);
      }
      continue;
    }
    if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      depth += 1;
      key = undefined;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      depth = Math.max(0, depth - 1);
      key = undefined;
    } else if (isNumberChar(code)) {
      const start = index;
      while (index < text.length && isNumberChar(text.charCodeAt(index))) index += 1;
      const number = Number(text.slice(start, index));
      if (Number.isFinite(number)) emit(number);
      else key = undefined;
      continue;
    } else if (isWordChar(code)) {
      const start = index;
      while (index < text.length && isWordChar(text.charCodeAt(index))) index += 1;
      const word = text.slice(start, index);
      if (word === 'true') emit(true);
      else if (word === 'false') emit(false);
      else if (word === 'null') emit(null);
      else key = undefined;
      continue;
    }
    index += 1;
  }
  return fields;
}
